import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { mockApi } from '../../test/mockApi';
import { burndown, scopeChange, sprintDetail, velocity, x2Items } from '../../test/sprintFixtures';
import { SprintCharts } from './SprintCharts';

const active = sprintDetail('spr_1', 'Sprint 7', {
  status: 'active',
  committed_points: 10,
  items: [x2Items.six, x2Items.twelve],
});

function renderCharts(sprint = active) {
  const user = userEvent.setup();
  render(
    <MemoryRouter>
      <SprintCharts sprint={sprint} tick={0} />
    </MemoryRouter>,
  );
  return { user };
}

describe('SprintCharts', () => {
  it('draws the burndown with a text alternative that names the scope changes', async () => {
    mockApi({
      'GET /sprints/spr_1/burndown': { body: burndown() },
      // The added item is known from the scope changes (it is not among the sprint's items here).
      'GET /sprints/spr_1/scope-changes': page([scopeChange('scg_1')]),
      'GET /teams/tea_1/velocity': { body: velocity() },
    });
    renderCharts();
    const figure = await screen.findByRole('figure', { name: 'Burndown' });
    expect(within(figure).getByRole('img', { name: 'Burndown chart' })).toBeInTheDocument();
    await waitFor(() =>
      expect(figure).toHaveTextContent(
        'On Tue 24 Nov: 18 of 23 points remaining, 5 done; ideal 3.3. Committed 10. Scope changes: X2-16 +13 on Mon 23 Nov.',
      ),
    );
    const table = within(figure).getByRole('table', { name: 'Burndown: points remaining per day' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['Mon 23 Nov', '6.7', '23', 'X2-16 +13'],
      ['Tue 24 Nov', '3.3', '18', ''],
      ['Wed 25 Nov', '0', '—', ''],
    ]);
    // The chart itself is SVG drawn by recharts.
    expect(figure.querySelector('svg')).not.toBeNull();
  });

  it('draws the burn-up (scope and done) and the team’s velocity with their tables', async () => {
    const api = mockApi({
      'GET /sprints/spr_1/burndown': { body: burndown() },
      'GET /sprints/spr_1/scope-changes': page([scopeChange('scg_1')]),
      'GET /teams/tea_1/velocity': { body: velocity() },
    });
    const { user } = renderCharts();
    const burnup = await screen.findByRole('figure', { name: 'Burn-up' });
    expect(burnup).toHaveTextContent('On Tue 24 Nov: 5 of 23 points done; the scope was 10 at the start');
    const table = within(burnup).getByRole('table', { name: 'Burn-up: scope and points done per day' });
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('Tue 24 Nov235');

    const velocityFigure = await screen.findByRole('figure', { name: 'Velocity' });
    expect(velocityFigure).toHaveTextContent(
      'The last 2 completed sprints: Sprint 5 18 of 20, Sprint 6 21 of 24. Average completed: 19.5 points.',
    );
    const vt = within(velocityFigure).getByRole('table', { name: 'Velocity: committed and completed points per sprint' });
    expect(within(vt).getAllByRole('row')[1]).toHaveTextContent('Sprint 52018');
    const call = api.callsTo('GET', '/teams/tea_1/velocity')[0];
    expect(call.search.get('product')).toBe('p-x2');
    expect(call.search.get('last')).toBe('6');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Completed sprints shown' }), '10');
    await waitFor(() => expect(api.callsTo('GET', '/teams/tea_1/velocity').some((c) => c.search.get('last') === '10')).toBe(true));
  });

  it('shows only the ideal line before the start', async () => {
    const planned = sprintDetail('spr_1', 'Sprint 7');
    const api = mockApi({
      'GET /sprints/spr_1/burndown': {
        body: burndown({
          status: 'planned',
          days: burndown().days.map((d) => ({ ...d, scope: null, done: null, remaining: null, changes: [] })),
        }),
      },
      'GET /teams/tea_1/velocity': { body: velocity({ sprints: [], average: null }) },
    });
    renderCharts(planned);
    const figure = await screen.findByRole('figure', { name: 'Burndown' });
    expect(figure).toHaveTextContent('Not started: 10 points planned, ideally burnt down to 0 by Wed 25 Nov. No scope changes.');
    expect(screen.queryByRole('figure', { name: 'Burn-up' })).not.toBeInTheDocument();
    expect(await screen.findByText('No completed sprint of this team on this product yet.')).toBeInTheDocument();
    expect(api.callsTo('GET', '/sprints/spr_1/scope-changes')).toHaveLength(0);
  });
});
