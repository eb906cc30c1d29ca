import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { page, productForBob } from '../../test/backlogFixtures';
import { bobMe } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { daveMe, productForDave, readiness, release, run } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';

const NOTES = '# Release 2.1: Spring flight\n\n## New\n\n- X2-7 Night mode\n';

const detail = release('rel_1', '2.1', {
  name: 'Spring flight',
  target_date: '2026-06-01',
  items: [
    { id: 'itm_7', key: 'X2-7', title: 'Night mode', type: 'story', status: 'done', category: 'done', points: 5 },
    { id: 'itm_8', key: 'X2-8', title: 'Obstacle stop', type: 'story', status: 'new', category: 'to_do', points: 3 },
  ],
  dependencies: [
    {
      item: { id: 'itm_8', key: 'X2-8', title: 'Obstacle stop', type: 'story', status: 'new', category: 'to_do', points: 3 },
      blocked_by: [
        {
          item: { id: 'itm_9', key: 'X2-9', title: 'Firmware 5', type: 'story', status: 'new', category: 'to_do', points: null },
          where: 'none',
          release: null,
          problem: true,
        },
        {
          item: { id: 'itm_7', key: 'X2-7', title: 'Night mode', type: 'story', status: 'done', category: 'done', points: 5 },
          where: 'this_release',
          release: { id: 'rel_1', version: '2.1', target_date: '2026-06-01', status: 'planned' },
          problem: false,
        },
      ],
    },
  ],
  readiness: readiness({
    items_total: 2,
    items_done: 1,
    criteria_total: 5,
    criteria_covered: 3,
    criteria_passing: 2,
    open_blockers: [
      {
        id: 'itm_9',
        key: 'X2-9',
        title: 'Firmware 5',
        type: 'story',
        status: 'new',
        category: 'to_do',
        points: null,
        where: 'none',
        release: null,
        blocks: ['X2-8'],
      },
    ],
    failing_cases: [
      {
        case_id: 'tcs_2',
        title: 'Noise measurement',
        item: { id: 'itm_7', key: 'X2-7', title: 'Night mode' },
        result: 'fail',
        run: run('trn_3', 'tcs_2', { result: 'fail' }),
      },
    ],
  }),
});

function routes(extra = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /releases/rel_1': { body: detail },
    'GET /releases/rel_1/notes': { body: NOTES, headers: { 'Content-Type': 'text/markdown; charset=utf-8' } },
    'GET /products/p-x2/test-plans': page([]),
    ...extra,
  };
}

