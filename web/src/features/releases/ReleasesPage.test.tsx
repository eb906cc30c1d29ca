import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { readiness, release } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { readinessSummary } from './ReleasesPage';

describe('ReleasesPage', () => {
  it('lists the releases with status, target date and readiness, linking to each', async () => {
    mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /products/p-x2/releases': page([
        release('rel_1', '2.1', {
          name: 'Spring flight',
          target_date: '2026-06-01',
          status: 'in_progress',
          readiness: readiness({
            items_total: 4,
            items_done: 3,
            criteria_total: 10,
            criteria_covered: 8,
            criteria_passing: 7,
            failing_cases: [
              {
                case_id: 'tcs_1',
                title: 'Dusk',
                item: { id: 'itm_7', key: 'X2-7', title: 'Night mode' },
                result: 'fail',
                run: {} as never,
              },
            ],
          }),
        }),
        release('rel_2', '2.2', { readiness: readiness({ items_total: 1, items_done: 1, ready: true }) }),
      ]),
    });
    renderApp('/products/p-x2/releases');
    const row = (await screen.findByRole('link', { name: '2.1' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: '2.1' })).toHaveAttribute('href', '/products/p-x2/releases/rel_1');
    expect(row).toHaveTextContent('Spring flight');
    expect(row).toHaveTextContent('In progress');
    expect(row).toHaveTextContent('2026-06-01');
    expect(row).toHaveTextContent('3/4 items done · 7/10 criteria passing · 1 failing case');
    const ready = screen.getByRole('link', { name: '2.2' }).closest('tr')!;
    expect(ready).toHaveTextContent('Ready');
    expect(ready).toHaveTextContent('None');
  });

  it('lets the Product Owner create a release and shows field errors', async () => {
    const api = mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /products/p-x2/releases': [page([]), page([release('rel_3', '3.0')])],
      'POST /products/p-x2/releases': [
        apiError(409, 'conflict', 'release 3.0 already exists', [{ field: 'version', issue: 'is taken by another release of this product' }]),
        { status: 201, body: release('rel_3', '3.0') },
      ],
    });
    const { user } = renderApp('/products/p-x2/releases');
    await user.click(await screen.findByRole('button', { name: 'New release' }));
    const form = screen.getByRole('form', { name: 'New release' });
    await user.type(within(form).getByLabelText(/Version/), '3.0');
    await user.type(within(form).getByLabelText(/Name/), 'Autumn');
    await user.click(within(form).getByRole('button', { name: 'Create release' }));
    expect(await within(form).findByText('is taken by another release of this product')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create release' }));
    expect(await screen.findByRole('link', { name: '3.0' })).toBeInTheDocument();
    const posts = api.callsTo('POST', '/products/p-x2/releases');
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual({ version: '3.0', name: 'Autumn', target_date: null });
  });

  it('summarises readiness in one line', () => {
    expect(
      readinessSummary(
        readiness({
          items_total: 2,
          items_done: 1,
          criteria_total: 5,
          criteria_passing: 2,
          open_blockers: [{} as never, {} as never],
        }),
      ),
    ).toBe('1/2 items done · 2/5 criteria passing · 2 open blockers');
  });

  it('offers no New release button to a team member', async () => {
    mockApi({
      'GET /me': { body: { ...bobMe, products: [{ ...bobMe.products[0], my_roles: ['team_member'] }] } },
      'GET /products/p-x2': { body: productForBob },
      'GET /products/p-x2/releases': page([release('rel_1', '2.1')]),
    });
    renderApp('/products/p-x2/releases');
    await screen.findByRole('link', { name: '2.1' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'New release' })).not.toBeInTheDocument());
  });
});
