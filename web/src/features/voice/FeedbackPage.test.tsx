import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { erinMe, feedback, idea, nordic, productAs } from '../../test/voiceFixtures';

describe('FeedbackPage', () => {
  it('lets a stakeholder give feedback for a customer and contact, without triage controls', async () => {
    const created = feedback('cfb_9', 'Needs longer flights', { customer: { id: 'cus_1', name: nordic.name } });
    const api = mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/feedback': [page([feedback('cfb_1', 'Old note')]), page([created, feedback('cfb_1', 'Old note')])],
      'GET /products/p-x2/customers': page([nordic]),
      'POST /products/p-x2/feedback': { status: 201, body: created },
    });
    const { user } = renderApp('/products/p-x2/feedback');
    expect(await screen.findByText('Old note')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark triaged' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Give feedback' }));
    const form = screen.getByRole('form', { name: 'Give feedback' });
    await user.type(within(form).getByLabelText('What did you hear?'), 'Needs longer flights');
    await user.selectOptions(within(form).getByLabelText('Source'), 'sales_call');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'quantitative');
    await user.type(within(form).getByLabelText('Score (0–100)'), '8');
    await user.selectOptions(within(form).getByLabelText('Sentiment'), 'negative');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2026-11-20');
    await user.selectOptions(within(form).getByLabelText('Customer'), 'cus_1');
    await user.selectOptions(within(form).getByLabelText('Contact'), 'cct_1');
    await user.click(within(form).getByRole('button', { name: 'Submit feedback' }));
    expect(await screen.findByText('Needs longer flights')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('your feedback is in the inbox');
    expect(api.callsTo('POST', '/products/p-x2/feedback')[0].body).toEqual({
      text: 'Needs longer flights',
      source: 'sales_call',
      kind: 'quantitative',
      score: 8,
      sentiment: 'negative',
      date: '2026-11-20',
      customer_id: 'cus_1',
      contact_id: 'cct_1',
    });
    expect(api.callsTo('GET', '/products/p-x2/feedback')[0].search.get('status')).toBe('new');
  });

  it('lets the author delete their own feedback, and nobody else’s', async () => {
    const api = mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/feedback': page([
        feedback('cfb_1', 'Mine'),
        feedback('cfb_2', 'Someone else’s', { author: { id: 'u-dave', name: 'Dave Kim' } }),
      ]),
      'GET /products/p-x2/customers': page([]),
      'DELETE /feedback/cfb_1': { status: 204 },
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/products/p-x2/feedback');
    const mine = (await screen.findByText('Mine')).closest('li')!;
    expect(within(screen.getByText('Someone else’s').closest('li')!).queryByRole('button', { name: 'Delete' })).toBeNull();
    await user.click(within(mine).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByText('Mine')).not.toBeInTheDocument());
    expect(api.callsTo('DELETE', '/feedback/cfb_1')).toHaveLength(1);
    vi.restoreAllMocks();
  });

  it('lets the PM link new feedback to an item, archive it, and switch tabs', async () => {
    const fb = feedback('cfb_1', 'Batteries die in the cold', { customer: { id: 'cus_1', name: nordic.name } });
    const linked = {
      ...fb,
      status: 'triaged' as const,
      version: 2,
      links: [
        {
          id: 'lnk_1',
          feedback_id: 'cfb_1',
          target_type: 'item' as const,
          target_id: 'itm_2',
          target: { id: 'itm_2', key: 'X2-2', title: 'Battery pack', type: 'feature' },
          importance: 'critical' as const,
          created_at: 1,
        },
      ],
    };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/feedback?status=new&limit=50': page([fb, feedback('cfb_2', 'Spam', { version: 3 })]),
      'GET /products/p-x2/feedback?status=triaged&limit=50': page([linked]),
      'GET /products/p-x2/customers': page([nordic]),
      'GET /products/p-x2/ideas': page([idea('ide_1', 'Heated battery')]),
      'POST /feedback/cfb_1/links': { status: 201, body: { ...linked.links[0], feedback: linked } },
      'PATCH /feedback/cfb_2': { body: feedback('cfb_2', 'Spam', { status: 'archived', version: 4 }) },
    });
    const { user } = renderApp('/products/p-x2/feedback');
    const card = (await screen.findByText('Batteries die in the cold')).closest('li')!;
    const form = within(card).getByRole('form', { name: 'Link feedback from 2026-11-03' });
    await user.type(within(form).getByLabelText('Item key'), 'X2-2');
    await user.selectOptions(within(form).getByLabelText('Importance'), 'critical');
    await user.click(within(form).getByRole('button', { name: 'Link' }));
    await waitFor(() => expect(screen.queryByText('Batteries die in the cold')).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/feedback/cfb_1/links')[0].body).toEqual({
      target_type: 'item',
      target_id: 'X2-2',
      importance: 'critical',
    });
    const spam = screen.getByText('Spam').closest('li')!;
    await user.click(within(spam).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(screen.queryByText('Spam')).not.toBeInTheDocument());
    const patch = api.callsTo('PATCH', '/feedback/cfb_2')[0];
    expect(patch.body).toEqual({ status: 'archived' });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"3"');
    expect(screen.getByText('The inbox is empty: all feedback is triaged.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Triaged' }));
    const triaged = (await screen.findByText('Batteries die in the cold')).closest('li')!;
    expect(within(triaged).getByRole('link', { name: 'X2-2 Battery pack' })).toHaveAttribute('href', '/products/p-x2/items/X2-2');
    expect(triaged).toHaveTextContent('Critical for');
  });
});
