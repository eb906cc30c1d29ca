import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { mockApi } from '../../test/mockApi';
import { daveMe, productForDave, run, testCase, testPlan } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';

const dusk = testCase('tcs_1', 'Dusk preview');
const noise = testCase('tcs_2', 'Noise measurement', { latest: run('trn_1', 'tcs_2', { result: 'pass' }) });

describe('TestPlanPage', () => {
  it('shows each case with its latest result and records a failing run with notes', async () => {
    const failed = run('trn_2', 'tcs_1', { result: 'fail', notes: 'Black below 2 lux' });
    const api = mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /test-plans/tpl_1': [
        { body: testPlan('tpl_1', '2.1 regression', [dusk, noise]) },
        { body: testPlan('tpl_1', '2.1 regression', [{ ...dusk, latest: failed }, noise]) },
      ],
      'GET /test-plans/tpl_1/runs': [page([noise.latest]), page([failed, noise.latest])],
      'POST /test-plans/tpl_1/runs': { status: 201, body: failed },
    });
    const { user } = renderApp('/products/p-x2/test-plans/tpl_1');
    expect(await screen.findByRole('heading', { level: 1, name: '2.1 regression' })).toBeInTheDocument();
    expect(screen.getByText(/2 cases: 1 pass, 0 fail, 0 blocked, 1 not run/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Test cases of the plan' });
    const row = within(table).getByText('Dusk preview').closest('tr')!;
    expect(row).toHaveTextContent('Not run');
    expect(within(table).getByText('Noise measurement').closest('tr')!).toHaveTextContent('Pass');

    await user.type(within(row).getByLabelText('Notes for Dusk preview'), 'Black below 2 lux');
    await user.click(within(row).getByRole('button', { name: 'Record fail for Dusk preview' }));
    await waitFor(() => expect(api.callsTo('POST', '/test-plans/tpl_1/runs')).toHaveLength(1));
    expect(api.callsTo('POST', '/test-plans/tpl_1/runs')[0].body).toEqual({
      case_id: 'tcs_1',
      result: 'fail',
      notes: 'Black below 2 lux',
    });
    const after = (await within(table).findByText('Black below 2 lux')).closest('tr')!;
    expect(after).toHaveTextContent('Fail');
    expect(within(after).getByRole('button', { name: 'Open a bug for Dusk preview' })).toBeInTheDocument();
  });

  it('opens a bug from a failing run and links to it', async () => {
    const failed = run('trn_2', 'tcs_1', { result: 'fail', notes: 'Black below 2 lux' });
    const bug = { id: 'itm_40', key: 'X2-40', title: 'Test failed: Dusk preview', type: 'bug' as const, status: 'new' };
    const api = mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /test-plans/tpl_1': [
        { body: testPlan('tpl_1', '2.1 regression', [{ ...dusk, latest: failed }]) },
        { body: testPlan('tpl_1', '2.1 regression', [{ ...dusk, latest: { ...failed, bug_id: bug.id, bug } }]) },
      ],
      'GET /test-plans/tpl_1/runs': page([failed]),
      'POST /test-runs/trn_2/bug': { status: 201, body: { bug, created: true, run: { ...failed, bug_id: bug.id, bug } } },
    });
    const { user } = renderApp('/products/p-x2/test-plans/tpl_1');
    await user.click(await screen.findByRole('button', { name: 'Open a bug for Dusk preview' }));
    expect(await screen.findByText(/Opened bug X2-40: Test failed: Dusk preview/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to X2-40' })).toHaveAttribute('href', '/products/p-x2/items/X2-40');
    const table = screen.getByRole('table', { name: 'Test cases of the plan' });
    expect(await within(table).findByRole('link', { name: 'X2-40' })).toHaveAttribute('href', '/products/p-x2/items/X2-40');
    expect(within(table).queryByRole('button', { name: /Open a bug/ })).not.toBeInTheDocument();
    expect(api.callsTo('POST', '/test-runs/trn_2/bug')).toHaveLength(1);
  });

  it('shows a stakeholder the results without recording controls', async () => {
    mockApi({
      'GET /me': { body: { ...daveMe, products: [{ ...daveMe.products[0], my_roles: ['stakeholder'] }] } },
      'GET /products/p-x2': { body: productForDave },
      'GET /test-plans/tpl_1': { body: testPlan('tpl_1', 'Plan', [dusk]) },
      'GET /test-plans/tpl_1/runs': page([]),
    });
    renderApp('/products/p-x2/test-plans/tpl_1');
    await screen.findByRole('heading', { level: 1, name: 'Plan' });
    expect(screen.queryByRole('button', { name: /Record/ })).not.toBeInTheDocument();
    expect(screen.getByText('No runs yet.')).toBeInTheDocument();
  });
});
