import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { demand, erinMe, productAs } from '../../test/voiceFixtures';

describe('DemandPage', () => {
  it('ranks epics and features by demand, with revenue for the PM', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/demand': {
        body: {
          data: [
            demand('X2-1', 'Flight time', { customers: 3, revenue_at_stake: 1250000, votes: 4 }),
            demand('X2-58', 'OTA updates'),
          ],
        },
      },
    });
    renderApp('/products/p-x2/demand');
    const first = (await screen.findByRole('link', { name: 'X2-1' })).closest('tr')!;
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '1',
      'X2-1 Flight time (epic)',
      '3',
      '1,250,000',
      '1',
      '4',
      '0 / 1 / 0',
      'Nordic Grid Inspection AS',
    ]);
    expect(screen.getByRole('link', { name: 'X2-58' }).closest('tr')).toHaveTextContent(/^2/);
  });

  it('leaves revenue out for a stakeholder', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/demand': { body: { data: [demand('X2-1', 'Flight time', { revenue_at_stake: null })] } },
    });
    renderApp('/products/p-x2/demand');
    expect(await screen.findByRole('link', { name: 'X2-1' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Revenue at stake' })).not.toBeInTheDocument();
  });
});
