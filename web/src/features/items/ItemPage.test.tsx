import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Item } from '../../api/backlogTypes';
import { item, page, productForBob, settingsX2 } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { trace } from '../../test/strategyFixtures';

const story: Item = item(7, {
  title: 'Night mode for the camera',
  description: '**Bold** move.\n\n<script>alert(1)</script> [x](javascript:alert(1))',
  criteria: [
    { id: 'acc_1', text: 'Given dusk, the image is usable', done: false },
    { id: 'acc_2', text: 'Noise stays below 3%', done: true },
  ],
  labels: ['camera'],
  points: 5,
  parent: { id: 'itm_2', key: 'X2-2', title: 'Low-light camera', type: 'feature' },
  version: 4,
});

async function openItem(extra: Record<string, Route | Route[]> = {}) {
  const ES = installFakeEventSource();
  const api = mockApi({
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /items/X2-7': { body: story },
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    'GET /items/itm_7/comments': page([
      { id: 'cmt_1', author: { id: 'u-bob', name: 'Bob Chen' }, body: 'Looks *good*', created_at: '2026-01-10T10:00:00Z' },
    ]),
    'GET /items/itm_7/history': page([
      {
        id: 'h1',
        at: '2026-01-10T10:00:00Z',
        actor: { id: 'u-bob', name: 'Bob Chen' },
        entity_type: 'item',
        entity_id: 'itm_7',
        action: 'updated',
        changes: { points: { before: 3, after: 5 } },
      },
    ]),
    'GET /items/itm_7/poker': apiError(404, 'not_found', 'no poker round'),
    'GET /items/itm_7/trace': { body: trace() },
    ...extra,
  });
  const utils = renderApp('/products/p-x2/items/X2-7');
  await screen.findByRole('heading', { level: 1, name: /Night mode for the camera/ });
  return { api, ES, ...utils };
}

const criteria = () => screen.getByRole('region', { name: 'Acceptance criteria' });

