import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const mention = {
  id: 'inb_1',
  kind: 'mention',
  read_at: null,
  created_at: '2026-01-10T10:00:00Z',
  actor: { id: 'u-alice', name: 'Alice Moreau' },
  item: { id: 'itm_7', key: 'X2-7', title: 'Night mode', type: 'story' },
  product_id: 'p-x2',
};

describe('Inbox', () => {
  it('shows the unread count in the header and lists mentions; Mark all read clears it', async () => {
    let read = false;
    const api = mockApi({
      'GET /me': { body: bobMe },
      'GET /inbox?unread=true&limit=100': () => page(read ? [] : [mention]),
      'GET /inbox?limit=100': () => page([{ ...mention, read_at: read ? '2026-01-10T11:00:00Z' : null }]),
      'POST /inbox/read-all': () => {
        read = true;
        return { status: 204 };
      },
    });
    const { user } = renderApp('/inbox');
    expect(await screen.findByRole('link', { name: 'Inbox, 1 unread' })).toHaveAttribute('href', '/inbox');
    expect(await screen.findByRole('link', { name: 'X2-7 Night mode' })).toHaveAttribute('href', '/products/p-x2/items/X2-7');
    expect(screen.getByText(/Alice Moreau mentioned you/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(api.callsTo('POST', '/inbox/read-all')).toHaveLength(1));
    expect(await screen.findByRole('link', { name: 'Inbox' })).toBeInTheDocument();
  });
});
