import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Item } from '../../api/backlogTypes';
import { item, page, settingsX2 } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi, type Route } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { goal, initiative, trace, vision } from '../../test/strategyFixtures';

const epic: Item = item(1, { type: 'epic', title: 'Battery epic', version: 2 });
const story: Item = item(4, {
  title: 'Swap dock',
  parent: { id: 'itm_1', key: 'X2-1', title: 'Battery epic', type: 'epic' },
});
const swap = initiative('ini_1', 'Battery swap', { status: 'in_progress', goal_ids: ['gol_1'] });
const flight = goal('gol_1', 'Fly longer', { status: 'on_track', progress: 0.6 });
const epicRef = { id: 'itm_1', key: 'X2-1', title: 'Battery epic', type: 'epic', status: 'todo' };
const storyRef = { id: 'itm_4', key: 'X2-4', title: 'Swap dock', type: 'story', status: 'todo' };

function routes(me = aliceMe, product = productX2, extra: Record<string, Route | Route[]> = {}) {
  return mockApi({
    'GET /me': { body: me },
    'GET /products/p-x2': { body: product },
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    'GET /items/itm_1/comments': page([]),
    'GET /items/itm_1/history': page([]),
    'GET /items/itm_4/comments': page([]),
    'GET /items/itm_4/history': page([]),
    'GET /products/p-x2/goals': { body: { data: [flight] } },
    'GET /products/p-x2/initiatives': { body: { data: [swap] } },
    ...extra,
  });
}

describe('Item alignment', () => {
  it('lets the Product Manager link an epic to an initiative (PATCH with If-Match) and shows the trace', async () => {
    const linked = { ...epic, initiative_id: 'ini_1', initiative: { id: 'ini_1', name: 'Battery swap' }, version: 3 };
    const api = routes(aliceMe, productX2, {
      'GET /items/X2-1': { body: epic },
      'PATCH /items/itm_1': { body: linked },
      'GET /items/itm_1/trace': [
        { body: trace({ item: epicRef, chain: [epicRef] }) },
        {
          body: trace({
            item: epicRef,
            chain: [epicRef],
            aligned_by: epicRef,
            initiative: swap,
            goals: [flight],
            vision: vision({ statement: 'Drones that fly all day', version: 2 }),
          }),
        },
      ],
    });
    const { user } = renderApp('/products/p-x2/items/X2-1');
    const section = await screen.findByRole('region', { name: 'Alignment' });
    expect(await within(section).findByText(/Not aligned/)).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('option', { name: 'Battery swap' })).toBeInTheDocument());
    await user.selectOptions(within(section).getByLabelText('Initiative'), 'ini_1');
    const tree = await within(section).findByRole('navigation', { name: 'Trace to the vision' });
    await waitFor(() => expect(tree).toHaveTextContent('Drones that fly all day'));
    expect(within(tree).getByRole('link', { name: 'Fly longer' })).toHaveAttribute('href', '/products/p-x2/strategy/goals/gol_1');
    expect(within(tree).getByRole('link', { name: 'Battery swap' })).toHaveAttribute('href', '/products/p-x2/strategy/initiatives/ini_1');
    expect(tree).toHaveTextContent('(aligned here)');
    const [patch] = api.callsTo('PATCH', '/items/itm_1');
    expect(patch.body).toEqual({ initiative_id: 'ini_1' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"2"');
    // The item's facts name the initiative too.
    expect(screen.getAllByRole('link', { name: 'Battery swap' })).toHaveLength(2);
  });

  it('shows a story its chain through the epic, without the control, and to a team member read-only', async () => {
    routes(daveMe, productForDave, {
      'GET /items/X2-4': { body: story },
      'GET /items/itm_4/trace': {
        body: trace({ item: storyRef, chain: [storyRef, epicRef], aligned_by: epicRef, initiative: swap, goals: [flight] }),
      },
    });
    renderApp('/products/p-x2/items/X2-4');
    const section = await screen.findByRole('region', { name: 'Alignment' });
    const tree = await within(section).findByRole('navigation', { name: 'Trace to the vision' });
    expect(within(section).queryByLabelText('Initiative')).not.toBeInTheDocument();
    // Top-down: vision, goal, initiative, the epic, then the story inside it.
    const epicLink = within(tree).getByRole('link', { name: 'X2-1' });
    const storyLink = within(tree).getByRole('link', { name: 'X2-4' });
    expect(epicLink.closest('li')!.contains(storyLink)).toBe(true);
    expect(tree).toHaveTextContent('(not written)');
  });
});
