import { describe, expect, it } from 'vitest';

import type { Board } from '../../api/backlogTypes';
import { item } from '../../test/backlogFixtures';
import { boardQuery, cellId, cellOf, moveCard, parseCellId, planMove, splitOrderBy } from './boardModel';

describe('boardQuery', () => {
  const none = { mine: false, recent: false, label: '', query: '' };

  it('is empty without filters, and the free query alone as typed', () => {
    expect(boardQuery(none)).toBe('');
    expect(boardQuery({ ...none, query: ' type = bug ' })).toBe('type = bug');
  });

  it('ANDs the quick filters, quoting the label', () => {
    expect(boardQuery({ ...none, mine: true })).toBe('assignee = me');
    expect(boardQuery({ ...none, mine: true, recent: true, label: 'night "cam"' })).toBe(
      'assignee = me AND updated >= -1d AND label = "night \\"cam\\""',
    );
  });

  it('keeps an ORDER BY of the free query at the end, and parenthesises its filter', () => {
    expect(boardQuery({ ...none, recent: true, query: 'type = bug OR type = story ORDER BY priority DESC' })).toBe(
      '(type = bug OR type = story) AND updated >= -1d ORDER BY priority DESC',
    );
    expect(boardQuery({ ...none, mine: true, query: 'order by points' })).toBe('assignee = me order by points');
  });

  it('splits at ORDER BY outside strings only', () => {
    expect(splitOrderBy('title ~ "order by x" ORDER BY key')).toEqual(['title ~ "order by x"', 'ORDER BY key']);
    expect(splitOrderBy("title ~ 'a\\' order by' AND x = 1")).toEqual(["title ~ 'a\\' order by' AND x = 1", '']);
    expect(splitOrderBy('reorder = 1')).toEqual(['reorder = 1', '']);
  });
});

describe('moves', () => {
  const story = item(1, { rank: 'b' });
  const feature = item(2, { type: 'feature', rank: 'c' });
  const other = item(3, { status: 'ready', rank: 'a' });
  const b: Board = {
    swimlane: 'assignee',
    sprint_id: null,
    truncated: false,
    card_limit: 500,
    columns: [
      { status: 'new', name: 'New', category: 'to_do', wip_limit: 0, count: 2, over_limit: false },
      { status: 'ready', name: 'Ready', category: 'to_do', wip_limit: 0, count: 1, over_limit: false },
    ],
    lanes: [
      { key: 'u-dave', name: 'Dave Kim', cards: { new: [story, feature], ready: [] } },
      { key: 'none', name: 'Unassigned', cards: { new: [], ready: [other] } },
    ],
  };

  it('names cells by lane and status', () => {
    expect(parseCellId(cellId({ lane: 'u-1', status: 'in_progress' }))).toEqual({ lane: 'u-1', status: 'in_progress' });
    expect(parseCellId('nothing')).toBeNull();
    expect(cellOf(b, 'itm_3')).toEqual({ lane: 'none', status: 'ready' });
    expect(cellOf(b, 'itm_9')).toBeNull();
  });

  it('plans the status across columns and the lane field across lanes', () => {
    const from = { lane: 'u-dave', status: 'new' };
    expect(planMove(story, 'assignee', from, { lane: 'u-dave', status: 'ready' })).toEqual({
      ok: true,
      changes: { status: 'ready' },
    });
    expect(planMove(story, 'assignee', from, { lane: 'none', status: 'new' })).toEqual({
      ok: true,
      changes: { assignee_id: null },
    });
    expect(planMove(story, 'priority', { lane: 'medium', status: 'new' }, { lane: 'highest', status: 'ready' })).toEqual({
      ok: true,
      changes: { status: 'ready', priority: 'highest' },
    });
    expect(planMove(feature, 'epic', { lane: 'none', status: 'new' }, { lane: 'itm_9', status: 'new' })).toEqual({
      ok: true,
      changes: { parent_id: 'itm_9' },
    });
    const refused = planMove(story, 'epic', { lane: 'none', status: 'new' }, { lane: 'itm_9', status: 'new' });
    expect(refused.ok).toBe(false);
    const bug = planMove(item(4, { type: 'tech-debt' }), 'epic', { lane: 'itm_9', status: 'new' }, { lane: 'none', status: 'new' });
    expect(bug).toEqual({ ok: false, reason: expect.stringContaining("A tech-debt item's parent is a feature") });
  });

  it('shows a moved card in its new cell at its rank, with the changed fields', () => {
    const next = moveCard(b, story, { lane: 'none', status: 'ready' }, { status: 'ready', assignee_id: null });
    expect(next.lanes[0].cards.new.map((c) => c.id)).toEqual(['itm_2']);
    expect(next.lanes[1].cards.ready.map((c) => c.id)).toEqual(['itm_3', 'itm_1']);
    expect(next.lanes[1].cards.ready[1]).toMatchObject({ status: 'ready', assignee: null });
    const back = moveCard(next, next.lanes[1].cards.ready[1], { lane: 'u-dave', status: 'new' }, { assignee_id: 'u-dave' });
    expect(back.lanes[0].cards.new.map((c) => c.id)).toEqual(['itm_1', 'itm_2']);
    expect(back.lanes[0].cards.new[0].assignee).toEqual({ id: 'u-dave', name: 'Dave Kim' });
  });
});
