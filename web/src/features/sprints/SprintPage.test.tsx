import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import {
  burndown,
  carolMe,
  changeRequest,
  planning,
  report,
  sprint,
  sprintDetail,
  velocity,
  x2Items,
} from '../../test/sprintFixtures';

const { six, twelve, sixteen, eighteen } = x2Items;

const planned = sprintDetail('spr_1', 'Sprint 7', {
  goal: 'Longer flights',
  item_count: 2,
  planned_points: 10,
  capacity: { unit: 'points', total: 9, members: [] },
  planning: planning({ committed_points: 10, capacity: 9, velocity: 12, velocity_window: 2, items: 2 }),
  items: [six, twelve],
});

const overCapacity = {
  ...planned,
  version: 2,
  item_count: 3,
  planned_points: 23,
  items: [six, twelve, sixteen],
  planning: planning({
    committed_points: 23,
    capacity: 9,
    velocity: 12,
    velocity_window: 2,
    items: 3,
    warnings: [
      { code: 'over_capacity', message: '23 points planned, capacity 9' },
      { code: 'over_velocity', message: '23 points planned, velocity 12' },
    ],
  }),
};

const active = {
  ...overCapacity,
  status: 'active' as const,
  started_at: 1_795_000_000_000,
  committed_points: 23,
  version: 3,
};

function routes(detail: object, extra: Record<string, Route | Route[]> = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /sprints/spr_1': { body: detail },
    'GET /products/p-x2/items': page([sixteen, eighteen]),
    'GET /sprints/spr_1/change-requests': page([]),
    'GET /sprints/spr_1/scope-changes': page([]),
    'GET /sprints/spr_1/burndown': { body: burndown() },
    'GET /sprints/spr_1/report': { body: report() },
    'GET /teams/tea_1/velocity': { body: velocity() },
    ...extra,
  };
}

