import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe } from '../../test/fixtures';
import { aerovolt, comparison, competitor, skyhawk } from '../../test/marketFixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe, erinMe } from '../../test/voiceFixtures';

const lists = {
  'GET /products/p-x2/competitors': page([aerovolt, skyhawk]),
  'GET /products/p-x2/comparison': { body: comparison },
};

function rowOf(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

describe('MarketPage: competitors', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists competitors with threat, positioning, pricing and their comparison counts; tabs switch by ?tab=', async () => {
    mockApi({ 'GET /me': { body: daveMe }, ...lists });
    const { location } = renderApp('/products/p-x2/market');
    expect(await screen.findByRole('heading', { level: 1, name: 'Market' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Market' });
    expect(within(nav).getByRole('link', { name: 'Competitors' })).toHaveAttribute('aria-current', 'page');
    const row = await waitFor(() => rowOf('AeroVolt'));
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Market' })).toHaveAttribute(
      'href',
      '/products/p-x2/market',
    );
    expect(row).toHaveTextContent('High threat');
    expect(row).toHaveTextContent('Heavy-lift inspection drones for utilities');
    expect(row).toHaveTextContent('from 12,000 EUR per airframe');
    await waitFor(() => expect(row).toHaveTextContent('edge 1 · gap 2'));
    expect(row).toHaveTextContent('has 1 · partial 0 · missing 1 · better 1 · unknown 0');
    expect(rowOf('SkyHawk')).toHaveTextContent('Low threat');
    expect(screen.getByRole('link', { name: 'AeroVolt' })).toHaveAttribute('href', '/products/p-x2/market/competitors/cmp_1');
    // A team member reads; only the PM writes.
    expect(screen.queryByRole('button', { name: 'New competitor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit|^Delete/ })).not.toBeInTheDocument();

    fireEvent.click(within(nav).getByRole('link', { name: 'Comparison matrix' }));
    expect(location()).toBe('/products/p-x2/market?tab=matrix');
    expect(await screen.findByRole('table', { name: 'Feature comparison' })).toBeInTheDocument();
  });

  it('filters by threat', async () => {
    const api = mockApi({
      'GET /me': { body: daveMe },
      ...lists,
      'GET /products/p-x2/competitors?threat=high': page([aerovolt]),
    });
    renderApp('/products/p-x2/market');
    await screen.findByRole('link', { name: 'SkyHawk' });
    fireEvent.change(screen.getByLabelText('Threat'), { target: { value: 'high' } });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'SkyHawk' })).not.toBeInTheDocument());
    expect(api.calls.some((c) => c.path === '/products/p-x2/competitors' && c.search.get('threat') === 'high')).toBe(true);
  });

  it('lets the PM add a competitor with strengths and links, showing 422 details next to their fields', async () => {
    const created = competitor('cmp_3', 'Rotorix', { strengths: ['Cheap'], links: [{ title: 'Site', url: 'https://rotorix.example' }] });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/competitors': [page([aerovolt, skyhawk]), page([aerovolt, created, skyhawk])],
      'GET /products/p-x2/comparison': { body: comparison },
      'POST /products/p-x2/competitors': [
        apiError(422, 'validation_failed', 'invalid competitor', [
          { field: 'website', issue: 'must be an http:// or https:// URL' },
          { field: 'links.0.url', issue: 'must be an http:// or https:// URL' },
        ]),
        { status: 201, body: created },
      ],
    });
    renderApp('/products/p-x2/market');
    fireEvent.click(await screen.findByRole('button', { name: 'New competitor' }));
    const form = screen.getByRole('form', { name: 'New competitor' });
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Rotorix' } });
    fireEvent.change(within(form).getByLabelText(/^Website/), { target: { value: 'ftp://rotorix' } });
    fireEvent.change(within(form).getByLabelText('Threat'), { target: { value: 'low' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add strength' }));
    fireEvent.change(within(form).getByLabelText('Strength 1'), { target: { value: 'Cheap' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add strength' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add weakness' }));
    fireEvent.change(within(form).getByLabelText('Weakness 1'), { target: { value: 'Small fleet' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Remove weakness 1' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add link' }));
    fireEvent.change(within(form).getByLabelText('Link 1 title'), { target: { value: 'Site' } });
    fireEvent.change(within(form).getByLabelText('Link 1 URL'), { target: { value: 'rotorix.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));

    const website = within(form).getByLabelText(/^Website/).closest('label')!;
    expect(await within(website).findByText('must be an http:// or https:// URL')).toBeInTheDocument();
    const linkEntry = within(form).getByLabelText('Link 1 URL').closest('li')!;
    expect(within(linkEntry).getByText(/must be an http:\/\/ or https:\/\/ URL/)).toBeInTheDocument();
    // The name has no issue: nothing under it.
    expect(within(form).getByLabelText(/^Name/).closest('label')!.querySelector('.field-error')).toBeNull();

    fireEvent.change(within(form).getByLabelText(/^Website/), { target: { value: 'https://rotorix.example' } });
    fireEvent.change(within(form).getByLabelText('Link 1 URL'), { target: { value: 'https://rotorix.example' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));
    expect(await screen.findByRole('link', { name: 'Rotorix' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New competitor' })).not.toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/competitors')[1].body).toEqual({
      name: 'Rotorix',
      website: 'https://rotorix.example',
      threat: 'low',
      positioning: '',
      pricing: '',
      strengths: ['Cheap'],
      weaknesses: [],
      links: [{ title: 'Site', url: 'https://rotorix.example' }],
      notes: '',
    });
  });

  it('lets the PM edit a competitor (If-Match) and delete one after confirming', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const api = mockApi({
      'GET /me': { body: aliceMe },
      ...lists,
      'PATCH /competitors/cmp_2': { body: { ...skyhawk, threat: 'medium', version: 2 } },
      'DELETE /competitors/cmp_1': { status: 204 },
    });
    renderApp('/products/p-x2/market');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit SkyHawk' }));
    const form = screen.getByRole('form', { name: 'Edit SkyHawk' });
    expect(within(form).getByLabelText(/^Name/)).toHaveValue('SkyHawk');
    fireEvent.change(within(form).getByLabelText('Threat'), { target: { value: 'medium' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save competitor' }));
    await waitFor(() => expect(rowOf('SkyHawk')).toHaveTextContent('Medium threat'));
    const patch = api.callsTo('PATCH', '/competitors/cmp_2')[0];
    expect(patch.body).toMatchObject({ threat: 'medium', name: 'SkyHawk' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');

    fireEvent.click(screen.getByRole('button', { name: 'Delete AeroVolt' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'AeroVolt' })).not.toBeInTheDocument());
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Delete AeroVolt?'));
    expect(api.callsTo('DELETE', '/competitors/cmp_1')).toHaveLength(1);
  });

  it('keeps a competitor when the PM cancels the confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    const api = mockApi({ 'GET /me': { body: aliceMe }, ...lists });
    renderApp('/products/p-x2/market');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete AeroVolt' }));
    expect(screen.getByRole('link', { name: 'AeroVolt' })).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/competitors/cmp_1')).toHaveLength(0);
  });

  it('tells a stakeholder the market is not theirs, without asking the server, and has no Market nav', async () => {
    const api = mockApi({ 'GET /me': { body: erinMe } });
    renderApp('/products/p-x2/market?tab=matrix');
    expect(await screen.findByText(/Market and competition are for the product's team/)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Market' })).not.toBeInTheDocument();
    expect(api.calls.filter((c) => /competitors|comparison|personas|market-notes/.test(c.path))).toHaveLength(0);
  });
});
