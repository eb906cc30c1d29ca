import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { PokerRound } from '../../api/backlogTypes';
import { productForBob, settingsX2 } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { bobMe, meFor, myProduct, productX2, user } from '../../test/fixtures';
import { mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { summarize } from './PokerRoom';

const dave = { id: 'u-dave', name: 'Dave Team' };
const bob = { id: 'u-bob', name: 'Bob Chen' };
const voting: PokerRound = {
  id: 'pkr_1',
  item: { id: 'itm_7', key: 'X2-7', title: 'Night mode' },
  state: 'voting',
  votes: [{ user: dave }],
  my_vote: null,
  final_points: null,
};
const revealed: PokerRound = {
  ...voting,
  state: 'revealed',
  votes: [
    { user: dave, points: 3 },
    { user: bob, points: 8 },
  ],
  my_vote: 8,
};

async function openRoom(extra: Record<string, Route | Route[]> = {}, me = bobMe) {
  const ES = installFakeEventSource();
  const api = mockApi({
    'GET /me': { body: me },
    'GET /products/p-x2': { body: productForBob },
    'GET /poker/pkr_1': { body: voting },
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    ...extra,
  });
  const utils = renderApp('/products/p-x2/poker/pkr_1');
  await screen.findByRole('heading', { level: 1, name: /Planning poker: X2-7 Night mode/ });
  return { api, ES, ...utils };
}

describe('PokerRoom', () => {
  it('shows who voted but not the values while voting, and votes with a card', async () => {
    const { api, user } = await openRoom({ 'POST /poker/pkr_1/vote': { body: { ...voting, my_vote: 5, votes: [{ user: dave }, { user: bob }] } } });
    const votes = screen.getByRole('list', { name: 'Votes' });
    expect(within(votes).getByText('Dave Team')).toBeInTheDocument();
    expect(within(votes).getByText('voted')).toBeInTheDocument();
    expect(votes).not.toHaveTextContent(/\d/);
    expect(screen.queryByRole('term', { name: 'Average' })).not.toBeInTheDocument();

    const cards = screen.getByRole('group', { name: 'Your vote' });
    expect(within(cards).getAllByRole('button').map((b) => b.textContent)).toEqual(['0', '1', '2', '3', '5', '8', '13']);
    api.set('GET /poker/pkr_1', { body: { ...voting, my_vote: 5, votes: [{ user: dave }, { user: bob }] } });
    await user.click(within(cards).getByRole('button', { name: '5' }));
    await waitFor(() => expect(api.callsTo('POST', '/poker/pkr_1/vote')).toHaveLength(1));
    expect(api.callsTo('POST', '/poker/pkr_1/vote')[0].body).toEqual({ points: 5 });
    expect(await screen.findByText('Your vote: 5')).toBeInTheDocument();
    expect(within(cards).getByRole('button', { name: '5' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('reveals (Product Owner): the values and a summary appear, then finishes with the chosen estimate', async () => {
    const { api, user } = await openRoom({
      'POST /poker/pkr_1/reveal': { body: revealed },
      'POST /poker/pkr_1/finish': { body: { ...revealed, state: 'closed', final_points: 5 } },
    });
    api.set('GET /poker/pkr_1', { body: revealed });
    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(await screen.findByText('Votes revealed.')).toBeInTheDocument();
    const votes = screen.getByRole('list', { name: 'Votes' });
    expect(within(votes).getByText('3')).toBeInTheDocument();
    expect(within(votes).getByText('8')).toBeInTheDocument();
    expect(screen.getByText('Average').nextElementSibling).toHaveTextContent('5.5');
    expect(screen.getByText('Lowest').nextElementSibling).toHaveTextContent('3');
    expect(screen.getByText('Highest').nextElementSibling).toHaveTextContent('8');

    const finish = screen.getByRole('form', { name: 'Finish the round' });
    expect(within(finish).getByLabelText('Estimate')).toHaveValue('5');
    api.set('GET /poker/pkr_1', { body: { ...revealed, state: 'closed', final_points: 5 } });
    await user.click(within(finish).getByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(api.callsTo('POST', '/poker/pkr_1/finish')).toHaveLength(1));
    expect(api.callsTo('POST', '/poker/pkr_1/finish')[0].body).toEqual({ points: 5 });
    expect(await screen.findByText('Finished: the estimate is 5 points.')).toBeInTheDocument();
  });

  it('a team member sees the reveal live, and has no Reveal button', async () => {
    const daveUser = user('u-dave', 'Dave Team', 'dave@skylift.example');
    const daveMe = meFor(daveUser, [myProduct(productX2, ['team_member'])], { product_id: 'p-x2', page: 'backlog' });
    const { api, ES } = await openRoom({}, daveMe);
    act(() => ES.latest().open());
    expect(screen.queryByRole('button', { name: 'Reveal' })).not.toBeInTheDocument();
    api.set('GET /poker/pkr_1', { body: revealed });
    act(() => ES.latest().change(changeEvent({ entity_type: 'item', entity_id: 'itm_7', action: 'poker_revealed' })));
    expect(await screen.findByText('Votes revealed.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Votes' })).getByText('8')).toBeInTheDocument();
  });

  it('summarises votes and suggests the nearest scale value', () => {
    expect(summarize(revealed.votes, [1, 2, 3, 5, 8])).toEqual({ min: 3, max: 8, average: 5.5, suggestion: 5 });
    expect(summarize([{ user: dave, points: 2 }, { user: bob, points: 3 }], [1, 2, 3, 5])?.suggestion).toBe(3);
    expect(summarize([{ user: dave }], [1])).toBeNull();
  });
});
