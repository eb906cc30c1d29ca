import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { erinMe, idea, nordic, productAs } from '../../test/voiceFixtures';

describe('IdeasPage', () => {
  it('lists ideas with vote counts, filters by status and proposes a new idea', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/ideas?sort=votes': page([
        idea('ide_1', 'Thermal camera', { votes: 2, customer_votes: 1, revenue_at_stake: 310000, voted: true }),
        idea('ide_2', 'Gimbal-free variant', { status: 'declined' }),
      ]),
      'GET /products/p-x2/ideas': page([idea('ide_2', 'Gimbal-free variant', { status: 'declined' })]),
      'GET /products/p-x2/customers': page([nordic]),
      'POST /products/p-x2/ideas': { status: 201, body: idea('ide_3', 'Spare props') },
      'GET /ideas/ide_3': { body: idea('ide_3', 'Spare props') },
    });
    const { user, location } = renderApp('/products/p-x2/ideas');
    const row = (await screen.findByRole('link', { name: 'Thermal camera' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Thermal camera' })).toHaveAttribute('href', '/products/p-x2/ideas/ide_1');
    expect(row).toHaveTextContent('You voted');
    expect(row).toHaveTextContent('310,000');
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells.slice(1, 4)).toEqual(['New', '2', '1']);

    await user.selectOptions(screen.getByLabelText('Status'), 'declined');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Thermal camera' })).not.toBeInTheDocument());
    expect(api.calls.at(-1)!.search.get('status')).toBe('declined');

    await user.click(screen.getByRole('button', { name: 'New idea' }));
    const form = screen.getByRole('form', { name: 'New idea' });
    await user.type(within(form).getByLabelText(/Title/), 'Spare props');
    await user.type(within(form).getByLabelText(/Problem/), 'They break.');
    await user.selectOptions(within(form).getByLabelText('For customer'), 'cus_1');
    await user.click(within(form).getByRole('button', { name: 'Propose idea' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/ideas/ide_3'));
    expect(api.callsTo('POST', '/products/p-x2/ideas')[0].body).toEqual({
      title: 'Spare props',
      problem: 'They break.',
      customer_id: 'cus_1',
    });
  });

  it('hides revenue at stake from a stakeholder', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/ideas': page([idea('ide_1', 'Thermal camera', { revenue_at_stake: null })]),
    });
    renderApp('/products/p-x2/ideas');
    expect(await screen.findByRole('link', { name: 'Thermal camera' })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Revenue at stake' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New idea' })).toBeInTheDocument();
  });
});
