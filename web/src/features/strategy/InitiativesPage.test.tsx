import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { goal, initiative } from '../../test/strategyFixtures';

const flight = goal('gol_1', 'Fly longer');
const win = goal('gol_2', 'Win inspection');
const swap = initiative('ini_1', 'Battery swap', {
  status: 'in_progress',
  goal_ids: ['gol_1'],
  goals: [{ id: 'gol_1', objective: 'Fly longer' }],
  owner: { id: 'u-alice', name: 'Alice Moreau' },
  horizon: 'half',
  start_date: '2027-02-01',
  end_date: '2027-06-30',
  expected_outcome: 'Flights of 45 minutes',
});

describe('InitiativesPage', () => {
  it('lists the initiatives with goals, owner, horizon and dates, filtered by status', async () => {
    const api = mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /products/p-x2/goals': { body: { data: [flight, win] } },
      'GET /products/p-x2/initiatives': { body: { data: [swap, initiative('ini_2', 'Lighter frame')] } },
      'GET /products/p-x2/initiatives?status=proposed': { body: { data: [initiative('ini_2', 'Lighter frame')] } },
    });
    const { user } = renderApp('/products/p-x2/strategy/initiatives');
    const table = await screen.findByRole('table', { name: 'Initiatives' });
    const row = within(table).getByRole('link', { name: 'Battery swap' }).closest('tr')!;
    expect(row).toHaveTextContent('In progress');
    expect(within(row).getByRole('link', { name: 'Fly longer' })).toHaveAttribute('href', '/products/p-x2/strategy/goals/gol_1');
    expect(row).toHaveTextContent('Alice Moreau');
    expect(row).toHaveTextContent('Half year');
    expect(row).toHaveTextContent('2027-02-01 – 2027-06-30');
    expect(screen.queryByRole('button', { name: 'New initiative' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'proposed');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Battery swap' })).not.toBeInTheDocument());
    expect(api.calls.some((c) => c.search.get('status') === 'proposed')).toBe(true);
  });

  it('lets the Product Manager create an initiative serving goals', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/goals': { body: { data: [flight, win] } },
      'GET /products/p-x2/initiatives': { body: { data: [] } },
      'POST /products/p-x2/initiatives': { status: 201, body: swap },
      'GET /initiatives/ini_1': { body: swap },
    });
    const { user, location } = renderApp('/products/p-x2/strategy/initiatives');
    await user.click(await screen.findByRole('button', { name: 'New initiative' }));
    const form = screen.getByRole('form', { name: 'New initiative' });
    await user.type(within(form).getByLabelText('Name'), 'Battery swap');
    await user.click(within(form).getByLabelText('Win inspection'));
    await user.click(within(form).getByLabelText('Fly longer'));
    await user.selectOptions(within(form).getByLabelText('Horizon'), 'half');
    await user.type(within(form).getByLabelText('Start date'), '2027-02-01');
    await user.type(within(form).getByLabelText('Expected outcome'), 'Flights of 45 minutes');
    await user.selectOptions(within(form).getByLabelText('Status'), 'planned');
    await user.click(within(form).getByRole('button', { name: 'Create initiative' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/strategy/initiatives/ini_1'));
    expect(api.callsTo('POST', '/products/p-x2/initiatives')[0].body).toEqual({
      name: 'Battery swap',
      description: '',
      goal_ids: ['gol_2', 'gol_1'],
      owner_id: 'u-alice',
      horizon: 'half',
      start_date: '2027-02-01',
      end_date: null,
      expected_outcome: 'Flights of 45 minutes',
      status: 'planned',
    });
  });
});

describe('InitiativePage', () => {
  const withWork = {
    ...swap,
    work: {
      items: [
        { id: 'itm_1', key: 'X2-1', title: 'Battery epic', type: 'epic', status: 'In progress', category: 'in_progress', points: null, parent_id: null, via: 'initiative' as const },
        { id: 'itm_4', key: 'X2-4', title: 'Swap dock', type: 'story', status: 'Done', category: 'done', points: 5, parent_id: 'itm_1', via: 'initiative' as const },
      ],
      totals: { items: 2, points: 5, done_points: 5, done_items: 1 },
    },
  };

  it('shows the goals served, the facts and the linked work; the PM edits it with If-Match', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/goals': { body: { data: [flight, win] } },
      'GET /initiatives/ini_1': { body: withWork },
      'PATCH /initiatives/ini_1': { body: { ...withWork, status: 'done', version: 2 } },
    });
    const { user } = renderApp('/products/p-x2/strategy/initiatives/ini_1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Battery swap' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Fly longer' })).toHaveAttribute('href', '/products/p-x2/strategy/goals/gol_1');
    expect(screen.getByText('Flights of 45 minutes')).toBeInTheDocument();
    expect(screen.getByText('2 items · 5 points · 1 done (5 points)')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Work of this initiative' })).getByRole('link', { name: 'X2-1' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit initiative' }));
    const form = screen.getByRole('form', { name: 'Edit initiative' });
    await user.selectOptions(within(form).getByLabelText('Status'), 'done');
    await user.click(within(form).getByRole('button', { name: 'Save initiative' }));
    expect(await screen.findByText('Initiative saved.')).toBeInTheDocument();
    const [patch] = api.callsTo('PATCH', '/initiatives/ini_1');
    expect(patch.body).toEqual({ status: 'done' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');
  });

  it('shows a stale edit with the conflict notice', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/goals': { body: { data: [flight, win] } },
      'GET /initiatives/ini_1': { body: withWork },
      'PATCH /initiatives/ini_1': {
        status: 412,
        body: { error: { code: 'precondition_failed', message: 'stale', details: [] }, current: { ...swap, name: 'Battery swap v2', version: 3 } },
      },
    });
    const { user } = renderApp('/products/p-x2/strategy/initiatives/ini_1');
    await user.click(await screen.findByRole('button', { name: 'Edit initiative' }));
    const form = screen.getByRole('form', { name: 'Edit initiative' });
    await user.selectOptions(within(form).getByLabelText('Status'), 'dropped');
    await user.click(within(form).getByRole('button', { name: 'Save initiative' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('now version 3');
    expect(within(alert).getByRole('button', { name: 'Keep my changes' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Battery swap v2' })).toBeInTheDocument();
  });
});
