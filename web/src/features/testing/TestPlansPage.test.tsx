import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { release, testPlan } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { sprint, sprintDetail } from '../../test/sprintFixtures';

const sprintPlan = testPlan('tpl_2', 'Sprint 7 tests', [], { sprint_id: 'spr_7', release_id: null, release: null });

function routes(extra = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /products/p-x2/test-plans': page([testPlan('tpl_1', '2.1 regression', []), sprintPlan]),
    'GET /products/p-x2/releases': page([release('rel_1', '2.1')]),
    'GET /products/p-x2/sprints': page([
      sprint('spr_7', 'Sprint 7', { status: 'active' }),
      sprint('spr_8', 'Sprint 8'),
    ]),
    ...extra,
  };
}

describe('TestPlansPage', () => {
  it('lists plans by release or sprint, the sprint by name with a link', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/test-plans');
    const row = (await screen.findByRole('link', { name: 'Sprint 7 tests' })).closest('tr')!;
    expect(await within(row).findByRole('link', { name: 'Sprint 7' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_7');
    expect(screen.getByRole('link', { name: '2.1 regression' }).closest('tr')).toHaveTextContent('Release 2.1');
  });

  it('creates a plan for one of the product’s sprints, chosen from a list', async () => {
    const api = mockApi(
      routes({
        'POST /products/p-x2/test-plans': { status: 201, body: { ...sprintPlan, id: 'tpl_3', sprint_id: 'spr_8' } },
        'GET /test-plans/tpl_3': { body: { ...sprintPlan, id: 'tpl_3', sprint_id: 'spr_8' } },
        'GET /test-plans/tpl_3/runs': page([]),
        'GET /sprints/spr_8': { body: sprintDetail('spr_8', 'Sprint 8') },
      }),
    );
    const { user, location } = renderApp('/products/p-x2/test-plans');
    const form = await screen.findByRole('form', { name: 'New test plan' });
    await user.type(within(form).getByLabelText(/Name/), 'Sprint 8 tests');
    const tests = within(form).getByLabelText(/Tests/);
    await waitFor(() => expect(within(tests).getByRole('option', { name: 'Sprint 8 (planned)' })).toBeInTheDocument());
    expect(within(tests).getByRole('option', { name: 'Sprint 7 (active)' })).toBeInTheDocument();
    expect(within(tests).getByRole('option', { name: 'Release 2.1' })).toBeInTheDocument();
    // No free-text sprint id any more.
    expect(within(form).queryByLabelText(/Sprint id/)).not.toBeInTheDocument();
    await user.selectOptions(tests, 'Sprint 8 (planned)');
    await user.click(within(form).getByRole('button', { name: 'Create test plan' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/test-plans/tpl_3'));
    expect(api.callsTo('POST', '/products/p-x2/test-plans')[0].body).toEqual({ name: 'Sprint 8 tests', sprint_id: 'spr_8' });
    // The plan page names its sprint.
    expect(await screen.findByRole('link', { name: 'Sprint 8' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_8');
  });

  it('creates a plan for a release', async () => {
    const api = mockApi(
      routes({
        'POST /products/p-x2/test-plans': { status: 201, body: testPlan('tpl_4', 'Release tests', []) },
        'GET /test-plans/tpl_4': { body: testPlan('tpl_4', 'Release tests', []) },
        'GET /test-plans/tpl_4/runs': page([]),
      }),
    );
    const { user } = renderApp('/products/p-x2/test-plans');
    const form = await screen.findByRole('form', { name: 'New test plan' });
    await user.type(within(form).getByLabelText(/Name/), 'Release tests');
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Release 2.1' })).toBeInTheDocument());
    await user.selectOptions(within(form).getByLabelText(/Tests/), 'Release 2.1');
    await user.click(within(form).getByRole('button', { name: 'Create test plan' }));
    await waitFor(() => expect(api.callsTo('POST', '/products/p-x2/test-plans')).toHaveLength(1));
    expect(api.callsTo('POST', '/products/p-x2/test-plans')[0].body).toEqual({ name: 'Release tests', release_id: 'rel_1' });
  });
});
