import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Roadmap, RoadmapInitiative } from '../../api/roadmap';
import { aliceMe, bobMe } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

function initiative(id: string, name: string, more: Partial<RoadmapInitiative> = {}): RoadmapInitiative {
  return {
    id,
    product_id: 'p-x2',
    name,
    status: 'planned',
    goals: [],
    owner: null,
    horizon: null,
    start_date: '2030-01-01',
    end_date: '2030-03-31',
    start: '2030-01-01',
    end: '2030-03-31',
    placement: 'dates',
    timeframe: 'later',
    timeframe_source: 'derived',
    work: { items: 4, points: 10, done_items: 1, done_points: 3 },
    version: 3,
    ...more,
  };
}

const battery = initiative('ini_1', 'Battery', {
  goals: [{ id: 'gol_1', objective: 'Fly longer' }],
  owner: { id: 'u-alice', name: 'Alice Moreau' },
  end: '2030-08-15',
  end_date: '2030-08-15',
});
const manual = initiative('ini_2', 'Manual', { placement: 'end', start_date: null, timeframe: 'now', timeframe_source: 'set' });

const roadmap: Roadmap = {
  product: { id: 'p-x2', key: 'X2', name: 'SkyLift X2' },
  from: '2030-01-01',
  to: '2030-12-31',
  granularity: 'quarter',
  today: '2026-11-23',
  periods: [
    { label: '2030 Q1', start: '2030-01-01', end: '2030-03-31' },
    { label: '2030 Q2', start: '2030-04-01', end: '2030-06-30' },
    { label: '2030 Q3', start: '2030-07-01', end: '2030-09-30' },
    { label: '2030 Q4', start: '2030-10-01', end: '2030-12-31' },
  ],
  lanes: [
    { goal: { id: 'gol_1', objective: 'Fly longer' }, name: 'Fly longer', initiatives: [battery] },
    { goal: null, name: 'No goal', initiatives: [manual] },
  ],
  releases: [{ id: 'rel_1', product_id: 'p-x2', version: '1.0', name: 'Launch', target_date: '2030-05-15', status: 'planned' }],
  board: { now: [manual], next: [], later: [battery] },
};

