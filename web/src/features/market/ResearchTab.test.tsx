import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe } from '../../test/fixtures';
import { aerovolt, ingrid, note, skyhawk } from '../../test/marketFixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe } from '../../test/voiceFixtures';

const url = '/products/p-x2/market?tab=research';

const battery = note('mkn_1', 'Cold-weather batteries', {
  kind: 'trend',
  body: 'Utilities fly **all winter** now.\n\n<script>alert(1)</script>',
  impact: 'high',
  competitor: { id: 'cmp_1', name: 'AeroVolt' },
  persona: { id: 'per_1', name: 'Ingrid the inspector' },
  tags: ['battery', 'winter'],
  sources: [{ title: 'Analyst report', url: 'https://analyst.example/r1' }],
});
const choices = {
  'GET /products/p-x2/competitors': page([aerovolt, skyhawk]),
  'GET /products/p-x2/personas': page([ingrid]),
};

describe('MarketPage: research', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists notes with the Markdown body rendered, sources as links, and no edit controls for the team', async () => {
    mockApi({
      'GET /me': { body: daveMe },
      ...choices,
      'GET /products/p-x2/market-notes': { body: { data: [battery], next_cursor: null } },
    });
    renderApp(url);
    const card = await screen.findByRole('article', { name: 'Cold-weather batteries' });
    expect(card).toHaveTextContent('2026-11-02 · Trend · High impact');
    expect(within(card).getByText('all winter').tagName).toBe('STRONG');
    expect(card.querySelector('script')).toBeNull();
    expect(card).toHaveTextContent('<script>alert(1)</script>');
    expect(within(card).getByRole('link', { name: 'AeroVolt' })).toHaveAttribute('href', '/products/p-x2/market/competitors/cmp_1');
    expect(card).toHaveTextContent('persona Ingrid the inspector');
    expect(within(card).getByText('battery')).toBeInTheDocument();
    const source = within(card).getByRole('link', { name: 'Analyst report' });
    expect(source).toHaveAttribute('href', 'https://analyst.example/r1');
    expect(source).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.queryByRole('button', { name: 'New note' })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });

  it('filters by kind, competitor, persona, tag and text', async () => {
    const api = mockApi({
      'GET /me': { body: daveMe },
      ...choices,
      'GET /products/p-x2/market-notes': { body: { data: [battery], next_cursor: null } },
    });
    renderApp(url);
    await screen.findByRole('article', { name: 'Cold-weather batteries' });
    const filters = screen.getByRole('search', { name: 'Filter notes' });
    fireEvent.change(within(filters).getByLabelText('Kind'), { target: { value: 'news' } });
    await within(filters).findByRole('option', { name: 'SkyHawk' });
    fireEvent.change(within(filters).getByLabelText('Competitor'), { target: { value: 'cmp_2' } });
    fireEvent.change(within(filters).getByLabelText('Persona'), { target: { value: 'per_1' } });
    fireEvent.change(within(filters).getByLabelText('Tag'), { target: { value: 'Winter' } });
    fireEvent.change(within(filters).getByLabelText('Text'), { target: { value: 'cold' } });
    await waitFor(() => {
      const last = api.callsTo('GET', '/products/p-x2/market-notes').at(-1)!;
      expect(Object.fromEntries(last.search)).toEqual({
        kind: 'news',
        competitor: 'cmp_2',
        persona: 'per_1',
        tag: 'winter',
        q: 'cold',
        limit: '50',
      });
    });
  });

  it('pages with next_cursor: "Load more" appends the next page', async () => {
    const api = mockApi({
      'GET /me': { body: daveMe },
      ...choices,
      'GET /products/p-x2/market-notes': { body: { data: [battery], next_cursor: 'c2' } },
      'GET /products/p-x2/market-notes?limit=50&cursor=c2': {
        body: { data: [note('mkn_2', 'Older note')], next_cursor: null },
      },
    });
    renderApp(url);
    await screen.findByRole('article', { name: 'Cold-weather batteries' });
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('article', { name: 'Older note' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Cold-weather batteries' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.search.get('cursor') === 'c2')).toHaveLength(1);
  });

  it('lets the PM write a note with tags and sources, showing a 422 under the source named', async () => {
    const created = note('mkn_3', 'EU drone rules', { kind: 'news', tags: ['regulation'] });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      ...choices,
      'GET /products/p-x2/market-notes': [
        { body: { data: [battery], next_cursor: null } },
        { body: { data: [created, battery], next_cursor: null } },
      ],
      'POST /products/p-x2/market-notes': [
        apiError(422, 'validation_failed', 'invalid note', [{ field: 'sources.0.url', issue: 'must be an http:// or https:// URL' }]),
        { status: 201, body: created },
      ],
    });
    renderApp(url);
    fireEvent.click(await screen.findByRole('button', { name: 'New note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    fireEvent.change(within(form).getByLabelText(/^Title/), { target: { value: 'EU drone rules' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'news' } });
    fireEvent.change(within(form).getByLabelText(/^Date/), { target: { value: '2026-11-20' } });
    fireEvent.change(within(form).getByLabelText('Impact'), { target: { value: 'medium' } });
    await within(form).findByRole('option', { name: 'AeroVolt' });
    fireEvent.change(within(form).getByLabelText('Competitor'), { target: { value: 'cmp_1' } });
    fireEvent.change(within(form).getByLabelText(/^Tags/), { target: { value: 'Regulation, EU, regulation' } });
    fireEvent.change(within(form).getByLabelText(/^Body/), { target: { value: '# Rules' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add source' }));
    fireEvent.change(within(form).getByLabelText('Source 1 title'), { target: { value: 'EASA' } });
    fireEvent.change(within(form).getByLabelText('Source 1 URL'), { target: { value: 'easa.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));

    const entry = within(form).getByLabelText('Source 1 URL').closest('li')!;
    expect(await within(entry).findByText(/must be an http:\/\/ or https:\/\/ URL/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/market-notes')[0].body).toEqual({
      title: 'EU drone rules',
      kind: 'news',
      date: '2026-11-20',
      impact: 'medium',
      competitor_id: 'cmp_1',
      persona_id: null,
      tags: ['regulation', 'eu'],
      body: '# Rules',
      sources: [{ title: 'EASA', url: 'easa.example' }],
    });

    fireEvent.change(within(form).getByLabelText('Source 1 URL'), { target: { value: 'https://easa.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    expect(await screen.findByRole('article', { name: 'EU drone rules' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New note' })).not.toBeInTheDocument();
  });

  it('shows a 422 on tags under the Tags field', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      ...choices,
      'GET /products/p-x2/market-notes': { body: { data: [], next_cursor: null } },
      'POST /products/p-x2/market-notes': apiError(422, 'validation_failed', 'invalid note', [
        { field: 'tags.0', issue: 'must be 1–40 characters' },
      ]),
    });
    renderApp(url);
    expect(await screen.findByText('No notes yet.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'New note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    fireEvent.change(within(form).getByLabelText(/^Title/), { target: { value: 'T' } });
    fireEvent.change(within(form).getByLabelText(/^Tags/), { target: { value: 'a'.repeat(41) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    const tags = within(form).getByLabelText(/^Tags/).closest('label')!;
    expect(await within(tags).findByText('entry 1: must be 1–40 characters')).toBeInTheDocument();
  });
});
