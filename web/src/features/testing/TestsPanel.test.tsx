import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Item } from '../../api/backlogTypes';
import { item, page, settingsX2 } from '../../test/backlogFixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { daveMe, productForDave, run, testCase } from '../../test/releaseFixtures';
import { renderApp } from '../../test/renderApp';

const story: Item = item(7, {
  title: 'Night mode',
  criteria: [
    { id: 'acc_1', text: 'Readable at dusk', done: false },
    { id: 'acc_2', text: 'Noise below 3%', done: false },
  ],
});

function routes(cases: Route | Route[]): Record<string, Route | Route[]> {
  return {
    'GET /me': { body: daveMe },
    'GET /products/p-x2': { body: productForDave },
    'GET /items/X2-7': { body: story },
    'GET /products/p-x2/backlog-settings': { body: settingsX2 },
    'GET /items/itm_7/comments': page([]),
    'GET /items/itm_7/history': page([]),
    'GET /items/itm_7/poker': apiError(404, 'not_found', 'no poker round'),
    'GET /items/itm_7/test-cases': cases,
  };
}

describe('TestsPanel', () => {
  it('lists the cases with their steps, linked criteria and coverage', async () => {
    mockApi(
      routes(
        page([
          testCase('tcs_1', 'Dusk preview', { criteria: ['acc_1'], latest: run('trn_1', 'tcs_1', { result: 'pass' }) }),
          testCase('tcs_2', 'Noise measurement', { criteria: ['acc_2'], latest: run('trn_2', 'tcs_2', { result: 'fail' }) }),
        ]),
      ),
    );
    renderApp('/products/p-x2/items/X2-7');
    const panel = await screen.findByRole('region', { name: 'Tests' });
    expect(await within(panel).findByText('2 of 2 criteria covered, 1 passing.')).toBeInTheDocument();
    const dusk = within(panel).getByRole('list', { name: 'Criteria tested by Dusk preview' });
    expect(within(dusk).getByRole('checkbox', { name: 'Readable at dusk' })).toBeChecked();
    expect(within(dusk).getByRole('checkbox', { name: 'Noise below 3%' })).not.toBeChecked();
    expect(within(panel).getAllByText(/1\. Take off/)).toHaveLength(2);
    expect(within(panel).getByText('Fail')).toBeInTheDocument();
  });

  it('adds a test case naming the ticked criteria and shows the server’s field errors', async () => {
    const created = testCase('tcs_3', 'Gust test', { criteria: ['acc_2'] });
    const api = mockApi({
      ...routes([page([]), page([created])]),
      'POST /items/itm_7/test-cases': [
        apiError(400, 'validation_failed', 'the request has invalid fields', [
          { field: 'criteria.0', issue: 'is not an acceptance criterion of X2-7' },
        ]),
        { status: 201, body: created },
      ],
    });
    const { user } = renderApp('/products/p-x2/items/X2-7');
    const form = await screen.findByRole('form', { name: 'New test case' });
    await user.type(within(form).getByLabelText('Title'), 'Gust test');
    await user.type(within(form).getByLabelText('Steps'), 'Hover in 30 km/h gusts');
    await user.click(within(form).getByRole('checkbox', { name: 'Noise below 3%' }));
    await user.click(within(form).getByRole('button', { name: 'Add test case' }));
    expect(await within(form).findByText('is not an acceptance criterion of X2-7')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Add test case' }));
    await waitFor(() => expect(api.callsTo('POST', '/items/itm_7/test-cases')).toHaveLength(2));
    expect(api.callsTo('POST', '/items/itm_7/test-cases')[1].body).toEqual({
      title: 'Gust test',
      preconditions: '',
      steps: 'Hover in 30 km/h gusts',
      expected_result: '',
      criteria: ['acc_2'],
    });
    const panel = screen.getByRole('region', { name: 'Tests' });
    expect(await within(panel).findByRole('heading', { name: 'Gust test' })).toBeInTheDocument();
  });
});
