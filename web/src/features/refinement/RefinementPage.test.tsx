import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { item, page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('RefinementPage', () => {
  it('lists flagged items with their flags, links to them and starts an estimate', async () => {
    const api = mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /products/p-x2/refinement': page([item(5, { flags: ['no_estimate', 'no_criteria'] }), item(6, { flags: [], ready: false })]),
      'POST /items/itm_5/poker': { status: 201, body: { id: 'pkr_9', item: { id: 'itm_5', key: 'X2-5', title: 'Item 5' }, state: 'voting', votes: [], my_vote: null, final_points: null } },
      'GET /poker/pkr_9': apiError(404, 'not_found', 'gone'),
    });
    const { user, location } = renderApp('/products/p-x2/refinement');
    const row = (await screen.findByRole('cell', { name: 'X2-5' })).closest('tr')!;
    expect(within(row).getByText('No estimate')).toBeInTheDocument();
    expect(within(row).getByText('No acceptance criteria')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Open X2-5' })).toHaveAttribute('href', '/products/p-x2/items/X2-5');
    expect(screen.getByRole('cell', { name: 'X2-6' }).closest('tr')).toHaveTextContent('Not ready');

    await user.click(within(row).getByRole('button', { name: 'Estimate X2-5' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/poker/pkr_9'));
    expect(api.callsTo('POST', '/items/itm_5/poker')).toHaveLength(1);
  });
});
