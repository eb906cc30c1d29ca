import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { Goal } from '../../api/strategyTypes';
import { aliceMe, productX2 } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { goal, initiative, keyResult } from '../../test/strategyFixtures';
import { progressSummary } from './ProgressChart';
import { withKeyResult } from './GoalPage';

const kr1 = keyResult('kr_1', {
  title: 'Longer flights',
  current: 41.5,
  progress: 0.5,
  check_ins: [{ id: 'chk_1', value: 41.5, date: '2027-03-01', note: 'new battery', by: { id: 'u-alice', name: 'Alice Moreau' }, created_at: 1 }],
});
const kr2 = keyResult('kr_2', {
  title: 'More customers',
  metric: 'inspection customers',
  unit: 'customers',
  baseline: 10,
  target: 30,
  current: 14,
  progress: 0.2,
  check_ins: [],
});

const full: Goal = goal('gol_1', 'Fly longer', {
  description: 'Batteries first.',
  progress: 0.35,
  expected: 0.501,
  status: 'at_risk',
  key_results: [kr1, kr2],
  initiative_ids: ['ini_1'],
  progress_history: [
    { date: '2027-02-01', progress: 0.1 },
    { date: '2027-03-01', progress: 0.35 },
  ],
  initiatives: [initiative('ini_1', 'Battery swap', { status: 'in_progress', goal_ids: ['gol_1'] })],
  work: {
    items: [
      { id: 'itm_1', key: 'X2-1', title: 'Battery epic', type: 'epic', status: 'In progress', category: 'in_progress', points: null, parent_id: null, via: 'initiative' },
      { id: 'itm_4', key: 'X2-4', title: 'Swap dock', type: 'story', status: 'Done', category: 'done', points: 5, parent_id: 'itm_1', via: 'initiative' },
      { id: 'itm_5', key: 'X2-5', title: 'Swap latch', type: 'story', status: 'To do', category: 'todo', points: 3, parent_id: 'itm_1', via: 'initiative' },
    ],
    totals: { items: 3, points: 8, done_points: 5, done_items: 1 },
  },
});

function open(me = aliceMe, product = productX2, extra: Record<string, Route | Route[]> = {}) {
  const api = mockApi({
    'GET /me': { body: me },
    'GET /products/p-x2': { body: product },
    'GET /goals/gol_1': { body: full },
    ...extra,
  });
  return { api, ...renderApp('/products/p-x2/strategy/goals/gol_1') };
}

