import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { decision, erinMe, idea, productAs } from '../../test/voiceFixtures';

const choices = {
  'GET /products/p-x2/releases': page([{ id: 'rel_2', version: '2.0', name: 'Series launch' }]),
  'GET /products/p-x2/goals': page([{ id: 'gol_1', objective: '45-minute flight time' }]),
  'GET /products/p-x2/initiatives': page([{ id: 'ini_1', name: 'Battery programme' }]),
  'GET /products/p-x2/ideas': page([idea('ide_1', 'Heated battery')]),
};

describe('DecisionPage', () => {
  it('records a new decision with options and links, showing field errors first', async () => {
    const created = decision('dec_9', 'Battery supplier', {
      links: [
        { type: 'item', id: 'itm_2', key: 'X2-2', name: 'Battery pack' },
        { type: 'goal', id: 'gol_1', key: null, name: '45-minute flight time' },
      ],
      options: [{ title: 'Keep', pros: 'Known', cons: 'Slow' }],
    });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      ...choices,
      'POST /products/p-x2/decisions': [
        apiError(400, 'validation_failed', 'invalid decision', [{ field: 'links.0.id', issue: 'must be an item of the product' }]),
        { status: 201, body: created },
      ],
      'GET /decisions/dec_9': { body: created },
    });
    const { user, location } = renderApp('/products/p-x2/decisions/new');
    const form = await screen.findByRole('form', { name: 'New decision' });
    await user.type(within(form).getByLabelText(/^Title/), 'Battery supplier');
    await user.click(within(form).getByRole('button', { name: 'Add option' }));
    const option = within(form).getByRole('group', { name: 'Option 1' });
    await user.type(within(option).getByLabelText('Option title'), 'Keep');
    await user.type(within(option).getByLabelText('Pros'), 'Known');
    await user.type(within(option).getByLabelText('Cons'), 'Slow');
    await user.type(within(form).getByLabelText('Item key'), 'X2-2');
    await user.click(within(form).getByRole('button', { name: 'Add link' }));
    await user.selectOptions(within(form).getByLabelText('Link type'), 'goal');
    await waitFor(() => expect(within(form).getByRole('option', { name: '45-minute flight time' })).toBeInTheDocument());
    await user.selectOptions(within(form).getByLabelText('Goal to link'), 'gol_1');
    await user.click(within(form).getByRole('button', { name: 'Add link' }));
    expect(within(within(form).getByRole('list', { name: 'Links' })).getAllByRole('listitem').map((l) => l.textContent)).toEqual([
      'Item X2-2 Remove',
      'Goal 45-minute flight time Remove',
    ]);
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    expect(await within(form).findByText(/links.0.id: must be an item of the product/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/decisions/dec_9'));
    expect(await screen.findByRole('link', { name: 'Item X2-2 Battery pack' })).toHaveAttribute('href', '/products/p-x2/items/X2-2');
    expect(screen.getByText('Goal 45-minute flight time')).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/decisions')[1].body).toEqual({
      title: 'Battery supplier',
      context: '',
      options: [{ title: 'Keep', pros: 'Known', cons: 'Slow' }],
      decision: '',
      rationale: '',
      date: null,
      status: 'proposed',
      links: [
        { type: 'item', id: 'X2-2' },
        { type: 'goal', id: 'gol_1' },
      ],
    });
  });

  it('edits a decision to decided with If-Match, keeping its links', async () => {
    const dec = decision('dec_1', 'Flight time first', {
      version: 3,
      context: 'Room for one upgrade',
      links: [{ type: 'release', id: 'rel_2', key: '2.0', name: 'Series launch' }],
    });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      ...choices,
      'GET /decisions/dec_1': { body: dec },
      'PATCH /decisions/dec_1': { body: { ...dec, status: 'decided', decision: 'Battery first', date: '2026-11-20', version: 4 } },
    });
    const { user } = renderApp('/products/p-x2/decisions/dec_1');
    expect(await screen.findByText('Room for one upgrade')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Release 2.0 Series launch' })).toHaveAttribute('href', '/products/p-x2/releases/rel_2');
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit decision' });
    await user.selectOptions(within(form).getByLabelText('Status'), 'decided');
    await user.type(within(form).getByLabelText('Date'), '2026-11-20');
    await user.type(within(form).getByLabelText(/^Decision/), 'Battery first');
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    expect(await screen.findByText('Battery first')).toBeInTheDocument();
    const patch = api.callsTo('PATCH', '/decisions/dec_1')[0];
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"3"');
    expect(patch.body).toMatchObject({
      status: 'decided',
      decision: 'Battery first',
      date: '2026-11-20',
      owner_id: 'u-alice',
      links: [{ type: 'release', id: 'rel_2' }],
    });
  });

  it('is read-only for a stakeholder', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /decisions/dec_1': { body: decision('dec_1', 'Flight time first') },
    });
    renderApp('/products/p-x2/decisions/dec_1');
    expect(await screen.findByRole('heading', { name: 'Flight time first', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
