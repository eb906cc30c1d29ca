import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { goal, keyResult } from '../../test/strategyFixtures';

const flight = goal('gol_1', 'Fly longer', {
  progress: 0.35,
  expected: 0.5,
  status: 'at_risk',
  key_results: [keyResult('kr_1', { progress: 0.5 }), keyResult('kr_2', { progress: 0.2 })],
});
const old = goal('gol_2', 'Old goal', { horizon: 'quarter', state: 'missed', progress: 0.1 });

describe('GoalsPage', () => {
  it('lists the goals and filters them by horizon and state', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/goals': { body: { data: [flight, old] } },
      'GET /products/p-x2/goals?horizon=quarter': { body: { data: [old] } },
      'GET /products/p-x2/goals?horizon=quarter&state=missed': { body: { data: [old] } },
    });
    const { user } = renderApp('/products/p-x2/strategy/goals');
    const table = await screen.findByRole('table', { name: 'Goals' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Fly longer');
    expect(rows[0]).toHaveTextContent('2027-01-01 – 2027-12-31');
    expect(rows[0]).toHaveTextContent('Alice Moreau');
    expect(rows[0]).toHaveTextContent('At risk');
    expect(rows[1]).toHaveTextContent('Missed');
    expect(within(rows[1]).getByRole('meter')).toHaveAttribute('aria-valuetext', '10%');

    await user.selectOptions(screen.getByLabelText('Horizon'), 'quarter');
    await waitFor(() => expect(screen.queryByText('Fly longer')).not.toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('State'), 'missed');
    await waitFor(() => expect(api.calls.some((c) => c.search.get('state') === 'missed' && c.search.get('horizon') === 'quarter')).toBe(true));
    expect(screen.getByRole('link', { name: 'Old goal' })).toHaveAttribute('href', '/products/p-x2/strategy/goals/gol_2');
  });

  it('lets the Product Manager create a goal with key results, showing errors by field', async () => {
    const created = goal('gol_9', 'Win inspection');
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/goals': { body: { data: [] } },
      'POST /products/p-x2/goals': [
        {
          status: 400,
          body: {
            error: {
              code: 'validation_failed',
              message: 'invalid goal',
              details: [{ field: 'key_results.0.target', issue: 'must differ from the baseline' }],
            },
          },
        },
        { status: 201, body: created },
      ],
      'GET /goals/gol_9': { body: { ...created, progress_history: [], initiatives: [], work: { items: [], totals: { items: 0, points: 0, done_points: 0, done_items: 0 } } } },
    });
    const { user, location } = renderApp('/products/p-x2/strategy/goals');
    await user.click(await screen.findByRole('button', { name: 'New goal' }));
    const form = screen.getByRole('form', { name: 'New goal' });
    await user.type(within(form).getByLabelText('Objective'), 'Win inspection');
    await user.selectOptions(within(form).getByLabelText('Horizon'), 'quarter');
    const start = within(form).getByLabelText('Start date');
    await user.clear(start);
    await user.type(start, '2027-01-01');
    await user.selectOptions(within(form).getByLabelText('Owner'), 'Bob Chen');
    const kr = within(form).getByRole('group', { name: 'Key result 1' });
    await user.type(within(kr).getByLabelText('Key result'), 'More customers');
    await user.type(within(kr).getByLabelText('Metric'), 'inspection customers');
    await user.type(within(kr).getByLabelText('Unit'), 'customers');
    await user.type(within(kr).getByLabelText('Baseline'), '10');
    await user.type(within(kr).getByLabelText('Target'), '10');
    await user.click(within(form).getByRole('button', { name: 'Create goal' }));
    expect(await within(kr).findByText('must differ from the baseline')).toBeInTheDocument();
    await user.clear(within(kr).getByLabelText('Target'));
    await user.type(within(kr).getByLabelText('Target'), '30');
    await user.click(within(form).getByRole('button', { name: 'Create goal' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/strategy/goals/gol_9'));
    const posts = api.callsTo('POST', '/products/p-x2/goals');
    expect(posts[1].body).toEqual({
      objective: 'Win inspection',
      description: '',
      horizon: 'quarter',
      start_date: '2027-01-01',
      owner_id: 'u-bob',
      key_results: [{ title: 'More customers', metric: 'inspection customers', unit: 'customers', baseline: 10, target: 30 }],
    });
  });

  it('offers no New goal to a team member', async () => {
    mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /products/p-x2/goals': { body: { data: [flight] } },
    });
    renderApp('/products/p-x2/strategy/goals');
    expect(await screen.findByRole('link', { name: 'Fly longer' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New goal' })).not.toBeInTheDocument();
  });
});
