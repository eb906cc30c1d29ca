import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me, Product } from '../../api/types';
import { productForBob } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { daveMe } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { action, card, erinMe, productForErin, retro, samMe } from '../../test/reviewFixtures';

const T = '2025-01-15T09:00:00Z';
const withPeople = (p: Product): Product => ({
  ...p,
  roles: [
    ...(p.roles ?? []),
    { id: 'ra-5', user: { id: 'u-dave', name: 'Dave Kim' }, role: 'team_member', created_at: T },
    { id: 'ra-6', user: { id: 'u-sam', name: 'Sam Rivera' }, role: 'scrum_master', created_at: T },
  ],
});

const board = retro({
  cards: {
    went_well: [
      card('rcd_1', 'went_well', 'Pairing on firmware', { votes: 2, voted: true }),
      card('rcd_2', 'went_well', 'Demo went smoothly', { author: { id: 'u-dave', name: 'Dave Kim' }, votes: 1 }),
    ],
    to_improve: [card('rcd_3', 'to_improve', 'Flaky CI', { author: { id: 'u-dave', name: 'Dave Kim' } })],
    action: [card('rcd_4', 'action', 'Quarantine flaky tests', { author: { id: 'u-dave', name: 'Dave Kim' } })],
  },
  actions: [
    action('rac_1', 'Write the release checklist', { owner: { id: 'u-dave', name: 'Dave Kim' } }),
    action('rac_0', 'Book the wind tunnel', {
      sprint_id: 'spr_2',
      sprint: { id: 'spr_2', name: 'Sprint 2' },
      carried_from: { id: 'spr_2', name: 'Sprint 2' },
      version: 3,
    }),
  ],
});

function routes(extra: Record<string, Route | Route[]> = {}, me: Me = bobMe, product: Product = productForBob) {
  return {
    'GET /me': { body: me },
    'GET /products/p-x2': { body: withPeople(product) },
    'GET /sprints/spr_3/retro': { body: board },
    ...extra,
  };
}

async function open() {
  const utils = renderApp('/products/p-x2/sprints/spr_3/retro');
  await screen.findByRole('heading', { level: 1, name: 'Retrospective: Sprint 3' });
  return utils;
}

const column = (name: RegExp) => screen.getByRole('region', { name });

