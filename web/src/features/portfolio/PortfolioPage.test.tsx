import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { aliceMe, productAI, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

describe('PortfolioPage', () => {
  it('lists my products with stage, PM and PO', async () => {
    const { roles: _omitted, ...aiWithoutRoles } = productAI;
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products': { body: { data: [productX2, aiWithoutRoles], next_cursor: null } },
      'GET /products/p-ai': { body: productAI },
    });
    renderApp('/portfolio');

    expect(await screen.findByRole('heading', { level: 1, name: 'Portfolio' })).toBeInTheDocument();
    const x2 = (await screen.findByRole('link', { name: 'SkyLift X2' })).closest('tr')!;
    expect(x2).toHaveTextContent('Development');
    expect(x2).toHaveTextContent('Alice Moreau');
    expect(x2).toHaveTextContent('Bob Chen');
    const ai = screen.getByRole('link', { name: 'SkyLift AI' }).closest('tr')!;
    expect(ai).toHaveTextContent('Conception');
    // A list entry without roles is completed from the product itself.
    expect(api.callsTo('GET', '/products/p-ai')).toHaveLength(1);
    expect(ai.querySelectorAll('td')[3]).toHaveTextContent('Alice Moreau');
    expect(ai.querySelectorAll('td')[4]).toHaveTextContent('Alice Moreau');
  });
});

describe('PortfolioPage, live', () => {
  it('shows a renamed product without a reload, and ignores unrelated changes', async () => {
    const ES = installFakeEventSource();
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products': { body: { data: [productX2, productAI], next_cursor: null } },
    });
    renderApp('/portfolio');
    await screen.findByRole('link', { name: 'SkyLift X2' });
    act(() => ES.latest().open());

    const x2 = { ...productX2, name: 'SkyLift X2 Pro', version: 4 };
    api.set('GET /products', { body: { data: [x2, productAI], next_cursor: null } });
    act(() => {
      ES.latest().change(changeEvent({ actor: { id: 'u-alice', name: 'Alice Moreau' } }));
      ES.latest().change(changeEvent({ entity_type: 'team', entity_id: 't-1' }));
    });

    expect(await screen.findByRole('link', { name: 'SkyLift X2 Pro' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'SkyLift X2' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/products')).toHaveLength(2);
  });
});
