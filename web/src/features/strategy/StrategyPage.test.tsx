import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { daveMe, productForDave } from '../../test/releaseFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { goal, initiative, keyResult, vision } from '../../test/strategyFixtures';

const v3 = vision({
  statement: 'Drones that fly all day',
  target_customers: 'Inspection firms',
  customer_needs: 'Long **flights**',
  value_proposition: 'Twice the flight time',
  business_goals: '30 customers',
  version: 3,
  updated_by: { id: 'u-alice', name: 'Alice Moreau' },
  updated_at: Date.UTC(2027, 0, 5),
});

const flight = goal('gol_1', 'Fly longer', {
  progress: 0.35,
  expected: 0.501,
  status: 'at_risk',
  key_results: [keyResult('kr_1', { current: 41.5, progress: 0.5 })],
});
const closed = goal('gol_2', 'Old goal', { state: 'achieved', progress: 1 });
const onTrack = goal('gol_3', 'Win inspection', { horizon: 'quarter', progress: 0.6, expected: 0.55, status: 'on_track' });

function routes(extra: Record<string, Route | Route[]> = {}) {
  return mockApi({
    'GET /me': { body: aliceMe },
    'GET /products/p-x2': { body: productX2 },
    'GET /products/p-x2/vision': { body: v3 },
    'GET /products/p-x2/goals': { body: { data: [flight, closed, onTrack] } },
    'GET /products/p-x2/initiatives': {
      body: {
        data: [
          initiative('ini_1', 'Battery swap', { status: 'in_progress', goal_ids: ['gol_1'], start_date: '2027-02-01', end_date: '2027-06-30' }),
          initiative('ini_2', 'Lighter frame', { status: 'proposed' }),
          initiative('ini_3', 'Night flights', { status: 'in_progress' }),
        ],
      },
    },
    'GET /products/p-x2/vision/history': {
      body: { data: [v3, vision({ statement: 'Drones for everyone', version: 2, updated_by: { id: 'u-alice', name: 'Alice Moreau' } })], next_cursor: null },
    },
    ...extra,
  });
}

describe('StrategyPage', () => {
  it('shows the vision, the open goals against the expected progress, and the initiatives by status', async () => {
    routes();
    renderApp('/products/p-x2/strategy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Strategy' })).toBeInTheDocument();
    expect(await screen.findByText('Drones that fly all day')).toBeInTheDocument();
    expect(screen.getByText('Inspection firms')).toBeInTheDocument();
    expect(screen.getByText('flights').tagName).toBe('STRONG');
    expect(screen.getByText(/Version 3, saved by Alice Moreau/)).toBeInTheDocument();

    const goals = await screen.findByRole('table', { name: 'Open goals' });
    const rows = within(goals).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2); // the achieved goal is not shown
    expect(rows[0]).toHaveTextContent('Fly longer');
    expect(rows[0]).toHaveTextContent('Year');
    expect(rows[0]).toHaveTextContent('At risk');
    const meter = within(rows[0]).getByRole('meter', { name: 'Progress of Fly longer' });
    expect(meter).toHaveAttribute('aria-valuenow', '35');
    expect(meter).toHaveAttribute('aria-valuetext', '35% (expected 50%)');
    expect(within(rows[0]).getByRole('link', { name: 'Fly longer' })).toHaveAttribute('href', '/products/p-x2/strategy/goals/gol_1');
    expect(rows[1]).toHaveTextContent('On track');

    const inProgress = await screen.findByRole('region', { name: 'In progress' });
    expect(within(inProgress).getByRole('heading')).toHaveTextContent('In progress (2)');
    expect(inProgress).toHaveTextContent('Battery swap');
    expect(inProgress).toHaveTextContent('2027-02-01 – 2027-06-30');
    expect(inProgress).toHaveTextContent('serves Fly longer');
    expect(within(screen.getByRole('region', { name: 'Proposed' })).getByRole('link', { name: 'Lighter frame' })).toHaveAttribute(
      'href',
      '/products/p-x2/strategy/initiatives/ini_2',
    );
  });

  it('lets the Product Manager edit the vision with If-Match and shows its history', async () => {
    const api = routes({
      'PATCH /products/p-x2/vision': (req) => ({ body: { ...v3, ...(req.body as object), version: 4 } }),
    });
    const { user } = renderApp('/products/p-x2/strategy');
    await user.click(await screen.findByRole('button', { name: 'Edit vision' }));
    const form = screen.getByRole('form', { name: 'Edit vision' });
    const statement = within(form).getByLabelText('Vision statement');
    await user.clear(statement);
    await user.type(statement, 'Drones that fly all night');
    await user.click(within(form).getByRole('button', { name: 'Save vision' }));
    expect(await screen.findByText('Drones that fly all night')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Vision saved (version 4).');
    const [patch] = api.callsTo('PATCH', '/products/p-x2/vision');
    expect(patch.body).toEqual({ statement: 'Drones that fly all night' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"3"');

    await user.click(screen.getByRole('button', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'Vision versions' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(2);
    expect(history).toHaveTextContent('Version 2');
    expect(history).toHaveTextContent('Drones for everyone');
  });

  it('shows a stale save with the conflict notice and saves over it on request', async () => {
    const newer = { ...v3, statement: 'Someone else wrote this', version: 5, updated_by: { id: 'u-bob', name: 'Bob Chen' } };
    const api = routes({
      'PATCH /products/p-x2/vision': [
        { status: 412, body: { error: { code: 'precondition_failed', message: 'stale', details: [] }, current: newer } },
        (req) => ({ body: { ...newer, ...(req.body as object), version: 6 } }),
      ],
    });
    const { user } = renderApp('/products/p-x2/strategy');
    await user.click(await screen.findByRole('button', { name: 'Edit vision' }));
    const form = screen.getByRole('form', { name: 'Edit vision' });
    await user.clear(within(form).getByLabelText('Value proposition'));
    await user.type(within(form).getByLabelText('Value proposition'), 'Three times the flight time');
    await user.click(within(form).getByRole('button', { name: 'Save vision' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('changed by Bob Chen (now version 5)');
    await user.click(within(alert).getByRole('button', { name: 'Keep my changes' }));
    // The statement follows the newer version; the user's own field is kept.
    expect(within(form).getByLabelText('Vision statement')).toHaveValue('Someone else wrote this');
    await user.click(within(form).getByRole('button', { name: 'Save vision' }));
    expect(await screen.findByText('Three times the flight time')).toBeInTheDocument();
    const patches = api.callsTo('PATCH', '/products/p-x2/vision');
    expect(patches).toHaveLength(2);
    expect((patches[1].init?.headers as Record<string, string>)['If-Match']).toBe('"5"');
    expect(patches[1].body).toEqual({ value_proposition: 'Three times the flight time' });
  });

  it('is read-only for a team member and says when nothing is written yet', async () => {
    mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /products/p-x2/vision': { body: vision() },
      'GET /products/p-x2/goals': { body: { data: [] } },
      'GET /products/p-x2/initiatives': { body: { data: [] } },
    });
    renderApp('/products/p-x2/strategy');
    expect(await screen.findByText('No vision has been written yet.')).toBeInTheDocument();
    expect(await screen.findByText('No open goals.')).toBeInTheDocument();
    expect(await screen.findByText('No initiatives yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /vision/i })).not.toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Strategy' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('shows a failed load with Retry', async () => {
    routes({ 'GET /products/p-x2/vision': [apiError(500, 'internal', 'boom'), { body: v3 }] });
    const { user } = renderApp('/products/p-x2/strategy');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the vision');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('Drones that fly all day')).toBeInTheDocument());
  });
});
