import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { HistoryEntry } from '../../api/types';
import { installFakeEventSource } from '../../test/fakeEventSource';
import { aliceMe } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

function entry(id: string, field: string, before: unknown, after: unknown): HistoryEntry {
  return {
    id,
    at: '2025-02-01T10:00:00Z',
    actor: { id: 'u-alice', name: 'Alice Moreau' },
    entity_type: 'product',
    entity_id: 'p-x2',
    action: 'update',
    changes: { [field]: { before, after } },
  };
}

describe('HistoryPage', () => {
  it('lists changes with before → after and loads more with next_cursor', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/history': (req) =>
        req.search.get('cursor') === 'c2'
          ? { body: { data: [entry('h2', 'name', 'X2', 'SkyLift X2')], next_cursor: null } }
          : { body: { data: [entry('h1', 'stage', 'conception', 'development')], next_cursor: 'c2' } },
    });
    const { user } = renderApp('/products/p-x2/history');

    expect(await screen.findByRole('heading', { level: 1, name: 'History' })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByText('Alice Moreau')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('stage: conception → development');

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('SkyLift X2', { selector: '.after' })).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    const calls = api.callsTo('GET', '/products/p-x2/history');
    expect(calls.map((c) => c.search.get('cursor'))).toEqual([null, 'c2']);
    expect(calls[0].search.get('limit')).toBe('50');
  });
});

describe('HistoryPage, live', () => {
  it('puts new entries of this product on top as they happen, without refetching', async () => {
    const ES = installFakeEventSource();
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/history': {
        body: { data: [entry('h1', 'stage', 'conception', 'development')], next_cursor: null },
      },
    });
    renderApp('/products/p-x2/history');
    const table = await screen.findByRole('table');
    act(() => ES.latest().open());

    act(() => {
      ES.latest().change({ ...entry('201', 'name', 'SkyLift X2', 'SkyLift X2 Pro'), product_id: 'p-x2' });
      ES.latest().change({ ...entry('202', 'description', 'a', 'b'), product_id: 'p-x2' });
      ES.latest().change({ ...entry('203', 'name', 'SkyLift AI', 'Other'), product_id: 'p-ai' });
    });

    await within(table).findByText('SkyLift X2 Pro');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('.changes')?.textContent)).toEqual([
      'description: a → b',
      'name: SkyLift X2 → SkyLift X2 Pro',
      'stage: conception → development',
    ]);
    expect(within(table).queryByText('Other')).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/products/p-x2/history')).toHaveLength(1);
  });
});
