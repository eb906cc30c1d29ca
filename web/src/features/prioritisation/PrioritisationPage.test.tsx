import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { RankedItem, RankedView, Scorecard } from '../../api/prioritisation';
import { page, productForBob } from '../../test/backlogFixtures';
import { aliceMe, bobMe, productX2 } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { daveMe, productForDave } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';
import { chartPoints, formatScore, inputsFromForm, fieldsOf, quadrantSummary } from './prioritisationModel';

function row(key: string, fields: Partial<RankedItem> = {}): RankedItem {
  return {
    id: `itm_${key}`,
    key,
    title: `Title ${key}`,
    type: 'story',
    status: 'new',
    points: null,
    backlog_position: 1,
    manual_position: null,
    model_position: null,
    score: null,
    inputs: null,
    summary: null,
    disagrees: false,
    ...fields,
  };
}

function view(model: string, items: RankedItem[], fields: Partial<RankedView> = {}): RankedView {
  const scored = items.filter((i) => i.score !== null).length;
  return {
    product_id: 'p-x2',
    model,
    scorecard: null,
    threshold: 2,
    items,
    counts: {
      items: items.length,
      scored,
      unscored: items.length - scored,
      disagreements: items.filter((i) => i.disagrees).length,
    },
    ...fields,
  };
}

const wsjfView = view('wsjf', [
  row('X2-5', {
    backlog_position: 5,
    manual_position: 4,
    model_position: 1,
    score: 9,
    summary: 'BV 16 · TC 1 · RR 1 · JS 2',
    inputs: { business_value: 16, time_criticality: 1, risk_reduction: 1, job_size: 2 },
    disagrees: true,
  }),
  row('X2-2', { backlog_position: 2, manual_position: 2, model_position: 2, score: 5, summary: 'BV 8 · TC 1 · RR 1 · JS 2' }),
  row('X2-3', { backlog_position: 3 }),
]);

const card: Scorecard = {
  id: 'scd_1',
  product_id: 'p-x2',
  name: 'Drone fit',
  model: 'scorecard:scd_1',
  criteria: [
    { id: 'crt_a', name: 'Revenue', weight: 3 },
    { id: 'crt_b', name: 'Fit', weight: 2 },
  ],
  version: 1,
  created_by: null,
  created_at: 0,
  updated_at: 0,
};

function routes(extra = {}) {
  return {
    'GET /me': { body: bobMe },
    'GET /products/p-x2': { body: productForBob },
    'GET /products/p-x2/scorecards': page([card]),
    ...extra,
  };
}

describe('prioritisationModel', () => {
  it('formats scores and builds PUT bodies per model', () => {
    expect(formatScore(800)).toBe('800');
    expect(formatScore(14 / 3)).toBe('4.67');
    expect(formatScore(null)).toBe('—');
    expect(inputsFromForm('rice', fieldsOf('rice'), { reach: '2000', impact: '2', confidence: '80', effort: '4' })).toEqual({
      reach: 2000,
      impact: 2,
      confidence: 80,
      effort: 4,
    });
    expect(inputsFromForm('moscow', fieldsOf('moscow'), { category: 'must' })).toEqual({ category: 'must' });
    expect(inputsFromForm('scorecard:scd_1', fieldsOf('scorecard:scd_1', card), { crt_a: '4', crt_b: '' })).toEqual({
      ratings: { crt_a: 4 },
    });
  });

  it('places the value/effort points and sums up the quadrants', () => {
    const points = chartPoints([
      row('A', { inputs: { value: 8, effort: 2 }, quadrant: 'quick_win', score: 4 }),
      row('B', { inputs: { value: 9, effort: 8 }, quadrant: 'big_bet', score: 1.1 }),
      row('C', { inputs: { value: 7, effort: 3 }, quadrant: 'quick_win', score: 2.3 }),
      row('D'),
    ]);
    expect(points.map((p) => p.key)).toEqual(['A', 'B', 'C']);
    expect(quadrantSummary(points)).toBe('2 quick wins, 1 big bet.');
    expect(quadrantSummary([])).toBe('No item has a value and effort yet.');
  });
});