describe('RoadmapPage', () => {
  it('shows periods, lanes by goal, bars, milestones and the board', async () => {
    mockApi({ 'GET /me': { body: bobMe }, 'GET /products/p-x2/roadmap': { body: roadmap } });
    renderApp('/products/p-x2/roadmap');
    const timeline = await screen.findByRole('table', { name: 'Roadmap timeline' });
    const headers = within(timeline).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Initiative', '2030 Q1', '2030 Q2', '2030 Q3', '2030 Q4']);
    expect(within(timeline).getByText('Goal: Fly longer')).toBeInTheDocument();
    expect(within(timeline).getByText('No goal')).toBeInTheDocument();
    const bar = screen.getByTestId('bar-ini_1');
    expect(bar).toHaveStyle({ gridColumn: '2 / 5' });
    expect(bar).toHaveTextContent('Planned · 2030-01-01 – 2030-08-15 · Alice Moreau · 1/4 items done · 3/10 points');
    expect(within(timeline).getByText(/◆ 1.0/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Now' })).getByText('Manual')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Later' })).getByText(/derived from dates/)).toBeInTheDocument();
    // The Product Owner reads it but does not move or share anything.
    expect(screen.queryByRole('button', { name: 'Move Battery later' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Share' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Print view' })).toHaveAttribute('href', '/products/p-x2/roadmap?granularity=quarter&print=1');
  });

  it('switches the granularity', async () => {
    const api = mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2/roadmap': { body: roadmap },
    });
    const { user } = renderApp('/products/p-x2/roadmap');
    await screen.findByRole('table', { name: 'Roadmap timeline' });
    await user.click(screen.getByRole('button', { name: 'Years' }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/products/p-x2/roadmap' && c.search.get('granularity') === 'year')).toBe(true),
    );
    expect(screen.getByRole('button', { name: 'Years' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('lets the PM move a bar a period later with If-Match, by button and by drag', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/roadmap': { body: roadmap },
      'PATCH /initiatives/ini_1': { body: { version: 4 } },
    });
    const { user } = renderApp('/products/p-x2/roadmap');
    await user.click(await screen.findByRole('button', { name: 'Move Battery later' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    const patch = api.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ start_date: '2030-04-01', end_date: '2030-11-15' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"3"');

    // Dragging the bar from Q1 to Q3: two quarters later.
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? '',
      effectAllowed: 'all',
    };
    fireEvent.dragStart(screen.getByTestId('bar-ini_1'), { dataTransfer });
    fireEvent.dragOver(screen.getByTestId('drop-ini_1-2'), { dataTransfer });
    fireEvent.drop(screen.getByTestId('drop-ini_1-2'), { dataTransfer });
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === 'PATCH')[1].body).toEqual({ start_date: '2030-07-01', end_date: '2031-02-15' });
  });

  it('moves a card to another timeframe and says so when the initiative changed meanwhile', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/roadmap': { body: roadmap },
      'PATCH /initiatives/ini_1': apiError(412, 'precondition_failed', 'the initiative was changed since version 3'),
    });
    const { user } = renderApp('/products/p-x2/roadmap');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Timeframe of Battery' }), 'next');
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ timeframe: 'next' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Battery was changed by someone else meanwhile');
  });

  it('lets the PM create and revoke published links', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/roadmap': { body: roadmap },
      'GET /products/p-x2/roadmap/shares': [
        { body: { data: [] } },
        { body: { data: [{ id: 'rms_1', product_id: 'p-x2', created_by: { id: 'u-alice', name: 'Alice Moreau' }, created_at: 1_900_000_000_000 }] } },
        { body: { data: [] } },
      ],
      'POST /products/p-x2/roadmap/shares': {
        status: 201,
        body: { id: 'rms_1', product_id: 'p-x2', token: 'rmp_abc', url: '/shared/roadmap/rmp_abc', created_by: null, created_at: 1_900_000_000_000 },
      },
      'DELETE /roadmap-shares/rms_1': { status: 204 },
    });
    const { user } = renderApp('/products/p-x2/roadmap');
    await user.click(await screen.findByRole('button', { name: 'Share' }));
    const dialog = screen.getByRole('dialog', { name: 'Share the roadmap' });
    expect(await within(dialog).findByText('No published links.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    expect(await within(dialog).findByTestId('share-url')).toHaveTextContent('/shared/roadmap/rmp_abc');
    await user.click(await within(dialog).findByRole('button', { name: /Revoke link/ }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/roadmap-shares/rms_1')).toBe(true));
    expect(await within(dialog).findByText('No published links.')).toBeInTheDocument();
  });
});

describe('SharedRoadmapPage', () => {
  it('shows a published roadmap without signing in, read-only', async () => {
    const { version: _v, ...publicBattery } = battery;
    const api = mockApi({
      'GET /public/roadmaps/rmp_abc': { body: { ...roadmap, lanes: [{ ...roadmap.lanes[0], initiatives: [publicBattery] }] } },
    });
    renderApp('/shared/roadmap/rmp_abc');
    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2 roadmap' })).toBeInTheDocument();
    expect(screen.getByTestId('bar-ini_1')).toHaveTextContent('Battery');
    expect(screen.queryByRole('button', { name: /Move Battery/ })).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/me')).toBe(false);
  });

  it('says when the link was revoked', async () => {
    mockApi({ 'GET /public/roadmaps/rmp_gone': apiError(404, 'not_found', 'roadmap not found') });
    renderApp('/shared/roadmap/rmp_gone');
    expect(await screen.findByRole('alert')).toHaveTextContent('does not exist or has been revoked');
  });
});
