import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, bobMe, productX2 } from '../../test/fixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { joinNames, otherActors } from './LiveEvents';

describe('live events in the app', () => {
  it('opens one stream after sign-in and shows Live, then Reconnecting… when it drops', async () => {
    const ES = installFakeEventSource();
    mockApi({ 'GET /me': { body: bobMe }, 'GET /products/p-x2': { body: productX2 } });
    renderApp('/products/p-x2/overview');
    await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' });

    expect(ES.instances).toHaveLength(1);
    expect(screen.getByText('Connecting…')).toBeInTheDocument();
    act(() => ES.latest().open());
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByText('Live updates: on')).toHaveClass('visually-hidden');

    act(() => ES.latest().drop());
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
    act(() => ES.latest().open());
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(ES.instances).toHaveLength(1);
  });

  it('signs out, as for a 401, when the stream says the session has ended', async () => {
    const ES = installFakeEventSource();
    mockApi({ 'GET /me': { body: bobMe }, 'GET /products/p-x2': { body: productX2 } });
    const { location } = renderApp('/products/p-x2/overview');
    await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' });
    act(() => ES.latest().open());

    act(() =>
      ES.latest().send('error', { error: { code: 'unauthenticated', message: 'session ended' } }),
    );

    await waitFor(() => expect(location()).toBe('/login'));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(ES.latest().closed).toBe(true);
    expect(ES.instances).toHaveLength(1);
  });

  it('closes the stream on log-out', async () => {
    const ES = installFakeEventSource();
    mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'POST /auth/logout': { status: 204 },
    });
    const { user, location } = renderApp('/products/p-x2/overview');
    await user.click(await screen.findByRole('button', { name: 'Alice Moreau' }));
    await user.click(screen.getByRole('button', { name: 'Log out' }));
    await waitFor(() => expect(location()).toBe('/login'));
    expect(ES.latest().closed).toBe(true);
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });

  it('shows no indicator where the browser has no EventSource', async () => {
    mockApi({ 'GET /me': { body: bobMe }, 'GET /products/p-x2': { body: productX2 } });
    renderApp('/products/p-x2/overview');
    await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' });
    expect(screen.queryByText(/Live|Connecting|Reconnecting/)).not.toBeInTheDocument();
  });

  it('updates the product switcher when a product is renamed', async () => {
    const ES = installFakeEventSource();
    const renamed = {
      ...aliceMe,
      products: aliceMe.products.map((p) => (p.id === 'p-x2' ? { ...p, name: 'SkyLift X3' } : p)),
    };
    const api = mockApi({
      'GET /me': [{ body: aliceMe }, { body: renamed }],
      'GET /products/p-x2': { body: productX2 },
    });
    renderApp('/products/p-x2/strategy');
    const select = await screen.findByRole('combobox', { name: 'Product' });
    act(() => ES.latest().open());
    // Not about products, roles or me: no refetch.
    act(() => ES.latest().change(changeEvent({ entity_type: 'user', entity_id: 'u-carol', product_id: null })));
    act(() => ES.latest().change(changeEvent({ changes: { name: { before: 'SkyLift X2', after: 'SkyLift X3' } } })));

    expect(await screen.findByRole('option', { name: 'X2 — SkyLift X3' })).toBeInTheDocument();
    expect(select).toHaveValue('p-x2');
    expect(api.callsTo('GET', '/me')).toHaveLength(2);
  });

  it('names the other people behind a batch', () => {
    const events = [
      changeEvent({ actor: { id: 'u-bob', name: 'Bob Chen' } }),
      changeEvent({ actor: { id: 'u-alice', name: 'Alice Moreau' } }),
      changeEvent({ actor: { id: 'u-bob', name: 'Bob Chen' } }),
      changeEvent({ actor: { id: 'u-carol', name: 'Carol Diaz' } }),
      changeEvent({ actor: null }),
    ];
    expect(joinNames(otherActors(events, 'u-alice'))).toBe('Bob Chen and Carol Diaz');
    expect(joinNames(otherActors(events, 'u-x'))).toBe('Bob Chen, Alice Moreau and Carol Diaz');
    expect(joinNames(otherActors(events.slice(1, 2), 'u-alice'))).toBe('');
  });
});
