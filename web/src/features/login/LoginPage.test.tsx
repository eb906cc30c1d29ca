import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, bobMe } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

async function fillAndSubmit(
  user: ReturnType<typeof renderApp>['user'],
  email: string,
  password: string,
) {
  await user.type(screen.getByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('logs in and navigates to the home from /me', async () => {
    const api = mockApi({
      'POST /auth/login': { body: { token: 't', expires_at: '2030-01-01T00:00:00Z', user: aliceMe.user } },
      'GET /me': { body: aliceMe },
    });
    const { user, location } = renderApp('/login');

    await fillAndSubmit(user, 'alice@skylift.example', 'demo');

    expect(await screen.findByRole('heading', { level: 1, name: 'Strategy' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-x2/strategy');
    const [login] = api.callsTo('POST', '/auth/login');
    expect(login.body).toEqual({ email: 'alice@skylift.example', password: 'demo' });
    expect(login.init?.credentials).toBe('same-origin');
    expect(api.callsTo('GET', '/me')[0].init?.credentials).toBe('same-origin');
  });

  it('sends a product owner to the backlog', async () => {
    mockApi({
      'POST /auth/login': { body: { token: 't', expires_at: 'x', user: bobMe.user } },
      'GET /me': { body: bobMe },
    });
    const { user, location } = renderApp('/login');
    await fillAndSubmit(user, 'bob@skylift.example', 'demo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Backlog' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-x2/backlog');
  });

  it("shows the server's message for a wrong password and stays on /login", async () => {
    const api = mockApi({
      'POST /auth/login': apiError(401, 'unauthenticated', 'wrong email or password'),
    });
    const { user, location } = renderApp('/login');

    await fillAndSubmit(user, 'alice@skylift.example', 'nope');

    expect(await screen.findByRole('alert')).toHaveTextContent('wrong email or password');
    expect(location()).toBe('/login');
    expect(api.callsTo('GET', '/me')).toHaveLength(0);
    // The form is usable again.
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('shows the wait time when rate limited (429 + Retry-After)', async () => {
    mockApi({
      'POST /auth/login': {
        ...apiError(429, 'rate_limited', 'too many failed logins'),
        headers: { 'Retry-After': '42' },
      },
    });
    const { user } = renderApp('/login');

    await fillAndSubmit(user, 'alice@skylift.example', 'nope');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts, try again in 42 seconds',
    );
  });

  it('returns to the page that required a login', async () => {
    mockApi({
      'GET /me': [apiError(401, 'unauthenticated', 'not logged in'), { body: aliceMe }],
      'POST /auth/login': { body: { token: 't', expires_at: 'x', user: aliceMe.user } },
    });
    const { user, location } = renderApp('/products/p-ai/board');
    await waitFor(() => expect(location()).toBe('/login'));

    await fillAndSubmit(user, 'alice@skylift.example', 'demo');

    expect(await screen.findByRole('heading', { level: 1, name: 'Board' })).toBeInTheDocument();
    expect(location()).toBe('/products/p-ai/board');
  });
});
