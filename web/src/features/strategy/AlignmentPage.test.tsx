import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { bobMe } from '../../test/fixtures';
import { productForBob } from '../../test/backlogFixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { alignment } from '../../test/strategyFixtures';
import { alignmentSummary, shareRows } from './AlignmentPage';

const report = alignment({
  items: 4,
  points: 20,
  by_goal: [
    { goal: { id: 'gol_1', objective: 'Fly longer' }, items: 2, points: 10, share: 0.5 },
    { goal: { id: 'gol_2', objective: 'Win inspection' }, items: 1, points: 5, share: 0.25 },
  ],
  by_initiative: [{ initiative: { id: 'ini_1', name: 'Battery swap' }, items: 2, points: 10, share: 0.5 }],
  unaligned: { items: 1, points: 5, share: 0.25, keys: ['X2-9'] },
  goals_without_work: [{ id: 'gol_3', objective: 'Quieter' }],
  initiatives_without_work: [{ id: 'ini_2', name: 'Lighter frame' }],
});

describe('AlignmentPage', () => {
  it("shows a sprint's shares per goal and initiative, the unaligned items and what has no work", async () => {
    mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /sprints/spr_1/alignment': { body: report },
    });
    renderApp('/products/p-x2/sprints/spr_1/alignment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alignment of Sprint 1' })).toBeInTheDocument();
    expect(screen.getByText('75% of 20 points serve a goal; 1 item (5 points) is unaligned.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Share of points per goal chart' })).toBeInTheDocument();
    const goals = screen.getByRole('table', { name: 'Share per goal' });
    const fly = within(goals).getByRole('link', { name: 'Fly longer' }).closest('tr')!;
    expect(fly).toHaveTextContent('Fly longer21050%');
    expect(within(goals).getByText('Unaligned').closest('tr')).toHaveTextContent('Unaligned1525%');
    expect(within(screen.getByRole('table', { name: 'Share per initiative' })).getByRole('link', { name: 'Battery swap' })).toHaveAttribute(
      'href',
      '/products/p-x2/strategy/initiatives/ini_1',
    );
    expect(within(screen.getByRole('list', { name: 'Unaligned items' })).getByRole('link', { name: 'X2-9' })).toHaveAttribute(
      'href',
      '/products/p-x2/items/X2-9',
    );
    expect(within(screen.getByRole('list', { name: 'Goals without work' })).getByRole('link', { name: 'Quieter' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Initiatives without work' })).getByRole('link', { name: 'Lighter frame' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the sprint' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_1');
  });

  it("shows a release's alignment", async () => {
    mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /releases/rel_1/alignment': { body: alignment({ scope: { type: 'release', id: 'rel_1', name: '2.1: Spring' } }) },
    });
    renderApp('/products/p-x2/releases/rel_1/alignment');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alignment of 2.1: Spring' })).toBeInTheDocument();
    expect(screen.getByText('2.1: Spring has no items.')).toBeInTheDocument();
    expect(screen.getByText('No item serves a goal.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the release' })).toHaveAttribute('href', '/products/p-x2/releases/rel_1');
  });

  it('builds the chart rows and the summary', () => {
    expect(shareRows(report)).toEqual([
      { name: 'Fly longer', percent: 50, unaligned: false },
      { name: 'Win inspection', percent: 25, unaligned: false },
      { name: 'Unaligned', percent: 25, unaligned: true },
    ]);
    expect(alignmentSummary(alignment({ items: 2, points: 3, unaligned: { items: 2, points: 3, share: 1, keys: ['X2-1', 'X2-2'] } }))).toBe(
      '0% of 3 points serve a goal; 2 items (3 points) are unaligned.',
    );
  });
});
