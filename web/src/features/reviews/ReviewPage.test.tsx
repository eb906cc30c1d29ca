import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me } from '../../api/types';
import { productForBob } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { bobMe } from '../../test/fixtures';
import { apiError, mockApi, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { erinMe, feedback, productForErin, review, sprintItems } from '../../test/reviewFixtures';

function routes(extra: Record<string, Route | Route[]> = {}, me: Me = bobMe, product: unknown = productForBob) {
  return {
    'GET /me': { body: me },
    'GET /products/p-x2': { body: product },
    'GET /sprints/spr_3/review': { body: review() },
    'GET /sprints/spr_3': { body: { id: 'spr_3', name: 'Sprint 3', items: sprintItems } },
    ...extra,
  };
}

async function open(path = '/products/p-x2/sprints/spr_3/review') {
  const utils = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Sprint review: Sprint 3' });
  return utils;
}

describe('ReviewPage', () => {
  it('shows the agenda: accepted items with points and acceptance criteria', async () => {
    mockApi(routes());
    await open();
    const agenda = screen.getByRole('region', { name: 'Agenda' });
    expect(agenda).toHaveTextContent('2 accepted items, 8 points.');
    expect(within(agenda).getByRole('link', { name: 'X2-7' })).toHaveAttribute('href', '/products/p-x2/items/X2-7');
    expect(agenda).toHaveTextContent('Night mode · 5 points · accepted by Bob Chen');
    const criteria = within(agenda).getByRole('list', { name: 'Acceptance criteria of X2-7' });
    expect(within(criteria).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '☑Met:  Given dusk, the preview stays readable',
      '☐Not met:  The LED dims at night',
    ]);
    expect(agenda).toHaveTextContent('Battery warning · 3 points');
    expect(agenda).toHaveTextContent('No acceptance criteria.');
    expect(screen.getByRole('link', { name: 'Retrospective' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_3/retro');
    expect(screen.getByRole('link', { name: 'Sprint 3' })).toHaveAttribute('href', '/products/p-x2/sprints/spr_3');
  });

  it('saves the notes with If-Match and shows them as Markdown', async () => {
    const api = mockApi(
      routes({
        'PATCH /sprints/spr_3/review': (req) => ({ body: review({ notes: (req.body as { notes: string }).notes, version: 4 }) }),
      }),
    );
    const { user } = await open();
    const notes = screen.getByRole('region', { name: 'Notes' });
    expect(within(notes).getByRole('heading', { name: 'Demo' })).toBeInTheDocument();
    await user.click(within(notes).getByRole('button', { name: 'Edit notes' }));
    const input = screen.getByLabelText('Review notes (Markdown)');
    expect(input).toHaveValue('## Demo\n\nNight mode shown outdoors.');
    await user.clear(input);
    await user.type(input, '## Outcome{Enter}{Enter}Ship it.');
    await user.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/sprints/spr_3/review')).toHaveLength(1));
    const call = api.callsTo('PATCH', '/sprints/spr_3/review')[0];
    expect(call.body).toEqual({ notes: '## Outcome\n\nShip it.' });
    expect(new Headers(call.init?.headers).get('If-Match')).toBe('"3"');
    expect(await within(notes).findByRole('heading', { name: 'Outcome' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Review notes (Markdown)')).not.toBeInTheDocument();
  });

  it('keeps the input on a 412 and offers Reload or Keep my changes', async () => {
    const current = review({ notes: 'Carol wrote this.', version: 5, updated_by: { id: 'u-sam', name: 'Sam Rivera' } });
    const api = mockApi(
      routes({
        'PATCH /sprints/spr_3/review': [
          { status: 412, body: { error: { code: 'precondition_failed', message: 'stale', details: [] }, current } },
          { body: review({ notes: 'Mine.', version: 6 }) },
        ],
      }),
    );
    const { user } = await open();
    await user.click(screen.getByRole('button', { name: 'Edit notes' }));
    const input = screen.getByLabelText('Review notes (Markdown)');
    await user.clear(input);
    await user.type(input, 'Mine.');
    await user.click(screen.getByRole('button', { name: 'Save notes' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved: the notes were changed since you started editing.');
    expect(alert).toHaveTextContent('saved by Sam Rivera while you were editing (now version 5)');
    expect(screen.getByLabelText('Review notes (Markdown)')).toHaveValue('Mine.');

    // Reload shows the current notes; typing again and keeping them saves over version 5.
    await user.click(within(alert).getByRole('button', { name: 'Reload (discard my changes)' }));
    expect(screen.getByLabelText('Review notes (Markdown)')).toHaveValue('Carol wrote this.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.clear(screen.getByLabelText('Review notes (Markdown)'));
    await user.type(screen.getByLabelText('Review notes (Markdown)'), 'Mine.');
    await user.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/sprints/spr_3/review')).toHaveLength(2));
    expect(new Headers(api.callsTo('PATCH', '/sprints/spr_3/review')[1].init?.headers).get('If-Match')).toBe('"5"');
  });

  it('Keep my changes after a live update saves over the newer version', async () => {
    const ES = installFakeEventSource();
    const api = mockApi(routes({ 'PATCH /sprints/spr_3/review': { body: review({ notes: 'Mine.', version: 5 }) } }));
    const { user } = await open();
    act(() => ES.latest().open());
    await user.click(screen.getByRole('button', { name: 'Edit notes' }));
    await user.type(screen.getByLabelText('Review notes (Markdown)'), ' More.');
    api.set('GET /sprints/spr_3/review', { body: review({ notes: 'Theirs.', version: 4, updated_by: { id: 'u-sam', name: 'Sam Rivera' } }) });
    act(() => ES.latest().change(changeEvent({ entity_type: 'review', entity_id: 'spr_3', action: 'notes_updated' })));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('saved by Sam Rivera while you were editing (now version 4)');
    expect(screen.getByLabelText('Review notes (Markdown)')).toHaveValue('## Demo\n\nNight mode shown outdoors. More.');
    await user.click(within(alert).getByRole('button', { name: 'Keep my changes' }));
    await user.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/sprints/spr_3/review')).toHaveLength(1));
    expect(new Headers(api.callsTo('PATCH', '/sprints/spr_3/review')[0].init?.headers).get('If-Match')).toBe('"4"');
  });

  it('a stakeholder reads the notes, captures feedback linked to sprint items and deletes only their own', async () => {
    const theirs = feedback('rfb_1', 'Too dark below 2 lux', { sentiment: 'negative', from: 'Acme Logistics' });
    const added = feedback('rfb_2', 'Love the night preview', {
      from: 'Drone Club',
      sentiment: 'positive',
      item_ids: ['itm_7', 'itm_8'],
      items: [
        { id: 'itm_7', key: 'X2-7', title: 'Night mode' },
        { id: 'itm_8', key: 'X2-8', title: 'Obstacle stop' },
      ],
      author: { id: 'u-erin', name: 'Erin Walsh' },
    });
    const api = mockApi(
      routes(
        {
          'GET /sprints/spr_3/review': { body: review({ feedback: [theirs] }) },
          'POST /sprints/spr_3/review/feedback': { status: 201, body: added },
          'DELETE /review-feedback/rfb_2': { status: 204 },
        },
        erinMe,
        productForErin,
      ),
    );
    const { user } = await open();
    expect(screen.queryByRole('button', { name: 'Edit notes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete feedback/ })).not.toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Capture feedback' });
    await user.click(within(form).getByRole('button', { name: 'Add feedback' }));
    expect(within(form).getByText('Write what was said.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/sprints/spr_3/review/feedback')).toHaveLength(0);

    await user.type(within(form).getByLabelText('What was said'), 'Love the night preview');
    await user.type(within(form).getByLabelText('From (person or organisation)'), 'Drone Club');
    await user.click(within(form).getByRole('radio', { name: 'Positive' }));
    const picker = within(form).getByRole('group', { name: 'Linked items' });
    await user.click(within(picker).getByRole('checkbox', { name: 'X2-8 Obstacle stop' }));
    await user.click(within(picker).getByRole('checkbox', { name: 'X2-7 Night mode' }));
    await user.click(within(form).getByRole('button', { name: 'Add feedback' }));
    await waitFor(() => expect(api.callsTo('POST', '/sprints/spr_3/review/feedback')).toHaveLength(1));
    expect(api.callsTo('POST', '/sprints/spr_3/review/feedback')[0].body).toEqual({
      text: 'Love the night preview',
      from: 'Drone Club',
      sentiment: 'positive',
      item_ids: ['itm_8', 'itm_7'],
    });
    expect(within(form).getByLabelText('What was said')).toHaveValue('');
    expect(within(form).getByRole('radio', { name: 'Neutral' })).toBeChecked();

    const list = screen.getByRole('list', { name: 'Feedback captured' });
    const entries = within(list).getAllByRole('listitem');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Positive Drone ClubLove the night preview');
    expect(within(entries[0]).getByRole('link', { name: 'X2-8' })).toHaveAttribute('href', '/products/p-x2/items/X2-8');
    expect(entries[0]).toHaveTextContent('Captured by Erin Walsh');
    expect(entries[1]).toHaveTextContent('Negative Acme Logistics');

    await user.click(within(entries[0]).getByRole('button', { name: 'Delete feedback: Love the night preview' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(api.callsTo('DELETE', '/review-feedback/rfb_2')).toHaveLength(1);
  });

  it('shows the server\'s refusal of a linked item next to the picker', async () => {
    mockApi(
      routes({
        'POST /sprints/spr_3/review/feedback': apiError(400, 'validation_failed', 'Invalid feedback', [
          { field: 'item_ids.0', issue: 'no such item in this product' },
        ]),
      }),
    );
    const { user } = await open();
    const form = screen.getByRole('form', { name: 'Capture feedback' });
    await user.type(within(form).getByLabelText('What was said'), 'Hm');
    await user.click(within(form).getByRole('checkbox', { name: 'X2-8 Obstacle stop' }));
    await user.click(within(form).getByRole('button', { name: 'Add feedback' }));
    expect(await within(form).findByText('X2-8: no such item in this product')).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('Invalid feedback');
    expect(within(form).getByLabelText('What was said')).toHaveValue('Hm');
  });

  it('the Product Owner deletes anyone\'s feedback, and new feedback arrives live', async () => {
    const ES = installFakeEventSource();
    const api = mockApi(
      routes({
        'GET /sprints/spr_3/review': { body: review({ feedback: [feedback('rfb_1', 'Too dark', { author: { id: 'u-erin', name: 'Erin Walsh' } })] }) },
      }),
    );
    await open();
    act(() => ES.latest().open());
    expect(screen.getByRole('button', { name: 'Delete feedback: Too dark' })).toBeInTheDocument();
    api.set('GET /sprints/spr_3/review', {
      body: review({ feedback: [feedback('rfb_3', 'Ship it', { author: { id: 'u-erin', name: 'Erin Walsh' } }), feedback('rfb_1', 'Too dark')] }),
    });
    act(() => ES.latest().change(changeEvent({ entity_type: 'review', entity_id: 'spr_3', action: 'feedback_added' })));
    expect(await screen.findByText('Ship it')).toBeInTheDocument();
    // Another sprint's review does not wake the page.
    const before = api.callsTo('GET', '/sprints/spr_3/review').length;
    act(() => ES.latest().change(changeEvent({ entity_type: 'review', entity_id: 'spr_4', action: 'feedback_added' })));
    await new Promise((r) => setTimeout(r, 400));
    expect(api.callsTo('GET', '/sprints/spr_3/review')).toHaveLength(before);
  });

  it('shows the server\'s error when the review cannot be read', async () => {
    mockApi(routes({ 'GET /sprints/spr_3/review': apiError(404, 'not_found', 'No such sprint') }));
    renderApp('/products/p-x2/sprints/spr_3/review');
    expect(await screen.findByText('Could not load the sprint review')).toBeInTheDocument();
    expect(screen.getByText('No such sprint')).toBeInTheDocument();
  });
});