describe('PrioritisationPage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the model order beside the manual rank and flags disagreements in words', async () => {
    const api = mockApi(routes({ 'GET /products/p-x2/prioritisation': { body: wsjfView } }));
    renderApp('/products/p-x2/prioritisation?model=wsjf');
    const table = await screen.findByRole('table', { name: 'Items by model, beside the manual rank' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('X2-5');
    expect(rows[0]).toHaveTextContent('Disagrees (4 → 1)');
    expect(rows[0]).toHaveClass('disagrees');
    expect(rows[1]).toHaveTextContent('Agrees');
    expect(rows[2]).toHaveTextContent('Not scored');
    expect(screen.getByText(/2 scored · 1 unscored · 1 disagreement/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/products/p-x2/prioritisation' && c.search.get('model') === 'wsjf')).toBe(true);
    // The nav links the page beside the backlog.
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Prioritisation' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    // The scorecards are models too.
    expect(within(screen.getByLabelText('Model')).getByRole('option', { name: 'Scorecard: Drone fit' })).toBeInTheDocument();
  });

  it('lets the Product Owner edit an item’s inputs: field errors, then the refreshed order', async () => {
    const api = mockApi(
      routes({
        'GET /products/p-x2/prioritisation': { body: wsjfView },
        'PUT /items/X2-3/scores/wsjf': [
          apiError(400, 'validation_failed', 'the request has invalid fields', [
            { field: 'wsjf.job_size', issue: 'must be a whole number from 1 to 20' },
          ]),
          { body: { item_id: 'itm_X2-3', model: 'wsjf', score: 3 } },
        ],
      }),
    );
    const { user } = renderApp('/products/p-x2/prioritisation?model=wsjf');
    await user.click(await screen.findByRole('button', { name: 'Score X2-3' }));
    const form = screen.getByRole('form', { name: 'Score X2-3' });
    await user.type(within(form).getByLabelText(/Business value/), '5');
    await user.type(within(form).getByLabelText(/Time criticality/), '3');
    await user.type(within(form).getByLabelText(/Risk reduction/), '1');
    await user.type(within(form).getByLabelText(/Job size/), '30');
    await user.click(within(form).getByRole('button', { name: 'Save score' }));
    expect(await within(form).findByText('must be a whole number from 1 to 20')).toBeInTheDocument();
    const put = api.calls.find((c) => c.method === 'PUT');
    expect(put?.body).toEqual({ business_value: 5, time_criticality: 3, risk_reduction: 1, job_size: 30 });

    await user.clear(within(form).getByLabelText(/Job size/));
    await user.type(within(form).getByLabelText(/Job size/), '3');
    await user.click(within(form).getByRole('button', { name: 'Save score' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Score X2-3' })).toBeNull());
    expect(api.calls.filter((c) => c.path === '/products/p-x2/prioritisation').length).toBeGreaterThan(1);
  });

  it('draws the value/effort 2×2 chart with its table for the value vs effort model', async () => {
    const ve = view('value_effort', [
      row('X2-1', { score: 4, inputs: { value: 8, effort: 2 }, quadrant: 'quick_win', summary: 'V 8 · E 2', manual_position: 1, model_position: 1 }),
      row('X2-2', { score: 0.5, inputs: { value: 4, effort: 8 }, quadrant: 'time_sink', summary: 'V 4 · E 8', manual_position: 2, model_position: 2 }),
    ]);
    mockApi(routes({ 'GET /products/p-x2/prioritisation': { body: ve } }));
    renderApp('/products/p-x2/prioritisation?model=value_effort');
    const figure = await screen.findByRole('figure', { name: 'Value vs effort' });
    expect(within(figure).getByRole('img', { name: 'Value vs effort chart' })).toBeInTheDocument();
    expect(figure).toHaveTextContent('1 quick win, 1 time sink.');
    expect(figure.querySelector('svg')).not.toBeNull();
    const rows = within(within(figure).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('X2-1 Title X2-182Quick win');
    expect(screen.getByRole('table', { name: 'Items by model, beside the manual rank' })).toHaveTextContent('Time sink');
  });

  it('lets the Product Manager create, edit and delete a scorecard', async () => {
    const created: Scorecard = {
      ...card,
      id: 'scd_2',
      name: 'Market fit',
      model: 'scorecard:scd_2',
      criteria: [
        { id: 'crt_x', name: 'Demand', weight: 40 },
        { id: 'crt_y', name: 'Effort inverse', weight: 10 },
      ],
    };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/scorecards': [
        page([card]),
        page([card, created]),
        page([{ ...card, version: 2, criteria: [{ id: 'crt_a', name: 'Revenue', weight: 5 }] }, created]),
        page([created]),
      ],
      'GET /products/p-x2/prioritisation': { body: wsjfView },
      'POST /products/p-x2/scorecards': [
        apiError(400, 'validation_failed', 'the request has invalid fields', [
          { field: 'criteria.1.weight', issue: 'must be above 0 and at most 100' },
        ]),
        { status: 201, body: created },
      ],
      'PATCH /scorecards/scd_1': { body: { ...card, version: 2 } },
      'DELETE /scorecards/scd_1': { status: 204 },
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/products/p-x2/prioritisation?model=wsjf');
    const section = await screen.findByRole('region', { name: 'Scorecards' });
    expect(await within(section).findByText('Drone fit')).toBeInTheDocument();
    expect(section).toHaveTextContent('Revenue 3 · Fit 2');

    // A new scorecard of two criteria; the server's field error shows beside the weight.
    await user.click(within(section).getByRole('button', { name: 'New scorecard' }));
    const form = within(section).getByRole('form', { name: 'New scorecard' });
    await user.type(within(form).getByLabelText('Name'), 'Market fit');
    await user.type(within(form).getByLabelText('Criterion 1'), 'Demand');
    await user.type(within(form).getByLabelText('Weight of criterion 1'), '40');
    await user.click(within(form).getByRole('button', { name: 'Add criterion' }));
    await user.type(within(form).getByLabelText('Criterion 2'), 'Effort inverse');
    await user.type(within(form).getByLabelText(/^Weight of criterion 2/), '0');
    await user.click(within(form).getByRole('button', { name: 'Save scorecard' }));
    expect(await within(form).findByText('must be above 0 and at most 100')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText(/^Weight of criterion 2/));
    await user.type(within(form).getByLabelText(/^Weight of criterion 2/), '10');
    await user.click(within(form).getByRole('button', { name: 'Save scorecard' }));
    expect(await within(section).findByText('Scorecard “Market fit” saved.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/scorecards')[1].body).toEqual({
      name: 'Market fit',
      criteria: [
        { name: 'Demand', weight: 40 },
        { name: 'Effort inverse', weight: 10 },
      ],
    });
    expect(await within(screen.getByLabelText('Model')).findByRole('option', { name: 'Scorecard: Market fit' })).toBeInTheDocument();

    // Editing keeps a criterion by its id, drops a removed one, and sends If-Match.
    await user.click(within(section).getByRole('button', { name: 'Edit Drone fit' }));
    const edit = within(section).getByRole('form', { name: 'Edit scorecard Drone fit' });
    expect(within(edit).getByLabelText('Criterion 1')).toHaveValue('Revenue');
    await user.clear(within(edit).getByLabelText('Weight of criterion 1'));
    await user.type(within(edit).getByLabelText('Weight of criterion 1'), '5');
    await user.click(within(edit).getByRole('button', { name: 'Remove criterion 2' }));
    await user.click(within(edit).getByRole('button', { name: 'Save scorecard' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/scorecards/scd_1')).toHaveLength(1));
    const patch = api.callsTo('PATCH', '/scorecards/scd_1')[0];
    expect(patch.body).toEqual({ name: 'Drone fit', criteria: [{ id: 'crt_a', name: 'Revenue', weight: 5 }] });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"1"');
    expect(await within(section).findByText('Revenue 5')).toBeInTheDocument();

    await user.click(await within(section).findByRole('button', { name: 'Delete Drone fit' }));
    expect(await within(section).findByText('Scorecard “Drone fit” deleted.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/scorecards/scd_1')).toHaveLength(1);
    await waitFor(() => expect(within(section).queryByText('Drone fit')).toBeNull());
  });

  it('shows the Product Owner the scorecards as models but no scorecard editor', async () => {
    mockApi(routes({ 'GET /products/p-x2/prioritisation': { body: wsjfView } }));
    renderApp('/products/p-x2/prioritisation?model=wsjf');
    await screen.findByRole('table', { name: 'Items by model, beside the manual rank' });
    expect(await within(screen.getByLabelText('Model')).findByRole('option', { name: 'Scorecard: Drone fit' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Scorecards' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New scorecard' })).toBeNull();
  });

  it('shows team members the ranking without editors', async () => {
    mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productForDave },
      'GET /products/p-x2/scorecards': page([]),
      'GET /products/p-x2/prioritisation': { body: wsjfView },
    });
    renderApp('/products/p-x2/prioritisation?model=wsjf');
    await screen.findByRole('table', { name: 'Items by model, beside the manual rank' });
    expect(screen.queryByRole('button', { name: /Score X2-/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Scorecards' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New scorecard' })).toBeNull();
  });
});
