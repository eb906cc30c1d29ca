import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me } from '../../api/types';
import { adminMe, aliceMe, bob, bobMe, meFor, myProduct, productX2 } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { homePath } from './homePath';

describe('home redirect from /', () => {
  it.each([
    ['a PM to Strategy', aliceMe, '/products/p-x2/strategy', 'Strategy'],
    ['a PO to Backlog', bobMe, '/products/p-x2/backlog', 'Backlog'],
    [
      'a Scrum Master to the sprints',
      meFor(bob, [myProduct(productX2, ['scrum_master'])], { product_id: 'p-x2', page: 'sprint' }),
      '/products/p-x2/sprints',
      'Sprints',
    ],
    [
      'a team member to Board',
      meFor(bob, [myProduct(productX2, ['team_member'])], { product_id: 'p-x2', page: 'board' }),
      '/products/p-x2/board',
      'Board',
    ],
  ] as [string, Me, string, string][])('sends %s', async (_label, me, path, heading) => {
    mockApi({ 'GET /me': { body: me } });
    const { location } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(location()).toBe(path);
  });

  it('sends an executive without a home product to the portfolio', async () => {
    mockApi({
      'GET /me': {
        body: meFor(bob, [myProduct(productX2, ['executive'])], { product_id: null, page: 'portfolio' }),
      },
      'GET /products': { body: { data: [productX2], next_cursor: null } },
    });
    const { location } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Portfolio' })).toBeInTheDocument();
    expect(location()).toBe('/portfolio');
  });

  it('sends a workspace admin to Administration', async () => {
    mockApi({
      'GET /me': { body: adminMe },
      'GET /users': { body: { data: [adminMe.user], next_cursor: null } },
      'GET /products': { body: { data: [], next_cursor: null } },
    });
    const { location } = renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(location()).toBe('/admin');
  });

  it('sends an anonymous visitor to /login', async () => {
    mockApi({ 'GET /me': apiError(401, 'unauthenticated', 'not logged in') });
    const { location } = renderApp('/');
    await waitFor(() => expect(location()).toBe('/login'));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it('shows an error with Retry when /me fails, and recovers', async () => {
    const api = mockApi({
      'GET /me': [apiError(503, 'unavailable', 'database is busy'), { body: bobMe }],
    });
    const { user, location } = renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('database is busy');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Backlog' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-x2/backlog');
    expect(api.callsTo('GET', '/me')).toHaveLength(2);
  });

  it('homePath maps each home', () => {
    expect(homePath({ products: [], home: { product_id: 'a b', page: 'overview' } })).toBe(
      '/products/a%20b/overview',
    );
    expect(homePath({ products: [], home: { product_id: null, page: 'strategy' } })).toBe('/portfolio');
    expect(homePath({ products: [], home: { product_id: 'p', page: 'admin' } })).toBe('/admin');
  });
});
