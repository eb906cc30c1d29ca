import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Board, BoardLane, Item } from '../../api/backlogTypes';
import { item, settingsX2 } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { meFor, myProduct, productX2, user } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const dave = user('u-dave', 'Dave Kim', 'dave@skylift.example');
const daveMe = meFor(dave, [myProduct(productX2, ['team_member'])], { product_id: 'p-x2', page: 'board' });
const erinMe = meFor(user('u-erin', 'Erin Walsh', 'erin@skylift.example'), [myProduct(productX2, ['stakeholder'])], {
  product_id: 'p-x2',
  page: 'overview',
});
const bobMe = meFor(user('u-bob', 'Bob Chen', 'bob@skylift.example'), [myProduct(productX2, ['product_owner'])], {
  product_id: 'p-x2',
  page: 'backlog',
});

const mine = item(1, { title: 'Night mode', assignee: { id: 'u-dave', name: 'Dave Kim' }, priority: 'high', labels: ['camera'] });
const free = item(2, { title: 'Longer battery', status: 'ready' });
const theirs = item(3, { type: 'bug', title: 'Gimbal drift', status: 'in_progress', category: 'in_progress', assignee: { id: 'u-bob', name: 'Bob Chen' } });

const columns: Board['columns'] = [
  { status: 'new', name: 'New', category: 'to_do', wip_limit: 0, count: 4, over_limit: false },
  { status: 'ready', name: 'Ready', category: 'to_do', wip_limit: 0, count: 1, over_limit: false },
  { status: 'in_progress', name: 'In progress', category: 'in_progress', wip_limit: 2, count: 3, over_limit: true },
  { status: 'done', name: 'Done', category: 'done', wip_limit: 0, count: 0, over_limit: false },
];

function lane(key: string, name: string, cards: Item[], extra: Partial<BoardLane> = {}): BoardLane {
  const byStatus: Record<string, Item[]> = {};
  for (const c of columns) byStatus[c.status] = cards.filter((i) => i.status === c.status);
  return { key, name, cards: byStatus, ...extra };
}

function board(swimlane: Board['swimlane'], lanes: BoardLane[]): { body: Board } {
  return { body: { swimlane, sprint_id: null, columns, lanes, truncated: false, card_limit: 500 } };
}

const allLanes = board('none', [lane('all', 'All items', [mine, free, theirs])]);
const byAssignee = board('assignee', [
  lane('u-bob', 'Bob Chen', [theirs]),
  lane('u-dave', 'Dave Kim', [mine]),
  lane('none', 'Unassigned', [free]),
]);

function routes(extra: Record<string, Route | Route[]> = {}): Record<string, Route | Route[]> {
  return {
    'GET /me': { body: daveMe },
    'GET /products/p-x2': { body: productX2 },
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    'GET /products/p-x2/sprints': apiError(404, 'not_found', 'route not found'),
    'GET /products/p-x2/board': allLanes,
    'GET /products/p-x2/board?swimlane=assignee': byAssignee,
    ...extra,
  };
}

async function openBoard(extra: Record<string, Route | Route[]> = {}, path = '/products/p-x2/board') {
  const ES = installFakeEventSource();
  const api = mockApi(routes(extra));
  const utils = renderApp(path);
  await screen.findByRole('listitem', { name: 'X2-1 Night mode' });
  return { api, ES, ...utils };
}

const cell = (name: string) => screen.getByRole('region', { name });
const cardKeys = (name: string) =>
  within(cell(name))
    .queryAllByRole('listitem')
    .map((li) => li.getAttribute('data-card'));