describe('SprintPage', () => {
  it('shows the sprint items beside the backlog, the capacity bar and the velocity hint', async () => {
    const api = mockApi(routes(planned));
    renderApp('/products/p-x2/sprints/spr_1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sprint 7' })).toBeInTheDocument();
    expect(screen.getByText('Longer flights')).toBeInTheDocument();
    expect(screen.getByText('Falcon')).toBeInTheDocument();
    const ceremonies = screen.getByRole('navigation', { name: 'Sprint ceremonies' });
    expect(within(ceremonies).getByRole('link', { name: 'Sprint review' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_1/review');
    expect(within(ceremonies).getByRole('link', { name: 'Retrospective' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_1/retro');
    const inSprint = screen.getByRole('table', { name: 'Items in the sprint' });
    expect(within(inSprint).getByRole('link', { name: 'X2-6' })).toHaveAttribute('href', '/products/p-x2/items/X2-6');
    expect(within(inSprint).getAllByRole('row')).toHaveLength(3);
    const backlog = await screen.findByRole('table', { name: 'Backlog items to plan' });
    expect(within(backlog).getByText('Eco mode')).toBeInTheDocument();
    // The backlog side asks for what may be planned.
    const list = api.callsTo('GET', '/products/p-x2/items')[0];
    expect(list.search.get('query')).toBe('sprint IS EMPTY AND category != done AND type IN (story, bug, spike, tech-debt, task)');

    const bar = screen.getByRole('meter', { name: 'Points planned against capacity' });
    expect(bar).toHaveAttribute('aria-valuenow', '10');
    expect(bar).toHaveAttribute('aria-valuemax', '9');
    expect(bar).toHaveClass('over');
    expect(screen.getByText('10 points planned of a capacity of 9')).toBeInTheDocument();
    expect(screen.getByText('Velocity 12 points (average of the last 2 completed sprints).')).toBeInTheDocument();
    // Not started: no report, no scope changes.
    expect(screen.queryByRole('heading', { name: 'Sprint report' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Scope changes' })).not.toBeInTheDocument();
  });

  it('adds a backlog item and shows the server’s warnings; filters the backlog', async () => {
    const api = mockApi(routes(planned, { 'POST /sprints/spr_1/items': { body: overCapacity } }));
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    const backlog = await screen.findByRole('table', { name: 'Backlog items to plan' });
    await user.type(screen.getByRole('searchbox', { name: 'Filter the backlog' }), 'endur');
    expect(within(backlog).queryByText('Eco mode')).not.toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: 'Filter the backlog' }));
    await user.click(screen.getByRole('button', { name: 'Add X2-16 to the sprint' }));
    expect(await screen.findByText('Added X2-16 to the sprint.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/sprints/spr_1/items')[0].body).toEqual({ items: ['itm_16'] });
    const warnings = screen.getByText('Warnings').closest<HTMLElement>('.warning-box')!;
    expect(within(warnings).getByText('23 points planned, capacity 9')).toHaveAttribute('data-code', 'over_capacity');
    expect(within(warnings).getByText('23 points planned, velocity 12')).toHaveAttribute('data-code', 'over_velocity');
    expect(within(screen.getByRole('table', { name: 'Items in the sprint' })).getByRole('link', { name: 'X2-16' })).toBeInTheDocument();
    // The added item leaves the backlog side.
    expect(within(screen.getByRole('table', { name: 'Backlog items to plan' })).queryByText('Eco mode')).not.toBeInTheDocument();
  });

  it('shows a refused planning by the item keys the details name', async () => {
    mockApi(
      routes(planned, {
        'POST /sprints/spr_1/items': apiError(409, 'in_other_sprint', 'an item is planned in another open sprint', [
          { field: 'items.0', issue: 'is in Sprint 8' },
        ]),
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Add X2-18 to the sprint' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('an item is planned in another open sprint: X2-18 is in Sprint 8');
  });

  it('removes an item, and starts the sprint', async () => {
    const api = mockApi(
      routes(overCapacity, {
        'POST /sprints/spr_1/items/remove': { body: planned },
        'POST /sprints/spr_1/start': { body: { ...planned, status: 'active', committed_points: 10, started_at: 1 } },
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Remove X2-16 from the sprint' }));
    expect(await screen.findByText('Removed X2-16 from the sprint.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/sprints/spr_1/items/remove')[0].body).toEqual({ items: ['itm_16'] });
    await user.click(screen.getByRole('button', { name: 'Start sprint' }));
    expect(await screen.findByText('Sprint started: 10 points committed.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start sprint' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete sprint' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sprint report' })).toBeInTheDocument();
  });

  it('shows why a start is refused (another active sprint of the team)', async () => {
    mockApi(
      routes(planned, {
        'POST /sprints/spr_1/start': apiError(409, 'sprint_active', 'team Falcon already has an active sprint: Sprint 6'),
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Start sprint' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('team Falcon already has an active sprint: Sprint 6');
  });

  it('records a reason with a change after the start', async () => {
    const api = mockApi(routes(active, { 'POST /sprints/spr_1/items': { body: { ...active, version: 4 } } }));
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.type(await screen.findByLabelText(/Reason for the change/), 'customer escalation');
    await user.click(await screen.findByRole('button', { name: 'Add X2-18 to the sprint' }));
    await waitFor(() => expect(api.callsTo('POST', '/sprints/spr_1/items')).toHaveLength(1));
    expect(api.callsTo('POST', '/sprints/spr_1/items')[0].body).toEqual({ items: ['itm_18'], reason: 'customer escalation' });
  });

  it('tells a Scrum Master that an approval sprint turned the change into a change request', async () => {
    mockApi(
      routes(
        { ...active, require_approval: true },
        {
          'GET /me': { body: carolMe },
          'GET /products/p-x2': { body: { ...productForBob, my_roles: ['scrum_master'] } },
          'POST /sprints/spr_1/items': { status: 202, body: { change_requests: [changeRequest('crq_1')] } },
          'GET /sprints/spr_1/change-requests': [page([]), page([changeRequest('crq_1')])],
        },
      ),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    expect(await screen.findByText("Changes after the start need the Product Owner's approval.")).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Add X2-18 to the sprint' }));
    expect(
      await screen.findByText("This sprint needs the Product Owner's approval: asked to add X2-18 (change request sent)."),
    ).toBeInTheDocument();
    const requests = await screen.findByRole('region', { name: 'Change requests' });
    expect(requests).toHaveTextContent('Asked by Carol Jensen');
    // Only the Product Owner decides.
    expect(within(requests).queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
  });

  it('completes the sprint carrying unfinished items over to the chosen next sprint', async () => {
    const next = sprint('spr_2', 'Sprint 8', { start_date: '2026-12-07', end_date: '2026-12-18' });
    const api = mockApi(
      routes(active, {
        'GET /products/p-x2/sprints': page([next]),
        'POST /sprints/spr_1/complete': {
          body: { ...active, status: 'completed', completed_points: 5, completed_at: 2, items: [six] },
        },
        'GET /sprints/spr_1/report': {
          body: report({
            status: 'completed',
            carried_over: [
              { id: 'itm_12', key: 'X2-12', title: 'Lighter landing gear', points: 5, outcome: 'carried_over', next_sprint_id: 'spr_2' },
            ],
          }),
        },
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Complete sprint' }));
    const form = screen.getByRole('form', { name: 'Complete the sprint' });
    expect(form).toHaveTextContent('3 unfinished items (X2-6, X2-12, X2-16) leave the sprint.');
    const toNext = within(form).getByRole('radio', { name: /the next sprint/ });
    await waitFor(() => expect(toNext).toBeEnabled());
    await user.click(toNext);
    expect(within(form).getByLabelText(/Next sprint/)).toHaveValue('spr_2');
    await user.click(within(form).getByRole('button', { name: 'Complete sprint' }));
    expect(await screen.findByText('Sprint completed: 5 of 23 points done.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/sprints/spr_1/complete')[0].body).toEqual({ carry_over: 'next_sprint', next_sprint_id: 'spr_2' });
    const listed = api.callsTo('GET', '/products/p-x2/sprints')[0];
    expect(listed.search.get('team')).toBe('tea_1');
    expect(listed.search.get('status')).toBe('planned');
    const carried = await screen.findByRole('table', { name: 'Unfinished at completion' });
    expect(within(carried).getByRole('link', { name: 'the next sprint' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_2');
    // A completed sprint takes no more planning.
    expect(screen.queryByRole('heading', { name: 'Scope' })).not.toBeInTheDocument();
  });

  it('completes into the backlog by default', async () => {
    const api = mockApi(
      routes(active, {
        'GET /products/p-x2/sprints': page([]),
        'POST /sprints/spr_1/complete': { body: { ...active, status: 'completed', completed_points: 0, completed_at: 2 } },
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Complete sprint' }));
    const form = screen.getByRole('form', { name: 'Complete the sprint' });
    await waitFor(() => expect(form).toHaveTextContent('the team has no planned sprint'));
    expect(within(form).getByRole('radio', { name: /the next sprint/ })).toBeDisabled();
    await user.click(within(form).getByRole('button', { name: 'Complete sprint' }));
    await waitFor(() => expect(api.callsTo('POST', '/sprints/spr_1/complete')).toHaveLength(1));
    expect(api.callsTo('POST', '/sprints/spr_1/complete')[0].body).toEqual({ carry_over: 'backlog' });
  });

  it('is read-only for a team member', async () => {
    const api = mockApi(routes(active, { 'GET /me': { body: daveMe }, 'GET /products/p-x2': { body: productForDave } }));
    renderApp('/products/p-x2/sprints/spr_1');
    expect(await screen.findByRole('table', { name: 'Items in the sprint' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Sprint report' })).toBeInTheDocument();
    for (const name of ['Start sprint', 'Complete sprint', 'Edit sprint', 'Edit capacity', 'Remove X2-6 from the sprint']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole('table', { name: 'Backlog items to plan' })).not.toBeInTheDocument();
    // No backlog is fetched for planning.
    expect(api.callsTo('GET', '/products/p-x2/items')).toHaveLength(0);
  });

  it('edits the sprint with If-Match and deletes a planned one', async () => {
    const api = mockApi(
      routes(planned, {
        'PATCH /sprints/spr_1': { body: { ...planned, name: 'Sprint 7b', version: 2 } },
        'DELETE /sprints/spr_1': { status: 204 },
        'GET /products/p-x2/sprints': page([]),
        'GET /teams': page([]),
      }),
    );
    const { user, location } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Edit sprint' }));
    const form = screen.getByRole('form', { name: 'Edit sprint' });
    expect(within(form).queryByLabelText(/Team/)).not.toBeInTheDocument();
    await user.clear(within(form).getByLabelText(/Name/));
    await user.type(within(form).getByLabelText(/Name/), 'Sprint 7b');
    await user.click(within(form).getByRole('button', { name: 'Save sprint' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sprint 7b' })).toBeInTheDocument();
    const patch = api.callsTo('PATCH', '/sprints/spr_1')[0];
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"1"');
    expect(patch.body).toMatchObject({ name: 'Sprint 7b', goal: 'Longer flights', working_days: [1, 2, 3, 4, 5] });

    await user.click(screen.getByRole('button', { name: 'Delete sprint' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete the sprint' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/sprints'));
  });

  it('refetches on live sprint and item events of its product', async () => {
    const ES = installFakeEventSource();
    const api = mockApi(routes(planned));
    renderApp('/products/p-x2/sprints/spr_1');
    await screen.findByRole('table', { name: 'Items in the sprint' });
    const source = ES.latest();
    act(() => source.open());
    api.set('GET /sprints/spr_1', { body: overCapacity });
    act(() => source.change(changeEvent({ entity_type: 'sprint', entity_id: 'spr_1', action: 'items_added', product_id: 'p-x2' })));
    expect(
      await within(screen.getByRole('table', { name: 'Items in the sprint' })).findByRole('link', { name: 'X2-16' }),
    ).toBeInTheDocument();
    const before = api.callsTo('GET', '/sprints/spr_1').length;
    // Another product's events do not wake the page.
    act(() => source.change(changeEvent({ entity_type: 'item', product_id: 'p-ai' })));
    await new Promise((r) => setTimeout(r, 400));
    expect(api.callsTo('GET', '/sprints/spr_1')).toHaveLength(before);
  });
});
