import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aliceMe } from '../../test/fixtures';
import { aerovolt, note } from '../../test/marketFixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe } from '../../test/voiceFixtures';

const one = { ...aerovolt, comparison: { has: 1, partial: 0, missing: 1, better: 1, unknown: 0 }, notes_count: 1 };
const notes = {
  body: {
    data: [note('mkn_1', 'AeroVolt cuts prices', { kind: 'news', body: 'A _new_ price list.', competitor: { id: 'cmp_1', name: 'AeroVolt' } })],
    next_cursor: null,
  },
};
const url = '/products/p-x2/market/competitors/cmp_1';

describe('CompetitorPage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the competitor, its comparison summary and the notes about it; a team member cannot edit', async () => {
    const api = mockApi({
      'GET /me': { body: daveMe },
      'GET /competitors/cmp_1': { body: one },
      'GET /products/p-x2/market-notes': notes,
    });
    renderApp(url);
    expect(await screen.findByRole('heading', { level: 1, name: 'AeroVolt' })).toBeInTheDocument();
    expect(screen.getByText('High threat')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://aerovolt.example' })).toHaveAttribute('href', 'https://aerovolt.example');
    expect(screen.getByText('from 12,000 EUR per airframe')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Strengths' })).toHaveTextContent('Dealer network');
    expect(screen.getByRole('list', { name: 'Weaknesses' })).toHaveTextContent('Short flight time');
    expect(screen.getByRole('link', { name: 'Price list' })).toHaveAttribute('href', 'https://aerovolt.example/prices');
    expect(screen.getByTestId('competitor-comparison')).toHaveTextContent('has 1 · partial 0 · missing 1 · better 1 · unknown 0');
    expect(screen.getByRole('heading', { name: 'Notes about AeroVolt (1)' })).toBeInTheDocument();
    const card = await screen.findByRole('article', { name: 'AeroVolt cuts prices' });
    expect(within(card).getByText('new').tagName).toBe('EM');
    expect(api.callsTo('GET', '/products/p-x2/market-notes')[0].search.get('competitor')).toBe('cmp_1');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
  });

  it('lets the PM edit it (a 409 shows under the name, a 422 under the strength named) and delete it after confirming', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /competitors/cmp_1': { body: one },
      'GET /products/p-x2/market-notes': notes,
      'GET /products/p-x2/competitors': { body: { data: [], next_cursor: null } },
      'GET /products/p-x2/comparison': { body: { competitors: [], rows: [], summary: [] } },
      'PATCH /competitors/cmp_1': [
        apiError(409, 'conflict', 'a competitor of that name exists'),
        apiError(422, 'validation_failed', 'invalid competitor', [{ field: 'strengths.0', issue: 'must be 1–500 characters' }]),
        { body: { ...aerovolt, pricing: 'from 9,900 EUR', version: 2 } },
      ],
      'DELETE /competitors/cmp_1': { status: 204 },
    });
    const { location } = renderApp(url);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit competitor' });
    expect(within(form).getByLabelText('Strength 1')).toHaveValue('Dealer network');
    fireEvent.change(within(form).getByLabelText(/^Pricing/), { target: { value: 'from 9,900 EUR' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));
    const name = within(form).getByLabelText(/^Name/).closest('label')!;
    expect(await within(name).findByText('a competitor of that name exists')).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));
    expect(await within(within(form).getByLabelText('Strength 1').closest('li')!).findByText(/must be 1–500 characters/)).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));
    expect(await screen.findByText('from 9,900 EUR')).toBeInTheDocument();
    // The summary from GET one stays after the PATCH (which answers without it).
    expect(screen.getByTestId('competitor-comparison')).toHaveTextContent('better 1');
    expect((api.callsTo('PATCH', '/competitors/cmp_1')[2].init?.headers as Record<string, string>)['If-Match']).toBe('"1"');

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(location()).toBe('/products/p-x2/market'));
    expect(confirm).toHaveBeenCalled();
    expect(api.callsTo('DELETE', '/competitors/cmp_1')).toHaveLength(1);
  });
});
