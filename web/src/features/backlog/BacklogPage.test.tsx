import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { item, page, productForBob, settingsX2 } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { aliceMe, bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { moveTarget } from './BacklogPage';

const items = [
  item(1, { labels: ['camera'], points: 3, flags: ['no_criteria'] }),
  item(2, { assignee: { id: 'u-bob', name: 'Bob Chen' } }),
  item(3, { type: 'bug', title: 'Gimbal drifts' }),
];

function routes(extra: Record<string, Route | Route[]> = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /products/p-x2/items': page(items),
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    'GET /products/p-x2/views': page([]),
    ...extra,
  };
}

async function openBacklog(extra: Record<string, Route | Route[]> = {}, path = '/products/p-x2/backlog') {
  const ES = installFakeEventSource();
  const api = mockApi(routes(extra));
  const utils = renderApp(path);
  await screen.findByRole('cell', { name: 'X2-1' });
  return { api, ES, ...utils };
}

const rowKeys = () =>
  within(screen.getByRole('table', { name: 'Ranked backlog items' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[2].textContent);

describe('BacklogPage', () => {
  it('lists the ranked items with type, status, points, assignee, labels and flags', async () => {
    await openBacklog();
    expect(screen.getByRole('heading', { level: 1, name: 'Backlog' })).toBeInTheDocument();
    expect(rowKeys()).toEqual(['X2-1', 'X2-2', 'X2-3']);
    const row = screen.getByRole('cell', { name: 'X2-1' }).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'Story 1' })).toHaveAttribute('href', '/products/p-x2/items/X2-1');
    expect(within(row).getByRole('combobox', { name: 'Points of X2-1' })).toHaveValue('3');
    expect(within(row).getByText('camera')).toBeInTheDocument();
    expect(within(row).getByText('No acceptance criteria')).toBeInTheDocument();
    const row2 = screen.getByRole('cell', { name: 'X2-2' }).closest('tr')!;
    expect(within(row2).getByText('Bob Chen')).toBeInTheDocument();
  });

  it('offers the backlog as CSV, narrowed by the applied query', async () => {
    installFakeEventSource();
    mockApi(routes({ 'GET /products/p-x2/items?query=type+%3D+bug&limit=200': page([items[2]]) }));
    renderApp('/products/p-x2/backlog?query=type+%3D+bug');
    await screen.findByRole('cell', { name: 'X2-3' });
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/v1/products/p-x2/items/export?format=csv&query=type%20%3D%20bug',
    );
  });

  it('moves an item with Alt+ArrowDown: sends before the new lower neighbour and announces the place', async () => {
    const { api } = await openBacklog({ 'POST /items/itm_1/move': { body: items[0] } });
    api.set('GET /products/p-x2/items', page([items[1], items[0], items[2]]));
    const handle = screen.getByRole('button', { name: /Move X2-1/ });
    handle.focus();
    fireEvent.keyDown(handle, { key: 'ArrowDown', altKey: true });

    await waitFor(() => expect(api.callsTo('POST', '/items/itm_1/move')).toHaveLength(1));
    expect(api.callsTo('POST', '/items/itm_1/move')[0].body).toEqual({ before: 'itm_3' });
    expect(screen.getByTestId('backlog-announcer')).toHaveTextContent('X2-1 moved to position 2 of 3.');
    await waitFor(() => expect(api.callsTo('GET', '/products/p-x2/items')).toHaveLength(2));
    expect(rowKeys()).toEqual(['X2-2', 'X2-1', 'X2-3']);
    await waitFor(() => expect(screen.getByRole('button', { name: /Move X2-1/ })).toHaveFocus());
  });

  it('moves the last item up with "before" the item it now precedes, and to the bottom with "after"', () => {
    expect(moveTarget([items[0], items[2], items[1]], 1)).toEqual({ before: 'itm_2' });
    expect(moveTarget([items[1], items[2], items[0]], 2)).toEqual({ after: 'itm_3' });
  });

  it('shows the server order again when a move is refused', async () => {
    const { api } = await openBacklog({
      'POST /items/itm_3/move': apiError(400, 'invalid_move', 'that item is in another product'),
    });
    fireEvent.keyDown(screen.getByRole('button', { name: /Move X2-3/ }), { key: 'ArrowUp', altKey: true });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not move X2-3: that item is in another product');
    expect(api.callsTo('POST', '/items/itm_3/move')[0].body).toEqual({ before: 'itm_2' });
    await waitFor(() => expect(rowKeys()).toEqual(['X2-1', 'X2-2', 'X2-3']));
  });

  it('offers no ranking, selection or bulk edit to someone who is not the Product Owner', async () => {
    const alice = { ...aliceMe };
    await openBacklog({ 'GET /me': { body: alice } });
    expect(screen.queryByRole('button', { name: /Move X2-1/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Select X2-1' })).not.toBeInTheDocument();
    // The Product Manager still creates items at the bottom.
    expect(screen.getByRole('form', { name: 'New item' })).toBeInTheDocument();
  });

  it('bulk edits the selected items with only the fields chosen', async () => {
    const { api, user } = await openBacklog({ 'POST /products/p-x2/items/bulk': { body: { data: [] } } });
    await user.click(screen.getByRole('checkbox', { name: 'Select X2-1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select X2-3' }));
    const bar = screen.getByRole('form', { name: 'Bulk edit' });
    expect(within(bar).getByText('2 selected')).toBeInTheDocument();
    await user.selectOptions(within(bar).getByLabelText('Status'), 'Ready');
    await user.selectOptions(within(bar).getByLabelText('Assignee'), 'Bob Chen');
    await user.type(within(bar).getByLabelText('Add label'), 'Camera');
    await user.selectOptions(within(bar).getByLabelText('Points'), '5');
    await user.click(within(bar).getByRole('button', { name: 'Apply to 2' }));

    await waitFor(() => expect(api.callsTo('POST', '/products/p-x2/items/bulk')).toHaveLength(1));
    expect(api.callsTo('POST', '/products/p-x2/items/bulk')[0].body).toEqual({
      item_ids: ['itm_1', 'itm_3'],
      status: 'ready',
      assignee_id: 'u-bob',
      add_labels: ['camera'],
      points: 5,
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Bulk edit' })).not.toBeInTheDocument());
  });

  it('creates an item at the bottom with Enter', async () => {
    const created = item(4, { type: 'spike', title: 'Try a new lens' });
    const { api, user } = await openBacklog({ 'POST /products/p-x2/items': { status: 201, body: created } });
    api.set('GET /products/p-x2/items', page([...items, created]));
    const form = screen.getByRole('form', { name: 'New item' });
    await user.selectOptions(within(form).getByLabelText('Type'), 'Spike');
    await user.type(within(form).getByLabelText('New item title'), 'Try a new lens{Enter}');
    expect(await screen.findByRole('cell', { name: 'X2-4' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/items')[0].body).toEqual({ type: 'spike', title: 'Try a new lens' });
    expect(within(form).getByLabelText('New item title')).toHaveValue('');
  });

  it('edits status, points and title on the row with If-Match, and shows a WIP limit refusal', async () => {
    const { api, user } = await openBacklog();
    api.set('PATCH /items/itm_1', [
      apiError(409, 'wip_limit_reached', 'In progress already holds 2 items (the limit)'),
      { body: { ...items[0], title: 'Night mode', version: 2 } },
    ]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status of X2-1' }), 'In progress');
    expect(await screen.findByRole('alert')).toHaveTextContent('In progress already holds 2 items');

    await user.click(screen.getByRole('button', { name: 'Rename X2-1' }));
    const title = screen.getByLabelText('Title of X2-1');
    await user.clear(title);
    await user.type(title, 'Night mode{Enter}');
    expect(await screen.findByRole('link', { name: 'Night mode' })).toBeInTheDocument();
    const patches = api.callsTo('PATCH', '/items/itm_1');
    expect(patches.map((p) => p.body)).toEqual([{ status: 'in_progress' }, { title: 'Night mode' }]);
    expect(new Headers(patches[1].init?.headers).get('If-Match')).toBe('"1"');
  });

  it('edits the priority on the row', async () => {
    const { api, user } = await openBacklog({ 'PATCH /items/itm_3': { body: { ...items[2], priority: 'high', version: 2 } } });
    const select = screen.getByRole('combobox', { name: 'Priority of X2-3' });
    expect(select).toHaveValue('medium');
    await user.selectOptions(select, 'High');
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_3')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/items/itm_3')[0].body).toEqual({ priority: 'high' });
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Priority of X2-3' })).toHaveValue('high'));
  });

  it('marks where a malformed query goes wrong', async () => {
    const bad = 'type = story AND points >> 3';
    const { api, user } = await openBacklog();
    const err = apiError(400, 'invalid_query', 'unexpected ">" after ">"');
    api.set(`GET /products/p-x2/items?query=${encodeURIComponent(bad).replace(/%20/g, '+')}&limit=200`, {
      ...err,
      body: { error: { ...err.body.error, position: 25, expected: ['a number'] } },
    });
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.click(input);
    fireEvent.change(input, { target: { value: bad } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('unexpected ">" after ">" (at character 26)');
    expect(alert).toHaveTextContent('Expected: a number');
    const caret = screen.getByTestId('query-caret');
    expect(caret.textContent).toBe(`${bad}\n${' '.repeat(25)}^`);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Fix the query to see the items.')).toBeInTheDocument();
  });

  it('suggests values as one types and takes one with Enter', async () => {
    const { user } = await openBacklog();
    const input = screen.getByRole('combobox', { name: 'Query' });
    await user.click(input);
    await user.type(input, 'status = in');
    const list = screen.getByRole('listbox', { name: 'Suggestions' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['in_progress value']);
    await user.keyboard('{Enter}');
    expect(input).toHaveValue('status = in_progress ');
  });

  it('lists saved views, opens one, saves the current query as a shared view and deletes own views', async () => {
    const views = [
      { id: 'v1', name: 'Open bugs', query: 'type = bug', shared: true, owner: { id: 'u-alice', name: 'Alice Moreau' } },
      { id: 'v2', name: 'Mine', query: 'assignee = me', shared: false, owner: { id: 'u-bob', name: 'Bob Chen' } },
    ];
    const { api, user, location } = await openBacklog({
      'GET /products/p-x2/views': page(views),
      'POST /products/p-x2/views': { status: 201, body: { id: 'v3', name: 'Cameras', query: 'label = camera', shared: true } },
      'DELETE /views/v2': { status: 204 },
    });
    await screen.findByRole('button', { name: 'Open bugs' });
    expect(screen.getByText(/shared by Alice Moreau/)).toBeInTheDocument();
    api.set('GET /products/p-x2/items?query=type+%3D+bug&limit=200', page([items[2]]));
    await user.click(screen.getByRole('button', { name: 'Open bugs' }));
    await waitFor(() => expect(rowKeys()).toEqual(['X2-3']));
    expect(location()).toBe('/products/p-x2/backlog?query=type+%3D+bug');
    expect(screen.getByRole('combobox', { name: 'Query' })).toHaveValue('type = bug');

    fireEvent.change(screen.getByRole('combobox', { name: 'Query' }), { target: { value: 'label = camera' } });
    const form = screen.getByRole('form', { name: 'Save view' });
    await user.type(within(form).getByLabelText('View name'), 'Cameras');
    await user.click(within(form).getByLabelText(/Shared with the product/));
    await user.click(within(form).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(api.callsTo('POST', '/products/p-x2/views')).toHaveLength(1));
    expect(api.callsTo('POST', '/products/p-x2/views')[0].body).toEqual({
      name: 'Cameras',
      query: 'label = camera',
      shared: true,
    });

    // The PO may delete shared views and their own.
    expect(screen.getByRole('button', { name: 'Delete view Open bugs' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete view Mine' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/views/v2')).toHaveLength(1));
  });

  it('searches and shows the highlighted matches', async () => {
    const { user } = await openBacklog({
      'GET /search': {
        body: {
          data: [{ item: items[0], score: 1, title: 'Night <mark>camera</mark>', snippet: 'a &lt;b&gt; <mark>cam</mark>' }],
        },
      },
    });
    const search = screen.getByRole('search', { name: 'Search items' });
    await user.type(within(search).getByLabelText('Search'), 'cam{Enter}');
    const results = await screen.findByRole('region', { name: 'Search results' });
    expect(within(results).getByRole('link', { name: 'Night camera' })).toHaveAttribute('href', '/products/p-x2/items/X2-1');
    expect(results.querySelectorAll('mark')).toHaveLength(2);
    expect(within(results).getByText(/a <b>/)).toBeInTheDocument();
  });

  it('shows the hierarchy with roll-ups and progress', async () => {
    const epic = item(10, {
      type: 'epic',
      title: 'Night flight',
      rollup: { total_points: 8, done_points: 3, items: 3, done_items: 1 },
    });
    const feature = item(11, { type: 'feature', title: 'Low-light camera', parent: { id: 'itm_10', key: 'X2-10', title: 'Night flight', type: 'epic' } });
    const story = item(12, { points: 5, parent: { id: 'itm_11', key: 'X2-11', title: 'Low-light camera', type: 'feature' } });
    const done = item(13, { points: 3, category: 'done', status: 'done', parent: { id: 'itm_11', key: 'X2-11', title: 'Low-light camera', type: 'feature' } });
    const { user } = await openBacklog({ 'GET /products/p-x2/items': page([...items, epic, feature, story, done]) });
    await user.click(screen.getByRole('button', { name: 'Hierarchy' }));
    const tree = screen.getByRole('list', { name: 'Backlog hierarchy' });
    expect(within(tree).getByRole('progressbar', { name: 'Progress of X2-10' })).toHaveAttribute('value', '3');
    expect(within(tree).getByText('3 / 8 points done (1 of 3 items)')).toBeInTheDocument();
    // The feature's roll-up is computed from its children when the server sends none.
    expect(within(tree).getByText('3 / 8 points done (1 of 2 items)')).toBeInTheDocument();
    const featureItem = within(tree).getByRole('link', { name: 'Low-light camera' }).closest('li')!;
    expect(within(featureItem).getByRole('link', { name: 'Story 12' })).toBeInTheDocument();
  });

  it('refetches when an item of this product changes elsewhere', async () => {
    const { api, ES } = await openBacklog();
    act(() => ES.latest().open());
    api.set('GET /products/p-x2/items', page([items[2], items[0], items[1]]));
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', entity_id: 'itm_3', action: 'moved' })));
    await waitFor(() => expect(rowKeys()).toEqual(['X2-3', 'X2-1', 'X2-2']));
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', product_id: 'p-ai', entity_id: 'itm_9' })));
    await new Promise((r) => setTimeout(r, 350));
    expect(api.callsTo('GET', '/products/p-x2/items')).toHaveLength(2);
  });
});