describe('ItemPage', () => {
  it('shows the item with its fields and renders the description without raw HTML', async () => {
    await openItem();
    expect(screen.getByLabelText('Points')).toHaveValue('5');
    expect(screen.getByRole('link', { name: /X2-2 Low-light camera/ })).toHaveAttribute('href', '/products/p-x2/items/X2-2');
    const description = screen.getByRole('region', { name: 'Description' });
    expect(within(description).getByText('Bold').tagName).toBe('STRONG');
    expect(description.querySelector('script')).toBeNull();
    expect(description).toHaveTextContent('<script>alert(1)</script>');
    expect(description.querySelector('a[href^="javascript"]')).toBeNull();
    expect(await screen.findByText('Looks')).toBeInTheDocument();
    expect(await screen.findByText('points')).toBeInTheDocument();
  });

  it('adds, edits, reorders, ticks and removes criteria, saved in one PATCH with If-Match', async () => {
    const { api, user } = await openItem();
    const saved = { ...story, version: 5, criteria: [] };
    api.set('PATCH /items/itm_7', { body: saved });
    const box = criteria();
    await user.type(within(box).getByLabelText('New criterion'), 'Works at -10 °C{Enter}');
    await user.clear(within(box).getByLabelText('Criterion 1'));
    await user.type(within(box).getByLabelText('Criterion 1'), 'Given dusk, the picture is usable');
    await user.click(within(box).getByRole('button', { name: 'Move criterion 3 up' }));
    await user.click(within(box).getByRole('checkbox', { name: 'Criterion 1 met' }));
    await user.click(within(box).getByRole('button', { name: 'Remove criterion 3' }));
    await user.click(within(box).getByRole('button', { name: 'Save criteria' }));

    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_7')).toHaveLength(1));
    const [patch] = api.callsTo('PATCH', '/items/itm_7');
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"4"');
    expect(patch.body).toEqual({
      criteria: [
        { id: 'acc_1', text: 'Given dusk, the picture is usable', done: true },
        { text: 'Works at -10 °C', done: false },
      ],
    });
  });

  it('on a stale save (412) keeps my criteria, shows the current version, and saves over it when asked', async () => {
    const { api, user } = await openItem();
    const theirs = { ...story, version: 6, criteria: [{ id: 'acc_1', text: 'Their wording', done: false }] };
    const stale = apiError(412, 'precondition_failed', 'the item was changed since version 4');
    api.set('PATCH /items/itm_7', [{ ...stale, body: { ...stale.body, current: theirs } }, { body: { ...theirs, version: 7 } }]);
    const box = criteria();
    await user.type(within(box).getByLabelText('New criterion'), 'Mine{Enter}');
    await user.click(within(box).getByRole('button', { name: 'Save criteria' }));

    const alert = await within(box).findByRole('alert');
    expect(alert).toHaveTextContent('Current version 6');
    expect(within(alert).getByTestId('current-criteria')).toHaveTextContent('Their wording');
    expect(within(box).getByLabelText('Criterion 3')).toHaveValue('Mine');

    await user.click(within(box).getByRole('button', { name: 'Keep my changes' }));
    await user.click(within(box).getByRole('button', { name: 'Save criteria' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_7')).toHaveLength(2));
    const patches = api.callsTo('PATCH', '/items/itm_7');
    expect(patches.map((p) => new Headers(p.init?.headers).get('If-Match'))).toEqual(['"4"', '"6"']);
    expect((patches[1].body as { criteria: unknown[] }).criteria).toHaveLength(3);
  });

  it("shows the server's reason when a status change is refused", async () => {
    const { api, user } = await openItem();
    api.set(
      'PATCH /items/itm_7',
      apiError(409, 'acceptance_blocked', 'Only the Product Owner accepts a story, when every criterion is met (1 open)'),
    );
    await user.selectOptions(screen.getByLabelText('Status'), 'Done');
    expect(await screen.findByRole('alert')).toHaveTextContent('when every criterion is met (1 open)');
  });

  it('accepts, watches, and adds a comment with a mention', async () => {
    const { api, user } = await openItem({
      'POST /items/itm_7/accept': { body: { ...story, status: 'done', category: 'done' } },
      'POST /items/itm_7/watch': { status: 204 },
      'POST /items/itm_7/comments': { status: 201, body: { id: 'cmt_2' } },
    });
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('X2-7 accepted.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Watch' }));
    expect(await screen.findByRole('button', { name: 'Unwatch' })).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Add a comment' });
    await user.type(within(form).getByLabelText(/Comment/), 'Ask @bo');
    await user.click(within(form).getByRole('button', { name: '@bob (Bob Chen)' }));
    await user.type(within(form).getByLabelText(/Comment/), 'please');
    await user.click(within(form).getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(api.callsTo('POST', '/items/itm_7/comments')).toHaveLength(1));
    expect(api.callsTo('POST', '/items/itm_7/comments')[0].body).toEqual({ body: 'Ask @bob please' });
  });

  it('adds and removes links by kind and target key', async () => {
    const linked = {
      ...story,
      links: [{ id: 'lnk_1', kind: 'blocks' as const, item: { id: 'itm_3', key: 'X2-3', title: 'Gimbal', type: 'bug' as const, status: 'new' } }],
    };
    const { api, user } = await openItem({
      'GET /items/X2-7': { body: linked },
      'POST /items/itm_7/links': { status: 201, body: {} },
      'DELETE /items/itm_7/links/lnk_1': { status: 204 },
    });
    expect(screen.getByRole('link', { name: 'X2-3 Gimbal' }).closest('li')).toHaveTextContent('blocks X2-3 Gimbal (new)');
    const form = screen.getByRole('form', { name: 'Add a link' });
    await user.selectOptions(within(form).getByLabelText('Link kind'), 'is blocked by');
    await user.type(within(form).getByLabelText('Target item key'), 'x2-9');
    await user.click(within(form).getByRole('button', { name: 'Add link' }));
    await waitFor(() => expect(api.callsTo('POST', '/items/itm_7/links')).toHaveLength(1));
    expect(api.callsTo('POST', '/items/itm_7/links')[0].body).toEqual({ kind: 'blocked_by', target_id: 'X2-9' });
    await user.click(screen.getByRole('button', { name: 'Remove link to X2-3' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/items/itm_7/links/lnk_1')).toHaveLength(1));
  });

  it('splits: the chosen criteria move to the new story', async () => {
    const { api, user } = await openItem({ 'POST /items/itm_7/split': { status: 201, body: { data: [] } } });
    await user.click(screen.getByRole('button', { name: 'Split…' }));
    const dialog = screen.getByRole('dialog', { name: 'Split X2-7' });
    const title = within(dialog).getByLabelText('Title of new story 1');
    await user.clear(title);
    await user.type(title, 'Night mode: noise');
    await user.selectOptions(within(dialog).getByLabelText('Where criterion 2 goes'), 'Move to new story 1');
    await user.selectOptions(within(dialog).getByLabelText('Points of new story 1'), '3');
    await user.click(within(dialog).getByRole('button', { name: 'Split' }));
    await waitFor(() => expect(api.callsTo('POST', '/items/itm_7/split')).toHaveLength(1));
    expect(api.callsTo('POST', '/items/itm_7/split')[0].body).toEqual({
      as: 'siblings',
      stories: [{ title: 'Night mode: noise', points: 3, criteria: ['acc_2'] }],
    });
  });

  it('shows the priority and saves a new one with If-Match', async () => {
    const { api, user } = await openItem({ 'PATCH /items/itm_7': { body: { ...story, priority: 'highest', version: 5 } } });
    const select = screen.getByLabelText('Priority');
    expect(select).toHaveValue('medium');
    await user.selectOptions(select, 'Highest');
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_7')).toHaveLength(1));
    const patch = api.callsTo('PATCH', '/items/itm_7')[0];
    expect(patch.body).toEqual({ priority: 'highest' });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"4"');
    await waitFor(() => expect(screen.getByLabelText('Priority')).toHaveValue('highest'));
  });

  it('renders custom fields by type and saves them', async () => {
    const { api, user } = await openItem();
    api.set('PATCH /items/itm_7', { body: { ...story, fields: { risk: 'high' }, version: 5 } });
    const form = screen.getByRole('form', { name: 'Custom fields' });
    await user.selectOptions(within(form).getByLabelText('Risk'), 'high');
    await user.click(within(form).getByRole('button', { name: 'Save fields' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/items/itm_7')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/items/itm_7')[0].body).toEqual({ fields: { risk: 'high' } });
  });

  it('refetches when a comment on the product arrives', async () => {
    const { api, ES } = await openItem();
    act(() => ES.latest().open());
    api.set('GET /items/itm_7/comments', page([
      { id: 'cmt_9', author: { id: 'u-alice', name: 'Alice Moreau' }, body: 'New thought', created_at: '2026-01-10T11:00:00Z' },
    ]));
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', entity_id: 'itm_7', action: 'commented' })));
    expect(await screen.findByText('New thought')).toBeInTheDocument();
  });
});
