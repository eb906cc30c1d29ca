import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { erinMe, feedback, idea, nordic, productAs } from '../../test/voiceFixtures';

afterEach(() => window.localStorage.clear());

describe('IdeaPage', () => {
  it('lets a stakeholder vote and take the vote back, and shows linked feedback, without deciding', async () => {
    const base = idea('ide_1', 'Thermal camera', { problem: 'Night **search**', votes: 1 });
    const voted = { ...base, votes: 2, voted: true, my_vote_id: 'ivt_9', version: 1 };
    const api = mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /ideas/ide_1': [{ body: base }, { body: voted }, { body: base }],
      'GET /products/p-x2/feedback': page([
        feedback('cfb_1', 'Need night images', {
          links: [
            {
              id: 'l1',
              feedback_id: 'cfb_1',
              target_type: 'idea',
              target_id: 'ide_1',
              target: { id: 'ide_1', title: 'Thermal camera' },
              importance: 'important',
              created_at: 1,
            },
          ],
        }),
        feedback('cfb_2', 'Unrelated'),
      ]),
      'GET /products/p-x2/customers': page([nordic]),
      'POST /ideas/ide_1/votes': {
        status: 201,
        body: { id: 'ivt_9', idea_id: 'ide_1', user: { id: 'u-erin', name: 'Erin' }, customer: null, created_at: 1, idea: voted },
      },
      'DELETE /idea-votes/ivt_9': { status: 204 },
    });
    const { user } = renderApp('/products/p-x2/ideas/ide_1');
    expect(await screen.findByRole('heading', { name: 'Thermal camera', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('search').tagName).toBe('STRONG');
    expect(await screen.findByText('Need night images')).toBeInTheDocument();
    expect(screen.queryByText('Unrelated')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Decide' })).not.toBeInTheDocument();
    expect(screen.queryByText('Revenue at stake')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Vote' }));
    expect(await screen.findByText('You voted for this idea.')).toBeInTheDocument();
    expect(screen.getByTestId('idea-votes')).toHaveTextContent('2');
    expect(api.callsTo('POST', '/ideas/ide_1/votes')[0].body).toEqual({});
    await user.click(screen.getByRole('button', { name: 'Take back my vote' }));
    expect(await screen.findByRole('button', { name: 'Vote' })).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/idea-votes/ivt_9')).toHaveLength(1);
    expect(window.localStorage.length).toBe(0);
  });

  it('takes back a vote cast elsewhere by the idea’s my_vote_id', async () => {
    const voted = idea('ide_1', 'Thermal camera', { votes: 3, voted: true, my_vote_id: 'ivt_other' });
    const api = mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /ideas/ide_1': [{ body: voted }, { body: { ...voted, votes: 2, voted: false, my_vote_id: null } }],
      'GET /products/p-x2/feedback': page([]),
      'GET /products/p-x2/customers': page([]),
      'DELETE /idea-votes/ivt_other': { status: 204 },
    });
    const { user } = renderApp('/products/p-x2/ideas/ide_1');
    expect(await screen.findByText('You voted for this idea.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Take back my vote' }));
    expect(await screen.findByText('Your vote is taken back.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/idea-votes/ivt_other')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Vote' })).toBeInTheDocument();
    expect(screen.getByTestId('idea-votes')).toHaveTextContent('2');
  });

  it('offers no take-back when the reader has not voted, though others have', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /ideas/ide_1': { body: idea('ide_1', 'Thermal camera', { votes: 4 }) },
      'GET /products/p-x2/feedback': page([]),
      'GET /products/p-x2/customers': page([]),
    });
    renderApp('/products/p-x2/ideas/ide_1');
    expect(await screen.findByRole('button', { name: 'Vote' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Take back my vote' })).not.toBeInTheDocument();
  });

  it('lets the PM decline an idea with a reason and record a customer vote', async () => {
    const base = idea('ide_1', 'Thermal camera', { version: 4 });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /ideas/ide_1': { body: base },
      'GET /products/p-x2/feedback': page([]),
      'GET /products/p-x2/customers': page([nordic]),
      'PATCH /ideas/ide_1': { body: { ...base, status: 'declined', decline_reason: 'Not our segment', version: 5 } },
      'POST /ideas/ide_1/votes': {
        status: 201,
        body: {
          id: 'ivt_c',
          idea_id: 'ide_1',
          user: { id: 'u-alice', name: 'Alice' },
          customer: { id: 'cus_1', name: nordic.name },
          created_at: 1,
          idea: { ...base, customer_votes: 1 },
        },
      },
    });
    const { user } = renderApp('/products/p-x2/ideas/ide_1');
    const form = await screen.findByRole('form', { name: 'Decide' });
    await user.selectOptions(within(form).getByLabelText('Status'), 'declined');
    await user.type(within(form).getByLabelText('Reason for declining'), 'Not our segment');
    await user.click(within(form).getByRole('button', { name: 'Save decision' }));
    expect(await screen.findByText('Declined: Not our segment')).toBeInTheDocument();
    const patch = api.callsTo('PATCH', '/ideas/ide_1')[0];
    expect(patch.body).toEqual({ status: 'declined', decline_reason: 'Not our segment', item_id: null });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"4"');

    await user.selectOptions(screen.getByLabelText('On behalf of'), 'cus_1');
    await user.click(screen.getByRole('button', { name: 'Record customer vote' }));
    expect(await screen.findByText('The customer’s vote is counted.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/ideas/ide_1/votes')[0].body).toEqual({ customer_id: 'cus_1' });
    expect(within(screen.getByRole('list', { name: 'Customer votes you recorded' })).getByText(/Nordic Grid/)).toBeInTheDocument();
  });
});