describe('ReleasePage', () => {
  it('shows items, dependencies with problems highlighted, and readiness with coverage', async () => {
    mockApi(routes());
    renderApp('/products/p-x2/releases/rel_1');
    expect(await screen.findByRole('heading', { level: 1, name: /Release 2.1: Spring flight/ })).toBeInTheDocument();
    const items = screen.getByRole('table', { name: 'Items of the release' });
    expect(within(items).getByRole('link', { name: 'X2-7' })).toHaveAttribute('href', '/products/p-x2/items/X2-7');
    expect(within(items).getAllByRole('row')).toHaveLength(3);

    const deps = screen.getByRole('region', { name: 'Dependencies' });
    const problem = within(deps).getByRole('link', { name: 'X2-9' }).closest('li')!;
    expect(problem).toHaveClass('dependency-problem');
    expect(problem).toHaveTextContent('in no release');
    expect(problem).toHaveTextContent('Problem');
    const fine = within(deps)
      .getAllByRole('link', { name: 'X2-7' })
      .map((a) => a.closest('li')!);
    expect(fine).toHaveLength(1);
    expect(fine[0]).toHaveTextContent('in this release');
    expect(fine[0]).not.toHaveClass('dependency-problem');

    const readinessCard = screen.getByRole('region', { name: 'Readiness' });
    expect(within(readinessCard).getByText('Not ready yet.')).toBeInTheDocument();
    expect(within(readinessCard).getByLabelText('Criteria covered by tests')).toHaveAttribute('value', '3');
    expect(readinessCard).toHaveTextContent('3 / 5');
    expect(readinessCard).toHaveTextContent('2 / 5');
    expect(readinessCard).toHaveTextContent('Firmware 5');
    expect(readinessCard).toHaveTextContent('Fail Noise measurement on X2-7');
    expect(within(readinessCard).getByRole('link', { name: 'Open the plan' })).toHaveAttribute('href', '/products/p-x2/test-plans/tpl_1');
  });

  it('previews the notes and copies their Markdown', async () => {
    mockApi(routes());
    const { user } = renderApp('/products/p-x2/releases/rel_1');
    // user-event stands in for the clipboard; watch what is written to it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const notes = await screen.findByRole('region', { name: 'Release notes' });
    expect(await within(notes).findByRole('heading', { name: 'New' })).toBeInTheDocument();
    expect(within(notes).getByText('X2-7 Night mode')).toBeInTheDocument();
    // The notes' own title sits below the page's title and the card's heading: one h1 on the page.
    expect(within(notes).getByRole('heading', { name: /^Release 2\.1/ })).toHaveProperty('tagName', 'H3');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await user.click(within(notes).getByRole('button', { name: 'Copy notes' }));
    expect(writeText).toHaveBeenCalledWith(NOTES);
    expect(await navigator.clipboard.readText()).toBe(NOTES);
    expect(await within(notes).findByText('Copied the notes as Markdown.')).toBeInTheDocument();
  });

  it('lets the Product Owner plan items by key and remove them', async () => {
    const api = mockApi(
      routes({
        'POST /releases/rel_1/items': { body: { ...detail, revision: 1 } },
        'POST /releases/rel_1/items/remove': { body: { ...detail, items: detail.items!.slice(0, 1) } },
      }),
    );
    const { user } = renderApp('/products/p-x2/releases/rel_1');
    await user.type(await screen.findByLabelText('Add items (keys)'), 'x2-10, X2-11');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.callsTo('POST', '/releases/rel_1/items')).toHaveLength(1));
    expect(api.callsTo('POST', '/releases/rel_1/items')[0].body).toEqual({ items: ['X2-10', 'X2-11'] });
    await user.click(screen.getByRole('button', { name: 'Remove X2-8 from the release' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Items of the release' })).queryByRole('link', { name: 'X2-8' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/releases/rel_1/items/remove')[0].body).toEqual({ items: ['itm_8'] });
  });

  it('lets the Product Owner commit the plan after confirming, then shows the scope changes since', async () => {
    const committed = {
      ...detail,
      revision: 2,
      committed_at: '2026-05-02T10:00:00Z',
      committed_by: { id: 'u-bob', name: 'Bob Chen' },
      baseline: { items: 2, points: 8, changes: 0 },
    };
    const scope = {
      release_id: 'rel_1',
      committed_at: Date.parse('2026-05-02T10:00:00Z'),
      committed_by: { id: 'u-bob', name: 'Bob Chen' },
      baseline: {
        taken_at: Date.parse('2026-05-02T10:00:00Z'),
        committed_points: 8,
        items: [
          { item: detail.items![0], points: 5 },
          { item: detail.items![1], points: 3 },
        ],
      },
      data: [
        {
          id: 'scg_1',
          kind: 're_estimated',
          item_id: 'itm_8',
          item: detail.items![1],
          points_before: 3,
          points_after: 5,
          by: 'u-bob',
          by_name: 'Bob Chen',
          at: Date.parse('2026-05-03T10:00:00Z'),
          reason: 'planning poker',
        },
        {
          id: 'scg_2',
          kind: 'added',
          item_id: 'itm_10',
          item: { id: 'itm_10', key: 'X2-10', title: 'Geofence', type: 'story', status: 'new', category: 'to_do', points: 2 },
          points_before: null,
          points_after: 2,
          by: 'u-bob',
          by_name: 'Bob Chen',
          at: Date.parse('2026-05-04T10:00:00Z'),
          reason: 'customer escalation',
        },
        {
          id: 'scg_3',
          kind: 'removed',
          item_id: 'itm_11',
          item: { id: 'itm_11', key: null, title: '(deleted item)' },
          points_before: 1,
          points_after: null,
          by: 'u-bob',
          by_name: 'Bob Chen',
          at: Date.parse('2026-05-05T10:00:00Z'),
          reason: 'deleted',
        },
      ],
      next_cursor: null,
    };
    const api = mockApi(
      routes({
        'POST /releases/rel_1/commit': { body: committed },
        'GET /releases/rel_1/scope-changes': { body: scope },
        'POST /releases/rel_1/items': { body: { ...committed, revision: 3, baseline: { items: 2, points: 8, changes: 1 } } },
      }),
    );
    const { user } = renderApp('/products/p-x2/releases/rel_1');
    const scopeSection = await screen.findByRole('region', { name: 'Scope changes' });
    expect(scopeSection).toHaveTextContent('The plan is not committed yet.');
    expect(screen.getByText('Release plan', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Not committed');
    expect(screen.queryByLabelText('Reason for the scope change')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Commit plan' }));
    const confirm = screen.getByRole('group', { name: 'Commit the release plan' });
    expect(confirm).toHaveTextContent('Commit the plan of 2 items (8 points)');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('POST', '/releases/rel_1/commit')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Commit plan' }));
    await user.click(within(screen.getByRole('group', { name: 'Commit the release plan' })).getByRole('button', { name: 'Commit' }));
    await waitFor(() => expect(api.callsTo('POST', '/releases/rel_1/commit')).toHaveLength(1));
    expect(await screen.findByText('Committed the plan: scope changes are recorded from now on.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Commit plan' })).not.toBeInTheDocument();
    expect(screen.getByText('Release plan', { selector: 'dt' }).nextElementSibling).toHaveTextContent('by Bob Chen: 2 items, 8 points; 0 scope changes since');

    const table = await within(scopeSection).findByRole('table', { name: 'Scope changes since the commit' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Re-estimated');
    expect(rows[0]).toHaveTextContent('3 → 5');
    expect(rows[0]).toHaveTextContent('planning poker');
    expect(within(rows[1]).getByRole('link', { name: 'X2-10' })).toHaveAttribute('href', '/products/p-x2/items/X2-10');
    expect(rows[1]).toHaveTextContent('+2');
    expect(rows[1]).toHaveTextContent('customer escalation');
    expect(rows[2]).toHaveTextContent('(deleted item)');
    expect(rows[2]).toHaveTextContent('−1');
    expect(scopeSection).toHaveTextContent('Baseline: 2 items, 8 points, committed');

    // Planning a committed release carries a reason for its scope change.
    await user.type(screen.getByLabelText('Add items (keys)'), 'X2-12');
    await user.type(screen.getByLabelText('Reason for the scope change'), 'board request');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.callsTo('POST', '/releases/rel_1/items')).toHaveLength(1));
    expect(api.callsTo('POST', '/releases/rel_1/items')[0].body).toEqual({ items: ['X2-12'], reason: 'board request' });
    // The count of changes moved: the list is read again.
    await waitFor(() => expect(api.callsTo('GET', '/releases/rel_1/scope-changes').length).toBeGreaterThanOrEqual(2));
  });

  it('offers a team member no Commit plan button', async () => {
    mockApi(routes({ 'GET /me': { body: daveMe }, 'GET /products/p-x2': { body: productForDave } }));
    renderApp('/products/p-x2/releases/rel_1');
    expect(await screen.findByRole('region', { name: 'Scope changes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Commit plan' })).not.toBeInTheDocument();
  });
});