describe('RetroPage', () => {
  it('shows three columns with cards and vote counts, and action items with where they came from', async () => {
    mockApi(routes());
    await open();
    const wentWell = column(/^Went well/);
    const cards = within(wentWell).getAllByRole('listitem');
    expect(cards.map((c) => within(c).getByText(/Pairing|Demo/).textContent)).toEqual(['Pairing on firmware', 'Demo went smoothly']);
    expect(within(wentWell).getByRole('button', { name: 'Vote for: Pairing on firmware (2 votes)' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(wentWell).getByRole('button', { name: 'Vote for: Demo went smoothly (1 vote)' })).toHaveAttribute('aria-pressed', 'false');
    expect(within(column(/^To improve/)).getByText('Flaky CI')).toBeInTheDocument();
    expect(within(column(/^Actions/)).getByText('Quarantine flaky tests')).toBeInTheDocument();

    const actions = screen.getByRole('list', { name: 'Action items' });
    const [own, carried] = within(actions).getAllByRole('listitem');
    expect(own).not.toHaveTextContent('carried from');
    expect(within(own).getByRole('combobox', { name: 'Owner of: Write the release checklist' })).toHaveDisplayValue('Dave Kim');
    expect(carried).toHaveTextContent('carried from Sprint 2');
    expect(screen.getByRole('link', { name: 'Sprint review' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_3/review');
  });

  it('adds a card with the keyboard, votes and takes the vote back', async () => {
    const added = card('rcd_9', 'to_improve', 'Standups run long', { created_at: Date.parse('2026-05-15T10:00:00Z') });
    const api = mockApi(
      routes({
        'POST /sprints/spr_3/retro/cards': { status: 201, body: added },
        'POST /retro-cards/rcd_9/vote': [{ body: { ...added, votes: 1, voted: true } }, { body: { ...added, votes: 0, voted: false } }],
      }),
    );
    const { user } = await open();
    const improve = column(/^To improve/);
    await user.click(within(improve).getByLabelText('New card in To improve'));
    await user.keyboard('Standups run long{Enter}');
    await waitFor(() => expect(api.callsTo('POST', '/sprints/spr_3/retro/cards')).toHaveLength(1));
    expect(api.callsTo('POST', '/sprints/spr_3/retro/cards')[0].body).toEqual({ column: 'to_improve', text: 'Standups run long' });
    expect(within(improve).getByLabelText('New card in To improve')).toHaveValue('');
    expect(within(improve).getByText('Standups run long')).toBeInTheDocument();

    const vote = within(improve).getByRole('button', { name: 'Vote for: Standups run long (0 votes)' });
    vote.focus();
    await user.keyboard('{Enter}');
    expect(await within(improve).findByRole('button', { name: 'Vote for: Standups run long (1 vote)' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard(' ');
    expect(await within(improve).findByRole('button', { name: 'Vote for: Standups run long (0 votes)' })).toHaveAttribute('aria-pressed', 'false');
    expect(api.callsTo('POST', '/retro-cards/rcd_9/vote')).toHaveLength(2);
  });

  it('edits only one\'s own cards (If-Match), moves them between columns, and Escape cancels', async () => {
    const api = mockApi(
      routes({
        'PATCH /retro-cards/rcd_1': (req) => ({ body: card('rcd_1', 'to_improve', (req.body as { text: string }).text, { version: 2, votes: 2, voted: true }) }),
      }),
    );
    const { user } = await open();
    // Bob wrote rcd_1; Dave's cards have no Edit for him, but the Product Owner may delete them.
    expect(screen.queryByRole('button', { name: 'Edit card: Demo went smoothly' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete card: Demo went smoothly' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit card: Pairing on firmware' }));
    const form = screen.getByRole('form', { name: 'Edit card: Pairing on firmware' });
    expect(within(form).getByLabelText('Card text')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Edit card: Pairing on firmware' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit card: Pairing on firmware' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Edit card: Pairing on firmware' }));
    const text = screen.getByLabelText('Card text');
    await user.clear(text);
    await user.type(text, 'Pairing on firmware helped');
    await user.selectOptions(screen.getByLabelText('Column'), 'To improve');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/retro-cards/rcd_1')).toHaveLength(1));
    const call = api.callsTo('PATCH', '/retro-cards/rcd_1')[0];
    expect(call.body).toEqual({ text: 'Pairing on firmware helped', column: 'to_improve' });
    expect(new Headers(call.init?.headers).get('If-Match')).toBe('"1"');
    expect(await within(column(/^To improve/)).findByText('Pairing on firmware helped')).toBeInTheDocument();
    expect(within(column(/^Went well/)).queryByText(/Pairing/)).not.toBeInTheDocument();
  });

  it('a team member deletes their own card but not others\'', async () => {
    const api = mockApi(routes({ 'DELETE /retro-cards/rcd_3': { status: 204 } }, daveMe));
    const { user } = await open();
    expect(screen.queryByRole('button', { name: 'Delete card: Pairing on firmware' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit card: Pairing on firmware' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete card: Flaky CI' }));
    await waitFor(() => expect(within(column(/^To improve/)).queryByText('Flaky CI')).not.toBeInTheDocument());
    expect(api.callsTo('DELETE', '/retro-cards/rcd_3')).toHaveLength(1);
  });

  it('adds an action item from a card with an owner, reassigns one and ticks it done (If-Match)', async () => {
    const created = action('rac_2', 'Quarantine flaky tests', { owner: { id: 'u-sam', name: 'Sam Rivera' }, card_id: 'rcd_4' });
    const api = mockApi(
      routes(
        {
          'POST /sprints/spr_3/retro/actions': { status: 201, body: created },
          'PATCH /retro-actions/rac_0': (req) => ({
            body: {
              ...board.actions[1],
              ...(req.body as object),
              done: true,
              done_by: { id: 'u-sam', name: 'Sam Rivera' },
              done_at: Date.parse('2026-05-15T11:00:00Z'),
              carried_from: null,
              version: 4,
            },
          }),
          'PATCH /retro-actions/rac_1': (req) => ({
            body: { ...board.actions[0], owner: { id: 'u-sam', name: 'Sam Rivera' }, version: 2, ...(req.body as object) },
          }),
        },
        samMe,
      ),
    );
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Make an action item of: Quarantine flaky tests' }));
    const form = screen.getByRole('form', { name: 'Add an action item' });
    await waitFor(() => expect(within(form).getByLabelText('New action item')).toHaveFocus());
    expect(within(form).getByLabelText('New action item')).toHaveValue('Quarantine flaky tests');
    expect(within(form).getByLabelText('From card')).toHaveValue('rcd_4');
    await user.selectOptions(within(form).getByLabelText('Owner'), 'Sam Rivera');
    await user.click(within(form).getByRole('button', { name: 'Add action' }));
    await waitFor(() => expect(api.callsTo('POST', '/sprints/spr_3/retro/actions')).toHaveLength(1));
    expect(api.callsTo('POST', '/sprints/spr_3/retro/actions')[0].body).toEqual({
      text: 'Quarantine flaky tests',
      owner_id: 'u-sam',
      card_id: 'rcd_4',
    });
    const actions = screen.getByRole('list', { name: 'Action items' });
    // New actions of this retrospective come before the carried ones.
    expect(within(actions).getAllByRole('listitem').map((li) => within(li).getByRole('checkbox').getAttribute('aria-label'))).toEqual([
      'Done: Write the release checklist',
      'Done: Quarantine flaky tests',
      'Done: Book the wind tunnel',
    ]);
    expect(within(form).getByLabelText('New action item')).toHaveValue('');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Owner of: Write the release checklist' }), 'Sam Rivera');
    await waitFor(() => expect(api.callsTo('PATCH', '/retro-actions/rac_1')).toHaveLength(1));
    expect(api.callsTo('PATCH', '/retro-actions/rac_1')[0].body).toEqual({ owner_id: 'u-sam' });

    const carried = screen.getByRole('checkbox', { name: 'Done: Book the wind tunnel' });
    await user.click(carried);
    await waitFor(() => expect(api.callsTo('PATCH', '/retro-actions/rac_0')).toHaveLength(1));
    const tick = api.callsTo('PATCH', '/retro-actions/rac_0')[0];
    expect(tick.body).toEqual({ done: true });
    expect(new Headers(tick.init?.headers).get('If-Match')).toBe('"3"');
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Done: Book the wind tunnel' })).toBeChecked());
    // The write answers carried_from null; the page keeps where it came from.
    const row = screen.getByRole('checkbox', { name: 'Done: Book the wind tunnel' }).closest('li')!;
    expect(row).toHaveTextContent('carried from Sprint 2');
    expect(row).toHaveTextContent('done by Sam Rivera');
  });

  it('ticks an action at once and takes the tick back when the server refuses it', async () => {
    let answer: (v: { status: number; body: unknown }) => void = () => {};
    mockApi(
      routes({
        'PATCH /retro-actions/rac_1': () => new Promise((resolve) => (answer = resolve)),
      }),
    );
    const { user } = await open();
    const box = screen.getByRole('checkbox', { name: 'Done: Write the release checklist' });
    await user.click(box);
    expect(box).toBeChecked();
    expect(box).toBeDisabled();
    act(() => answer(apiError(403, 'forbidden', 'You may not change this action')));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Done: Write the release checklist' })).not.toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Done: Write the release checklist' })).toBeEnabled();
    expect(screen.getByRole('alert')).toHaveTextContent('Could not save the action: You may not change this action');
  });

  it('is read-only for a stakeholder', async () => {
    mockApi(routes({}, erinMe, productForErin));
    await open();
    expect(screen.queryByRole('form', { name: /Add a card/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Vote for/ })).not.toBeInTheDocument();
    expect(screen.getAllByText('2 votes')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) card/ })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Done: Write the release checklist' })).toBeDisabled();
    expect(screen.queryByRole('combobox', { name: /^Owner of/ })).not.toBeInTheDocument();
    expect(screen.getByText('Owner: Dave Kim')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add an action item' })).not.toBeInTheDocument();
  });

  it('refetches on retro_card and retro_action events of the product', async () => {
    const ES = installFakeEventSource();
    const api = mockApi(routes());
    await open();
    act(() => ES.latest().open());
    api.set('GET /sprints/spr_3/retro', {
      body: { ...board, cards: { ...board.cards, went_well: [...board.cards.went_well, card('rcd_7', 'went_well', 'New drone arrived')] } },
    });
    act(() => ES.latest().change(changeEvent({ entity_type: 'retro_card', entity_id: 'rcd_7', action: 'created' })));
    expect(await screen.findByText('New drone arrived')).toBeInTheDocument();
    api.set('GET /sprints/spr_3/retro', {
      body: { ...board, actions: [{ ...board.actions[0], done: true }, board.actions[1]] },
    });
    act(() => ES.latest().change(changeEvent({ entity_type: 'retro_action', entity_id: 'rac_1', action: 'updated' })));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Done: Write the release checklist' })).toBeChecked());
  });
});
