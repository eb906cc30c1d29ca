import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe, productX2 } from '../../test/fixtures';
import { mockApi, type Route } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { burndown, falcon, planning, sprintDetail, velocity } from '../../test/sprintFixtures';

const withCapacity = sprintDetail('spr_1', 'Sprint 7', {
  capacity: {
    unit: 'points',
    total: 9,
    members: [{ user_id: 'u-dave', name: 'Dave Kim', capacity: 10, days_off: ['2026-11-24'], effective: 9 }],
  },
  planning: planning({ capacity: 9 }),
});

const product = {
  ...productForBob,
  roles: [
    ...(productX2.roles ?? []),
    { id: 'ra-5', user: { id: 'u-carol', name: 'Carol Jensen' }, role: 'scrum_master' as const, created_at: '' },
    { id: 'ra-6', user: { id: 'u-dave', name: 'Dave Kim' }, role: 'team_member' as const, created_at: '' },
  ],
};

function routes(extra: Record<string, Route | Route[]> = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: product },
    'GET /sprints/spr_1': { body: withCapacity },
    'GET /products/p-x2/items': page([]),
    'GET /sprints/spr_1/change-requests': page([]),
    'GET /sprints/spr_1/burndown': { body: burndown({ status: 'planned' }) },
    'GET /teams/tea_1/velocity': { body: velocity() },
    'GET /teams': page([falcon]),
    'GET /users': page([
      { id: 'u-carol', name: 'Carol Jensen' },
      { id: 'u-dave', name: 'Dave Kim' },
    ]),
    ...extra,
  };
}

describe('CapacityEditor', () => {
  it('shows each member’s capacity, days off and effective capacity', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/sprints/spr_1');
    const table = await screen.findByRole('table', { name: 'Capacity per member' });
    const row = within(table).getByText('Dave Kim').closest('tr')!;
    expect(row).toHaveTextContent('10 points');
    expect(row).toHaveTextContent('Tue 24 Nov');
    expect(row).toHaveTextContent('9');
    expect(screen.getByText('Total: 9 points over 10 working days.')).toBeInTheDocument();
  });

  it('lets the Product Owner edit capacities and days off, add a member and save', async () => {
    const saved = { ...withCapacity, version: 2 };
    const api = mockApi(routes({ 'PUT /sprints/spr_1/capacity': { body: saved } }));
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Edit capacity' }));
    const form = screen.getByRole('form', { name: 'Capacity per member' });
    const dave = within(form).getByLabelText('Capacity of Dave Kim');
    await user.clear(dave);
    await user.type(dave, '20');
    // Days off: a working day each.
    await user.click(within(form).getByText('1 day off'));
    const daysOff = within(form).getByRole('group', { name: 'Days off of Dave Kim' });
    expect(within(daysOff).getAllByRole('checkbox')).toHaveLength(10);
    await user.click(within(daysOff).getByRole('checkbox', { name: 'Wed 25 Nov' }));
    // 20 × 8 / 10
    expect(within(dave.closest('tr')!).getByText('16')).toBeInTheDocument();
    // The team's members and the product's PO, SM and team; Dave already has a row.
    const choose = within(form).getByLabelText(/Add a member/);
    await waitFor(() =>
      expect(within(choose).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'Bob Chen', 'Carol Jensen']),
    );
    await user.selectOptions(choose, 'u-carol');
    await user.click(within(form).getByRole('button', { name: 'Add member' }));
    await user.type(within(form).getByLabelText('Capacity of Carol Jensen'), '5');
    expect(within(form).getByLabelText('Capacity of Carol Jensen')).toHaveValue(5);
    expect(screen.getByText('Total: 21 points over 10 working days.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save capacity' }));
    expect(await screen.findByText('Capacity saved.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/sprints/spr_1/capacity')[0].body).toEqual({
      members: [
        { user_id: 'u-dave', capacity: 20, days_off: ['2026-11-24', '2026-11-25'] },
        { user_id: 'u-carol', capacity: 5, days_off: [] },
      ],
    });
    expect(api.callsTo('PATCH', '/sprints/spr_1')).toHaveLength(0);
  });

  it('switches the capacity to hours with If-Match before saving the members', async () => {
    const inHours = { ...withCapacity, capacity_unit: 'hours' as const, version: 2 };
    const api = mockApi(
      routes({
        'PATCH /sprints/spr_1': { body: inHours },
        'PUT /sprints/spr_1/capacity': { body: { ...inHours, version: 3, capacity: { ...inHours.capacity, unit: 'hours' as const } } },
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Edit capacity' }));
    const form = screen.getByRole('form', { name: 'Capacity per member' });
    await user.selectOptions(within(form).getByLabelText(/Capacity in/), 'hours');
    await user.click(within(form).getByRole('button', { name: 'Save capacity' }));
    expect(await screen.findByText('Capacity saved.')).toBeInTheDocument();
    const patch = api.callsTo('PATCH', '/sprints/spr_1')[0];
    expect(patch.body).toEqual({ capacity_unit: 'hours' });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"1"');
    expect(api.callsTo('PUT', '/sprints/spr_1/capacity')).toHaveLength(1);
    expect(screen.getByText('Total: 9 hours over 10 working days.')).toBeInTheDocument();
  });

  it('refuses a capacity that is not a number before asking the server', async () => {
    const api = mockApi(routes());
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    await user.click(await screen.findByRole('button', { name: 'Edit capacity' }));
    await user.clear(screen.getByLabelText('Capacity of Dave Kim'));
    await user.click(screen.getByRole('button', { name: 'Save capacity' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The capacity of Dave Kim must be a number of 0 or more.');
    expect(api.callsTo('PUT', '/sprints/spr_1/capacity')).toHaveLength(0);
  });

  it('offers no editing to a team member', async () => {
    mockApi(routes({ 'GET /me': { body: daveMe }, 'GET /products/p-x2': { body: productForDave } }));
    renderApp('/products/p-x2/sprints/spr_1');
    await screen.findByRole('table', { name: 'Capacity per member' });
    expect(screen.queryByRole('button', { name: 'Edit capacity' })).not.toBeInTheDocument();
  });
});
