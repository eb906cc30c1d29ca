import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe } from '../../test/fixtures';
import { ingrid, persona } from '../../test/marketFixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe, feedback } from '../../test/voiceFixtures';

const url = '/products/p-x2/market?tab=personas';

describe('MarketPage: personas', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows a card per persona with goals, pains, the quote and links to its items and feedback', async () => {
    mockApi({ 'GET /me': { body: daveMe }, 'GET /products/p-x2/personas': page([ingrid]) });
    renderApp(url);
    const card = await screen.findByRole('article', { name: 'Ingrid the inspector' });
    expect(within(card).getByRole('heading', { name: 'Ingrid the inspector' })).toBeInTheDocument();
    expect(card).toHaveTextContent('Line inspection pilot · Energy utilities');
    expect(within(card).getByRole('list', { name: 'Goals of Ingrid the inspector' })).toHaveTextContent('Inspect 40 km of line a day');
    expect(within(card).getByRole('list', { name: 'Pains of Ingrid the inspector' })).toHaveTextContent('Batteries die in the cold');
    expect(card).toHaveTextContent('“I lose an hour a day changing batteries.”');
    expect(within(card).getByRole('link', { name: 'X2-12 Hot-swap battery' })).toHaveAttribute('href', '/products/p-x2/items/X2-12');
    expect(within(card).getByRole('link', { name: /Feedback: Pilots want to swap/ })).toHaveAttribute('href', '/products/p-x2/feedback');
    // A team member sees no edit controls.
    expect(screen.queryByRole('button', { name: 'New persona' })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets the PM create a persona with goals and links, showing a 422 next to the entry named', async () => {
    const created = persona('per_2', 'Fred the fleet manager', { goals: ['Fewer airframes'] });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/personas': [page([ingrid]), page([created, ingrid])],
      'GET /products/p-x2/feedback': page([feedback('fbk_7', 'Fleet managers need a usage report')]),
      'POST /products/p-x2/personas': [
        apiError(422, 'validation_failed', 'invalid persona', [
          { field: 'links.0.id', issue: 'must be an item of the product' },
          { field: 'goals.1', issue: 'must be 1–500 characters' },
        ]),
        { status: 201, body: created },
      ],
    });
    renderApp(url);
    fireEvent.click(await screen.findByRole('button', { name: 'New persona' }));
    const form = screen.getByRole('form', { name: 'New persona' });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Fred the fleet manager' } });
    fireEvent.change(within(form).getByLabelText(/^Segment/), { target: { value: 'Utilities' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add goal' }));
    fireEvent.change(within(form).getByLabelText('Goal 1'), { target: { value: 'Fewer airframes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add goal' }));
    fireEvent.change(within(form).getByLabelText('Goal 2'), { target: { value: 'x' } });
    fireEvent.change(within(form).getByLabelText('Item key'), { target: { value: 'X2-99' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add link' }));
    fireEvent.change(within(form).getByLabelText('Link type'), { target: { value: 'feedback' } });
    const fb = await within(form).findByRole('option', { name: 'Fleet managers need a usage report' });
    fireEvent.change(within(form).getByLabelText('Feedback to link'), { target: { value: (fb as HTMLOptionElement).value } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add link' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save persona' }));

    const firstLink = within(within(form).getByRole('list', { name: 'Links' })).getAllByRole('listitem')[0];
    expect(await within(firstLink).findByText('must be an item of the product')).toBeInTheDocument();
    expect(within(form).getByLabelText('Goal 2').closest('li')).toHaveTextContent('must be 1–500 characters');
    expect(within(form).getByLabelText('Goal 1').closest('li')!.querySelector('.field-error')).toBeNull();
    expect(api.callsTo('POST', '/products/p-x2/personas')[0].body).toMatchObject({
      name: 'Fred the fleet manager',
      segment: 'Utilities',
      goals: ['Fewer airframes', 'x'],
      pains: [],
      links: [
        { type: 'item', id: 'X2-99' },
        { type: 'feedback', id: 'fbk_7' },
      ],
    });

    fireEvent.click(within(form).getByRole('button', { name: 'Remove link X2-99' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Remove goal 2' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save persona' }));
    expect(await screen.findByRole('article', { name: 'Fred the fleet manager' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/personas')[1].body).toMatchObject({
      goals: ['Fewer airframes'],
      links: [{ type: 'feedback', id: 'fbk_7' }],
    });
  });

  it('lets the PM edit a persona, keeping item links by key, and delete one after confirming', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/personas': page([ingrid]),
      'PATCH /personas/per_1': { body: { ...ingrid, quote: 'Less landing.', version: 2 } },
      'DELETE /personas/per_1': { status: 204 },
    });
    renderApp(url);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Ingrid the inspector' }));
    const form = screen.getByRole('form', { name: 'Edit Ingrid the inspector' });
    fireEvent.change(within(form).getByLabelText(/^Quote/), { target: { value: 'Less landing.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save persona' }));
    expect(await screen.findByText('“Less landing.”')).toBeInTheDocument();
    const patch = api.callsTo('PATCH', '/personas/per_1')[0];
    expect(patch.body).toMatchObject({
      quote: 'Less landing.',
      links: [
        { type: 'item', id: 'X2-12' },
        { type: 'feedback', id: 'fbk_1' },
      ],
    });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Ingrid the inspector' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Ingrid the inspector' })).not.toBeInTheDocument());
    expect(api.callsTo('DELETE', '/personas/per_1')).toHaveLength(1);
  });
});
