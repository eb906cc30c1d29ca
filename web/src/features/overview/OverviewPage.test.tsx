import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, productAI, productX2 } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('OverviewPage', () => {
  it('shows key, stage, description, roles and the warnings prominently', async () => {
    mockApi({ 'GET /me': { body: aliceMe }, 'GET /products/p-ai': { body: productAI } });
    renderApp('/products/p-ai/overview');

    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift AI' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Alice Moreau is both Product Manager and Product Owner of SkyLift AI.',
    );
    expect(screen.getByText('AI')).toBeInTheDocument();
    expect(screen.getByText('Conception')).toBeInTheDocument();
    expect(screen.getByText('AI-powered drones.')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').map((r) => r.textContent);
    expect(rows).toContain('Product ManagerAlice Moreau <alice@skylift.example>');
    expect(rows).toContain('Product OwnerAlice Moreau <alice@skylift.example>');
  });

  it('shows no warning box when there are no warnings', async () => {
    mockApi({ 'GET /me': { body: aliceMe }, 'GET /products/p-x2': { body: productX2 } });
    renderApp('/products/p-x2/overview');
    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' })).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows a loading state, then an error with Retry that reloads', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': [apiError(500, 'internal', 'the server broke'), { body: productX2 }],
    });
    const { user } = renderApp('/products/p-x2/overview');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('the server broke');
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/products/p-x2')).toHaveLength(2);
  });

  it('marks the loading state with aria-busy', async () => {
    let release: (() => void) | null = null;
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': () =>
        new Promise((resolve) => {
          release = () => resolve({ body: productX2 });
        }),
    });
    const { container } = renderApp('/products/p-x2/overview');
    await waitFor(() => expect(api.callsTo('GET', '/products/p-x2')).toHaveLength(1));
    expect(container.querySelector('main [aria-busy="true"]')).toHaveTextContent('Loading…');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    release!();
    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' })).toBeInTheDocument();
  });

  it('sends the user to /login on a 401', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': apiError(401, 'unauthenticated', 'session expired'),
    });
    const { location } = renderApp('/products/p-x2/overview');
    await waitFor(() => expect(location()).toBe('/login'));
  });
});