describe('BoardPage', () => {
  it('shows the columns with counts and WIP limits, marks an exceeded limit, and the cards by status', async () => {
    await openBoard();
    expect(screen.getByRole('heading', { level: 1, name: 'Board' })).toBeInTheDocument();
    const heads = document.querySelectorAll('.board-column-head');
    expect([...heads].map((h) => h.textContent)).toEqual([
      'New 4',
      'Ready 1',
      'In progress 3 / 2 WIP limit 2 Over the WIP limit',
      'Done 0',
    ]);
    expect(heads[2]).toHaveClass('over-limit');
    expect(cardKeys('All items, New')).toEqual(['X2-1']);
    expect(cardKeys('All items, Ready')).toEqual(['X2-2']);
    expect(cardKeys('All items, In progress')).toEqual(['X2-3']);
    expect(within(cell('All items, Done')).getByText('No cards')).toBeInTheDocument();
    const card = screen.getByRole('listitem', { name: 'X2-1 Night mode' });
    expect(within(card).getByRole('link', { name: 'Night mode' })).toHaveAttribute('href', '/products/p-x2/items/X2-1');
    expect(within(card).getByText('High')).toBeInTheDocument();
    expect(within(card).getByText('Dave Kim')).toBeInTheDocument();
    // No sprints API: no sprint selector.
    expect(screen.queryByLabelText('Sprint')).not.toBeInTheDocument();
  });

  it('switches swimlanes and keeps the choice in the address', async () => {
    const { user, location, api } = await openBoard();
    await user.selectOptions(screen.getByLabelText('Swimlanes'), 'Assignee');
    await screen.findByRole('heading', { level: 2, name: 'Dave Kim (1)' });
    expect(location()).toBe('/products/p-x2/board?swimlane=assignee');
    expect(cardKeys('Unassigned, Ready')).toEqual(['X2-2']);
    expect(cardKeys('Bob Chen, In progress')).toEqual(['X2-3']);
    expect(api.calls.some((c) => c.path === '/products/p-x2/board' && c.search.get('swimlane') === 'assignee')).toBe(true);
  });

  it('narrows the board with quick filters and a free query, ANDed', async () => {
    const { user, api, location } = await openBoard();
    const filters = screen.getByRole('group', { name: 'Quick filters' });
    await user.click(within(filters).getByRole('button', { name: 'Only my items' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/board?mine=1'));
    await user.click(within(filters).getByRole('button', { name: 'Recently updated' }));
    await user.selectOptions(within(filters).getByLabelText('Label'), 'camera');
    fireEvent.change(screen.getByRole('combobox', { name: 'Query' }), {
      target: { value: 'type = story ORDER BY priority DESC' },
    });
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(api.calls.at(-1)?.search.get('query')).toBe(
        '(type = story) AND assignee = me AND updated >= -1d AND label = "camera" ORDER BY priority DESC',
      ),
    );
    expect(within(filters).getByRole('button', { name: 'Only my items' })).toHaveAttribute('aria-pressed', 'true');
  }, 20_000);

  it('offers the sprints when the server has them, and asks for the chosen sprint', async () => {
    const sprintBoard = { body: { ...allLanes.body, sprint_id: 'spr_1', lanes: [lane('all', 'All items', [mine])] } };
    const { user, api } = await openBoard({
      'GET /products/p-x2/sprints': {
        body: { data: [{ id: 'spr_1', name: 'Sprint 7', status: 'active' }], next_cursor: null },
      },
      'GET /products/p-x2/board?sprint=spr_1': sprintBoard,
    });
    const select = await screen.findByLabelText('Sprint');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Product board (no sprint)',
      'Sprint 7 (active)',
    ]);
    await user.selectOptions(select, 'spr_1');
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'X2-2 Longer battery' })).not.toBeInTheDocument());
    expect(api.calls.some((c) => c.search.get('sprint') === 'spr_1')).toBe(true);
  });

  it('moves a card to another column with its Move to… menu: a PATCH of the status with If-Match', async () => {
    const { user, api } = await openBoard({ 'PATCH /items/itm_1': { body: { ...mine, status: 'ready', version: 2 } } });
    api.set('GET /products/p-x2/board', board('none', [lane('all', 'All items', [{ ...mine, status: 'ready' }, free, theirs])]));
    await user.click(screen.getByRole('button', { name: 'Move X2-1 to…' }));
    const menu = screen.getByRole('form', { name: 'Move X2-1' });
    await user.selectOptions(within(menu).getByLabelText('Column'), 'Ready');
    await user.click(within(menu).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_1')).toHaveLength(1));
    const patch = api.callsTo('PATCH', '/items/itm_1')[0];
    expect(patch.body).toEqual({ status: 'ready' });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"1"');
    await waitFor(() => expect(cardKeys('All items, Ready')).toEqual(['X2-1', 'X2-2']));
    expect(screen.getByTestId('board-announcer')).toHaveTextContent('X2-1 moved to Ready.');
  });

  it('moves a card across assignee lanes and columns at once', async () => {
    const { user, api } = await openBoard(
      { 'PATCH /items/itm_2': { body: { ...free, version: 2 } } },
      '/products/p-x2/board?swimlane=assignee',
    );
    await user.click(screen.getByRole('button', { name: 'Move X2-2 to…' }));
    const menu = screen.getByRole('form', { name: 'Move X2-2' });
    await user.selectOptions(within(menu).getByLabelText('Column'), 'In progress');
    await user.selectOptions(within(menu).getByLabelText('Lane'), 'Dave Kim');
    await user.click(within(menu).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_2')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/items/itm_2')[0].body).toEqual({ status: 'in_progress', assignee_id: 'u-dave' });
  });

  it('shows a WIP-limit refusal on the card, which returns to its place', async () => {
    const { user, api } = await openBoard({
      'PATCH /items/itm_1': apiError(409, 'wip_limit_reached', 'the WIP limit of In progress (2) is reached'),
    });
    await user.click(screen.getByRole('button', { name: 'Move X2-1 to…' }));
    const menu = screen.getByRole('form', { name: 'Move X2-1' });
    await user.selectOptions(within(menu).getByLabelText('Column'), 'In progress');
    await user.click(within(menu).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(api.callsTo('GET', '/products/p-x2/board').length).toBeGreaterThanOrEqual(2));
    await waitFor(() => expect(cardKeys('All items, New')).toEqual(['X2-1']));
    expect(cardKeys('All items, In progress')).toEqual(['X2-3']);
    const card = screen.getByRole('listitem', { name: 'X2-1 Night mode' });
    expect(within(card).getByRole('alert')).toHaveTextContent('the WIP limit of In progress (2) is reached');
    await user.click(within(card).getByRole('button', { name: 'Dismiss the message on X2-1' }));
    expect(within(screen.getByRole('listitem', { name: 'X2-1 Night mode' })).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refuses in the page to put a story straight under an epic', async () => {
    const epicBoard = board('epic', [
      lane('itm_9', 'Night flight', [mine], { item_key: 'X2-9' }),
      lane('none', 'No epic', [free, theirs]),
    ]);
    const { user, api } = await openBoard({ 'GET /products/p-x2/board?swimlane=epic': epicBoard }, '/products/p-x2/board?swimlane=epic');
    expect(screen.getByRole('heading', { level: 2, name: 'X2-9 Night flight (1)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Move X2-2 to…' }));
    const menu = screen.getByRole('form', { name: 'Move X2-2' });
    await user.selectOptions(within(menu).getByLabelText('Lane'), 'X2-9 Night flight');
    await user.click(within(menu).getByRole('button', { name: 'Move' }));
    const card = screen.getByRole('listitem', { name: 'X2-2 Longer battery' });
    expect(within(card).getByRole('alert')).toHaveTextContent("A story's parent is a feature");
    expect(api.callsTo('PATCH', '/items/itm_2')).toHaveLength(0);
  });

  it('lets a team member move only their own and unassigned cards; a stakeholder moves none', async () => {
    await openBoard();
    expect(screen.getByRole('button', { name: 'Move X2-1 to…' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Drag X2-2' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Move X2-3 to…' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Drag X2-3' })).not.toBeInTheDocument();
  });

  it('a stakeholder reads the board without moving anything', async () => {
    await openBoard({ 'GET /me': { body: erinMe } });
    expect(screen.queryByRole('button', { name: /Move .* to…/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Drag / })).not.toBeInTheDocument();
  });

  it('the Product Owner moves any card', async () => {
    await openBoard({ 'GET /me': { body: bobMe } });
    expect(screen.getByRole('button', { name: 'Move X2-3 to…' })).toBeInTheDocument();
  });

  it('refetches when an item of this product changes elsewhere', async () => {
    const { api, ES } = await openBoard();
    act(() => ES.latest().open());
    api.set('GET /products/p-x2/board', board('none', [lane('all', 'All items', [free, theirs])]));
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', entity_id: 'itm_1', action: 'deleted' })));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'X2-1 Night mode' })).not.toBeInTheDocument());
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', product_id: 'p-ai', entity_id: 'itm_9' })));
    await new Promise((r) => setTimeout(r, 350));
    expect(api.callsTo('GET', '/products/p-x2/board')).toHaveLength(2);
  });

  it('marks where a malformed query goes wrong', async () => {
    const { user, api } = await openBoard();
    const err = apiError(400, 'invalid_query', 'at 11: "urgent" is not a priority');
    api.set('GET /products/p-x2/board?query=priority+%3D+urgent', {
      ...err,
      body: { error: { ...err.body.error, position: 11, expected: 'a priority' } },
    });
    await user.type(screen.getByRole('combobox', { name: 'Query' }), 'priority = urgent');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Fix the query to see the board.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('"urgent" is not a priority');
  });
});