describe('GoalPage', () => {
  it('shows the goal, its key results with check-ins, the progress chart, initiatives and the work below', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Fly longer' })).toBeInTheDocument();
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Goal progress' })).toHaveAttribute('aria-valuetext', '35% (expected 50%)');
    const k1 = screen.getByRole('region', { name: 'Key result Longer flights' });
    expect(k1).toHaveTextContent('flight time: 38 min → 45 min · now 41.5 min');
    expect(within(k1).getByRole('table', { name: 'Check-ins of Longer flights' })).toHaveTextContent('new battery');
    const k2 = screen.getByRole('region', { name: 'Key result More customers' });
    expect(within(k2).getByRole('meter')).toHaveAttribute('aria-valuetext', '20%');
    expect(screen.getByText('Progress went from 10% on 2027-02-01 to 35% on 2027-03-01.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Progress over time chart' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Battery swap' })).toHaveAttribute('href', '/products/p-x2/strategy/initiatives/ini_1');
    expect(screen.getByText('3 items · 8 points · 1 done (5 points)')).toBeInTheDocument();
    const work = screen.getByRole('table', { name: 'Work below this goal' });
    expect(within(work).getByRole('link', { name: 'X2-4' })).toHaveAttribute('href', '/products/p-x2/items/X2-4');
  });

  it('shows the first page of the work and loads the next pages with its cursor', async () => {
    const item = (n: number) => ({
      id: `itm_${n}`,
      key: `X2-${n}`,
      title: `Story ${n}`,
      type: 'story',
      status: 'To do',
      category: 'todo',
      points: 1,
      parent_id: null,
      via: 'goal' as const,
    });
    const totals = { items: 5, points: 5, done_points: 0, done_items: 0 };
    const paged = { ...full, work: { items: [item(1), item(2)], totals, next_cursor: 'a.itm_2' } };
    const { api, user } = open(aliceMe, productX2, {
      'GET /goals/gol_1': { body: paged },
      'GET /goals/gol_1/work?cursor=a.itm_2': [
        apiError(500, 'internal', 'the server failed'),
        { body: { items: [item(3), item(4)], totals, next_cursor: 'c.itm_4' } },
      ],
      'GET /goals/gol_1/work?cursor=c.itm_4': { body: { items: [item(5)], totals, next_cursor: null } },
    });
    const work = await screen.findByRole('table', { name: 'Work below this goal' });
    expect(screen.getByText('5 items · 5 points · 0 done (0 points)')).toBeInTheDocument();
    expect(within(work).getAllByRole('link').map((l) => l.textContent)).toEqual(['X2-1', 'X2-2']);
    expect(screen.getByText('Showing 2 of 5')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the server failed');
    expect(within(work).getAllByRole('link')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(work).getAllByRole('link')).toHaveLength(4));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Showing 4 of 5')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(within(work).getAllByRole('link').map((l) => l.textContent)).toEqual(['X2-1', 'X2-2', 'X2-3', 'X2-4', 'X2-5']),
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.queryByText(/^Showing/)).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/goals/gol_1/work').map((c) => c.search.get('cursor'))).toEqual(['a.itm_2', 'a.itm_2', 'c.itm_4']);
  });

  it('records a check-in and moves the progress at once', async () => {
    const after = { ...kr2, current: 22, progress: 0.6, check_ins: [{ id: 'chk_2', value: 22, date: '2027-03-10', note: 'two new', by: { id: 'u-alice', name: 'Alice Moreau' }, created_at: 2 }] };
    let release: () => void = () => {};
    const { api, user } = open(aliceMe, productX2, {
      'POST /key-results/kr_2/check-ins': { status: 201, body: { ...after.check_ins[0], key_result_id: 'kr_2', key_result: after } },
      // The quiet refetch after the check-in answers late: the page must not wait for it.
      'GET /goals/gol_1': [
        { body: full },
        () => new Promise((resolve) => (release = () => resolve({ body: { ...full, key_results: [kr1, after], progress: 0.55 } }))),
      ],
    });
    const k2 = await screen.findByRole('region', { name: 'Key result More customers' });
    const form = within(k2).getByRole('form', { name: 'Check in More customers' });
    await user.type(within(form).getByLabelText('Value (customers)'), '22');
    const date = within(form).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2027-03-10');
    await user.type(within(form).getByLabelText('Note'), 'two new');
    await user.click(within(form).getByRole('button', { name: 'Check in' }));
    await waitFor(() => expect(within(k2).getByRole('meter')).toHaveAttribute('aria-valuetext', '60%'));
    expect(k2).toHaveTextContent('now 22 customers');
    expect(screen.getByRole('meter', { name: 'Goal progress' })).toHaveAttribute('aria-valuenow', '55');
    expect(within(k2).getByRole('table', { name: 'Check-ins of More customers' })).toHaveTextContent('two new');
    expect(api.callsTo('POST', '/key-results/kr_2/check-ins')[0].body).toEqual({ value: 22, date: '2027-03-10', note: 'two new' });
    release();
  });

  it('closes the goal as achieved with If-Match', async () => {
    const { api, user } = open(aliceMe, productX2, {
      'PATCH /goals/gol_1': { body: { ...full, state: 'achieved', status: null, version: 2 } },
    });
    await user.click(await screen.findByRole('button', { name: 'Edit goal' }));
    const form = screen.getByRole('form', { name: 'Edit goal' });
    await user.selectOptions(within(form).getByLabelText('State'), 'achieved');
    await user.click(within(form).getByRole('button', { name: 'Save goal' }));
    expect(await screen.findByText('Goal saved.')).toBeInTheDocument();
    const [patch] = api.callsTo('PATCH', '/goals/gol_1');
    expect(patch.body).toEqual({ state: 'achieved' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');
  });

  it('adds a key result and deletes a check-in', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { api, user } = open(aliceMe, productX2, {
      'POST /goals/gol_1/key-results': { status: 201, body: keyResult('kr_3') },
      'DELETE /check-ins/chk_1': { status: 204 },
    });
    await user.click(await screen.findByRole('button', { name: 'Add a key result' }));
    const form = screen.getByRole('form', { name: 'New key result' });
    await user.type(within(form).getByLabelText('Key result'), 'Quieter');
    await user.type(within(form).getByLabelText('Metric'), 'noise');
    await user.type(within(form).getByLabelText('Unit'), 'dB');
    await user.type(within(form).getByLabelText('Baseline'), '70');
    await user.type(within(form).getByLabelText('Target'), '60');
    await user.click(within(form).getByRole('button', { name: 'Add key result' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New key result' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/goals/gol_1/key-results')[0].body).toEqual({ title: 'Quieter', metric: 'noise', unit: 'dB', baseline: 70, target: 60 });

    await user.click(screen.getByRole('button', { name: 'Delete the check-in of 2027-03-01' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/check-ins/chk_1')).toHaveLength(1));
  });

  it('is read-only for a team member', async () => {
    open(daveMe, productForDave);
    expect(await screen.findByRole('heading', { level: 1, name: 'Fly longer' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /Check in/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit goal' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a key result' })).not.toBeInTheDocument();
  });

  it('computes the figures', () => {
    expect(progressSummary([])).toBe('No check-ins yet.');
    expect(progressSummary([{ date: '2027-01-05', progress: 0.25 }])).toBe('Progress 25% on 2027-01-05.');
    expect(withKeyResult(full, { ...kr2, progress: 1 }).progress).toBe(0.75);
  });
});
