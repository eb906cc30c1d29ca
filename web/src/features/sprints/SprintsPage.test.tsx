import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { falcon, sprint, sprintDetail } from '../../test/sprintFixtures';

const kestrel = { ...falcon, id: 'tea_2', name: 'Kestrel', product_id: 'p-ai' };
const anyProduct = { ...falcon, id: 'tea_3', name: 'Owls', product_id: null };

const sprints = [
  sprint('spr_6', 'Sprint 6', {
    status: 'completed',
    goal: 'Battery',
    committed_points: 20,
    completed_points: 18,
    item_count: 4,
  }),
  sprint('spr_7', 'Sprint 7', { status: 'active', committed_points: 23, done_points: 5, item_count: 3 }),
  sprint('spr_8', 'Sprint 8', { planned_points: 8, item_count: 2 }),
];

function routes(extra = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /products/p-x2/sprints': page(sprints),
    'GET /teams': page([falcon, kestrel, anyProduct]),
    ...extra,
  };
}

describe('SprintsPage', () => {
  it('lists the sprints with team, status, dates and points, linking to each', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/sprints');
    const link = await screen.findByRole('link', { name: 'Sprint 7' });
    expect(link).toHaveAttribute('href', '/products/p-x2/sprints/spr_7');
    const active = link.closest('tr')!;
    expect(active).toHaveTextContent('Falcon');
    expect(active).toHaveTextContent('Active');
    expect(active).toHaveTextContent('2026-11-23 – 2026-12-04');
    expect(active).toHaveTextContent('23 committed · 5 done');
    const done = screen.getByRole('link', { name: 'Sprint 6' }).closest('tr')!;
    expect(done).toHaveTextContent('Battery');
    expect(done).toHaveTextContent('18 of 20 completed');
    expect(screen.getByRole('link', { name: 'Sprint 8' }).closest('tr')).toHaveTextContent('8 planned');
    // The nav names the page.
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Sprints' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('filters by team and status through the URL and the API', async () => {
    const api = mockApi(routes());
    const { user, location } = renderApp('/products/p-x2/sprints');
    await screen.findByRole('link', { name: 'Sprint 7' });
    const team = screen.getByLabelText('Team');
    // The product's own teams and teams of no product; not another product's.
    await waitFor(() =>
      expect(within(team).getAllByRole('option').map((o) => o.textContent)).toEqual(['All teams', 'Falcon', 'Owls']),
    );
    await user.selectOptions(team, 'tea_1');
    await user.selectOptions(screen.getByLabelText('Status'), 'active');
    await waitFor(() => expect(location()).toBe('/products/p-x2/sprints?team=tea_1&status=active'));
    await waitFor(() =>
      expect(
        api.calls.some((c) => c.path === '/products/p-x2/sprints' && c.search.get('team') === 'tea_1' && c.search.get('status') === 'active'),
      ).toBe(true),
    );
  });

  it('lets the Product Owner create a sprint: field errors, then the new sprint page', async () => {
    const created = sprintDetail('spr_9', 'Sprint 9');
    const api = mockApi(
      routes({
        'POST /products/p-x2/sprints': [
          apiError(400, 'validation_failed', 'the request has invalid fields', [
            { field: 'end_date', issue: 'must be on or after start_date' },
          ]),
          { status: 201, body: created },
        ],
        'GET /sprints/spr_9': { body: created },
        'GET /sprints/spr_9/change-requests': page([]),
        'GET /sprints/spr_9/burndown': { body: { sprint_id: 'spr_9', status: 'planned', unit: 'points', committed: 0, start_date: '2026-11-23', end_date: '2026-12-04', days: [] } },
        'GET /teams/tea_1/velocity': { body: { team_id: 'tea_1', product_id: 'p-x2', sprints: [], average: null } },
        'GET /products/p-x2/items': page([]),
      }),
    );
    const { user, location } = renderApp('/products/p-x2/sprints');
    await user.click(await screen.findByRole('button', { name: 'New sprint' }));
    const form = screen.getByRole('form', { name: 'New sprint' });
    await user.type(within(form).getByLabelText(/Name/), 'Sprint 9');
    await user.type(within(form).getByLabelText(/Goal/), 'Night flights');
    await waitFor(() => expect(within(form).getAllByRole('option', { name: 'Falcon' })).toHaveLength(1));
    await user.selectOptions(within(form).getByLabelText(/Team/), 'tea_1');
    await user.type(within(form).getByLabelText(/Start/), '2026-11-23');
    await user.type(within(form).getByLabelText(/End/), '2026-12-04');
    expect(within(form).getByText('10 working days')).toBeInTheDocument();
    await user.click(within(form).getByRole('checkbox', { name: 'Sat' }));
    expect(within(form).getByText('11 working days')).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText(/Capacity in/), 'hours');
    await user.click(within(form).getByRole('checkbox', { name: /approval/ }));
    await user.click(within(form).getByRole('button', { name: 'Create sprint' }));
    expect(await within(form).findByText('must be on or after start_date')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create sprint' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/sprints/spr_9'));
    expect(api.callsTo('POST', '/products/p-x2/sprints')[1].body).toEqual({
      team_id: 'tea_1',
      name: 'Sprint 9',
      goal: 'Night flights',
      start_date: '2026-11-23',
      end_date: '2026-12-04',
      working_days: [1, 2, 3, 4, 5, 6],
      capacity_unit: 'hours',
      require_approval: true,
    });
  });

  it('offers no New sprint button to a team member', async () => {
    mockApi(routes({ 'GET /me': { body: daveMe }, 'GET /products/p-x2': { body: productForDave } }));
    renderApp('/products/p-x2/sprints');
    await screen.findByRole('link', { name: 'Sprint 7' });
    expect(screen.queryByRole('button', { name: 'New sprint' })).not.toBeInTheDocument();
  });

  it('sends the old Sprint page to the sprints page', async () => {
    mockApi(routes());
    const { location } = renderApp('/products/p-x2/sprint');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sprints' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-x2/sprints');
  });
});
