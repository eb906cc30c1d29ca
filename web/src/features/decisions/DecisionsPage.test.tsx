import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { decision, erinMe, productAs } from '../../test/voiceFixtures';

describe('DecisionsPage', () => {
  it('lists decisions with their links and filters by status, text and linked object', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/decisions': page([
        decision('dec_1', 'Second motor supplier', {
          links: [
            { type: 'item', id: 'itm_14', key: 'X2-14', name: 'Efficient propulsion' },
            { type: 'release', id: 'rel_2', key: '2.0', name: 'Series launch' },
            { type: 'goal', id: 'gol_1', key: null, name: null },
          ],
        }),
        decision('dec_2', 'Flight time first', { status: 'decided', date: '2026-10-01', decision: 'Battery first' }),
      ]),
      'GET /products/p-x2/decisions?status=decided&q=battery&linked=item%3AX2-1': page([
        decision('dec_2', 'Flight time first', { status: 'decided' }),
      ]),
    });
    const { user, location } = renderApp('/products/p-x2/decisions');
    const row = (await screen.findByRole('link', { name: 'Second motor supplier' })).closest('tr')!;
    expect(row).toHaveTextContent('Item X2-14 Efficient propulsion; Release 2.0 Series launch; Goal (deleted)');
    expect(row).toHaveTextContent('Proposed');
    expect(screen.getByRole('link', { name: 'Flight time first' }).closest('tr')).toHaveTextContent('Battery first');

    await user.selectOptions(screen.getByLabelText('Status'), 'decided');
    await user.type(screen.getByLabelText('Text'), 'battery');
    await user.type(screen.getByLabelText('Linked id or key'), 'X2-1');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Second motor supplier' })).not.toBeInTheDocument());
    const last = api.calls.at(-1)!.search;
    expect([last.get('status'), last.get('q'), last.get('linked')]).toEqual(['decided', 'battery', 'item:X2-1']);

    await user.click(screen.getByRole('button', { name: 'New decision' }));
    expect(location()).toBe('/products/p-x2/decisions/new');
  });

  it('offers no New decision to a stakeholder', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/decisions': page([decision('dec_1', 'Second motor supplier')]),
    });
    renderApp('/products/p-x2/decisions');
    expect(await screen.findByRole('link', { name: 'Second motor supplier' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New decision' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2);
  });
});
