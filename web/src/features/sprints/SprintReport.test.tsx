import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import {
  burndown,
  carolMe,
  changeRequest,
  planning,
  report,
  scopeChange,
  sprintDetail,
  velocity,
  x2Items,
} from '../../test/sprintFixtures';

const active = sprintDetail('spr_1', 'Sprint 7', {
  status: 'active',
  require_approval: true,
  committed_points: 10,
  started_at: 1,
  items: [x2Items.six, x2Items.twelve, x2Items.sixteen],
  planning: planning({ committed_points: 23 }),
});

function cells(row: HTMLElement) {
  return Array.from(row.querySelectorAll('td')).map((td) => td.textContent);
}

function routes(extra: Record<string, Route | Route[]> = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /sprints/spr_1': { body: active },
    'GET /products/p-x2/items': page([]),
    'GET /sprints/spr_1/change-requests': page([]),
    'GET /sprints/spr_1/scope-changes': page([
      scopeChange('scg_1'),
      scopeChange('scg_2', {
        kind: 're_estimated',
        item_id: 'itm_12',
        item: { id: 'itm_12', key: 'X2-12', title: 'Lighter landing gear', points: 8 },
        points_before: 5,
        points_after: 8,
        by_name: 'Dave Kim',
        reason: '',
      }),
    ]),
    'GET /sprints/spr_1/burndown': { body: burndown() },
    'GET /sprints/spr_1/report': { body: report() },
    'GET /teams/tea_1/velocity': { body: velocity() },
    ...extra,
  };
}

describe('SprintReport and scope changes', () => {
  it('reports done, not done, added after the start and removed, with who, when and why', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/sprints/spr_1');
    const reportRegion = await screen.findByRole('region', { name: 'Sprint report' });
    expect(await within(reportRegion).findByText('Done so far: 5 of 10 committed points.')).toBeInTheDocument();
    const done = within(reportRegion).getByRole('table', { name: 'Done' });
    expect(within(done).getByRole('link', { name: 'X2-6' })).toHaveAttribute('href', '/products/p-x2/items/X2-6');
    expect(within(reportRegion).getByRole('table', { name: 'Not done' })).toHaveTextContent('Eco mode');
    const added = within(reportRegion).getByRole('table', { name: 'Added after the start' });
    const addedRow = within(added).getAllByRole('row')[1];
    expect(cells(addedRow)[0]).toContain('X2-16');
    expect(cells(addedRow).slice(1, 3)).toEqual(['13', 'Bob Chen']);
    expect(cells(addedRow)[4]).toBe('customer escalation');
    const removed = within(reportRegion).getByRole('table', { name: 'Removed' });
    expect(removed).toHaveTextContent('Quiet propellers');
    expect(removed).toHaveTextContent('Carol Jensen');
    expect(removed).toHaveTextContent('blocked by the supplier');
    // Not completed yet: nothing carried over.
    expect(within(reportRegion).queryByRole('heading', { name: /Unfinished at completion/ })).not.toBeInTheDocument();
  });

  it('lists every scope change oldest first', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/sprints/spr_1');
    const table = await screen.findByRole('table', { name: 'Scope changes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(cells(rows[0])[0]).toBe('Added');
    expect(cells(rows[0])[2]).toBe('+13');
    expect(cells(rows[0])[3]).toBe('Bob Chen');
    expect(cells(rows[0])[5]).toBe('customer escalation');
    expect(cells(rows[1])[0]).toBe('Re-estimated');
    expect(cells(rows[1])[2]).toBe('5 → 8');
    expect(cells(rows[1])[5]).toBe('—');
  });

  it('lets the Product Owner accept a change request with a note, and reject another', async () => {
    const open = [changeRequest('crq_1'), changeRequest('crq_2', { kind: 'remove', item_id: 'itm_12', item: { id: 'itm_12', key: 'X2-12', title: 'Lighter landing gear', points: 5 }, reason: 'blocked' })];
    const api = mockApi(
      routes({
        'GET /sprints/spr_1/change-requests': [
          page(open),
          page([
            changeRequest('crq_1', { status: 'accepted', decided_by: 'u-bob', decided_by_name: 'Bob Chen', decided_at: 2, note: 'worth it' }),
            open[1],
          ]),
        ],
        'POST /change-requests/crq_1/accept': { body: changeRequest('crq_1', { status: 'accepted' }) },
        'POST /change-requests/crq_2/reject': apiError(409, 'conflict', 'the change request was already decided'),
      }),
    );
    const { user } = renderApp('/products/p-x2/sprints/spr_1');
    const region = await screen.findByRole('region', { name: 'Change requests' });
    expect(region).toHaveTextContent('Add X2-18 Endurance test (20 points)');
    expect(region).toHaveTextContent('Asked by Carol Jensen');
    expect(region).toHaveTextContent('“the customer asks”');
    await user.type(within(region).getByLabelText('Note on the request for X2-18'), 'worth it');
    await user.click(within(region).getByRole('button', { name: 'Accept the request for X2-18' }));
    await waitFor(() => expect(api.callsTo('POST', '/change-requests/crq_1/accept')).toHaveLength(1));
    expect(api.callsTo('POST', '/change-requests/crq_1/accept')[0].body).toEqual({ note: 'worth it' });
    expect(await within(region).findByText(/Accepted by Bob Chen/)).toHaveTextContent('“worth it”');
    // The sprint is fetched again: an accepted request changes its scope.
    await waitFor(() => expect(api.callsTo('GET', '/sprints/spr_1').length).toBeGreaterThan(1));

    await user.click(within(region).getByRole('button', { name: 'Reject the request for X2-12' }));
    expect(await within(region).findByRole('alert')).toHaveTextContent('the change request was already decided');
    expect(api.callsTo('POST', '/change-requests/crq_2/reject')[0].body).toEqual({});
  });

  it('shows a Scrum Master the requests without Accept or Reject', async () => {
    mockApi(
      routes({
        'GET /me': { body: carolMe },
        'GET /products/p-x2': { body: { ...productForBob, my_roles: ['scrum_master'] } },
        'GET /sprints/spr_1/change-requests': page([changeRequest('crq_1')]),
      }),
    );
    renderApp('/products/p-x2/sprints/spr_1');
    const region = await screen.findByRole('region', { name: 'Change requests' });
    expect(region).toHaveTextContent('Open');
    expect(within(region).queryByRole('button')).not.toBeInTheDocument();
  });
});
