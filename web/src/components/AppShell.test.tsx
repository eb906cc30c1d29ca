import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { adminMe, aliceMe, bobMe } from '../test/fixtures';
import { mockApi } from '../test/mockApi';
import { renderApp } from '../test/renderApp';
import { erinMe } from '../test/voiceFixtures';

describe('AppShell', () => {
  it('lists my products in the switcher and switching keeps the page kind', async () => {
    mockApi({ 'GET /me': { body: aliceMe } });
    const { user, location } = renderApp('/products/p-x2/backlog');

    const select = await screen.findByRole('combobox', { name: 'Product' });
    const options = within(select).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['X2 — SkyLift X2', 'AI — SkyLift AI']);
    expect(select).toHaveValue('p-x2');

    await user.selectOptions(select, 'AI — SkyLift AI');

    expect(location()).toBe('/products/p-ai/backlog');
    expect(screen.getByRole('combobox', { name: 'Product' })).toHaveValue('p-ai');
    expect(screen.getByRole('heading', { level: 1, name: 'Backlog' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Strategy' })).toHaveAttribute(
      'href',
      '/products/p-ai/strategy',
    );
  });

  it('shows product nav links and Portfolio, but Admin only to admins', async () => {
    mockApi({ 'GET /me': { body: bobMe } });
    renderApp('/products/p-x2/strategy');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const names = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(names).toEqual([
      'Strategy',
      'Backlog',
      'Prioritisation',
      'Sprints',
      'Board',
      'Overview',
      'History',
      'Settings',
      'Releases',
      'Roadmap',
      // Customer voice, stakeholders and decisions.
      'Feedback',
      'Ideas',
      'Stakeholders',
      'Market',
      'Decisions',
      'Portfolio',
    ]);
    expect(within(nav).getByRole('link', { name: 'Strategy' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Sprints' })).toHaveAttribute('href', '/products/p-x2/sprints');
  });

  it('shows the Admin link to a workspace admin', async () => {
    mockApi({
      'GET /me': { body: adminMe },
      'GET /products': { body: { data: [], next_cursor: null } },
    });
    renderApp('/portfolio');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin');
    expect(screen.getByRole('combobox', { name: 'Product' })).toBeDisabled();
  });

  it('user menu shows email and roles in the current product, and logs out', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'POST /auth/logout': { status: 204 },
    });
    const { user, location } = renderApp('/products/p-ai/strategy');

    const button = await screen.findByRole('button', { name: 'Alice Moreau' });
    expect(screen.queryByText('alice@skylift.example')).not.toBeInTheDocument();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('alice@skylift.example')).toBeInTheDocument();
    expect(screen.getByText('Product Manager')).toBeInTheDocument();
    expect(screen.getByText('Product Owner')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Log out' }));

    await waitFor(() => expect(location()).toBe('/login'));
    expect(api.callsTo('POST', '/auth/logout')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Alice Moreau' })).not.toBeInTheDocument();
  });

  it('after logout, visiting a page goes back to /login', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      'POST /auth/logout': { status: 204 },
    });
    const { user, location } = renderApp('/products/p-x2/board');
    await user.click(await screen.findByRole('button', { name: 'Alice Moreau' }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(location()).toBe('/login'));
    // Nothing of the previous session remains reachable in the SPA.
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('after logout, the next user lands on their own home, not the previous page', async () => {
    const api = mockApi({
      'GET /me': [{ body: aliceMe }, { body: bobMe }],
      'POST /auth/logout': { status: 204 },
      'POST /auth/login': { body: { token: 't', expires_at: 'x', user: bobMe.user } },
    });
    const { user, location } = renderApp('/products/p-ai/strategy');
    await user.click(await screen.findByRole('button', { name: 'Alice Moreau' }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(location()).toBe('/login'));

    await user.type(screen.getByLabelText('Email'), 'bob@skylift.example');
    await user.type(screen.getByLabelText('Password'), 'demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Backlog' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-x2/backlog');
    expect(api.callsTo('GET', '/me')).toHaveLength(2);
  });

  it('shows placeholders for pages built later, with no fake content', async () => {
    mockApi({ 'GET /me': { body: aliceMe } });
    renderApp('/products/p-x2/strategy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Strategy' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows not found for an unknown page kind', async () => {
    mockApi({ 'GET /me': { body: aliceMe } });
    renderApp('/products/p-x2/nonsense');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  // Customer voice, stakeholders and decisions.
  it('shows the voice entries by role: no Stakeholders for a stakeholder', async () => {
    mockApi({ 'GET /me': { body: erinMe } });
    renderApp('/products/p-x2/nonsense');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Feedback' })).toHaveAttribute('href', '/products/p-x2/feedback');
    expect(within(nav).getByRole('link', { name: 'Ideas' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Decisions' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Stakeholders' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Market' })).not.toBeInTheDocument();
  });
});
