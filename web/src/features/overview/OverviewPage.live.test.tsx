import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { Product } from '../../api/types';
import { aliceMe, bobMe, productX2 } from '../../test/fixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { UPDATED_NOTICE_MS } from './OverviewPage';

const alice = { id: 'u-alice', name: 'Alice Moreau' };
const bob = { id: 'u-bob', name: 'Bob Chen' };
const renamed: Product = { ...productX2, name: 'SkyLift X2 Pro', version: 4 };

/** The product page as Bob (PO, may not edit) or Alice (PM), stream open. */
async function openOverview(me = bobMe) {
  const ES = installFakeEventSource();
  const asSeen = { ...productX2, my_roles: me.products[0].my_roles };
  const api = mockApi({ 'GET /me': { body: me }, 'GET /products/p-x2': { body: asSeen } });
  const utils = renderApp('/products/p-x2/overview');
  await screen.findByRole('heading', { level: 1, name: 'SkyLift X2' });
  act(() => ES.latest().open());
  return { ES, api, ...utils };
}

describe('OverviewPage, live', () => {
  it("shows another person's change without a reload, and who made it", async () => {
    const { ES, api } = await openOverview();
    api.set('GET /products/p-x2', { body: renamed });

    act(() => ES.latest().change(changeEvent({ actor: alice })));

    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2 Pro' })).toBeInTheDocument();
    expect(screen.getByText('Updated by Alice Moreau just now')).toBeInTheDocument();
    expect(api.callsTo('GET', '/products/p-x2')).toHaveLength(2);
  });

  it('refetches once for a burst of events, and not at all for other products', async () => {
    const { ES, api } = await openOverview();
    api.set('GET /products/p-x2', { body: renamed });

    act(() => {
      ES.latest().change(changeEvent({ product_id: 'p-ai', entity_id: 'p-ai' }));
      ES.latest().change(changeEvent({ actor: alice }));
      ES.latest().change(changeEvent({ actor: bob, entity_type: 'role_assignment', entity_id: 'ra-9' }));
      ES.latest().change(changeEvent({ actor: alice, changes: { stage: { before: 'a', after: 'b' } } }));
    });

    expect(await screen.findByText('Updated by Alice Moreau just now')).toBeInTheDocument();
    await screen.findByRole('heading', { level: 1, name: 'SkyLift X2 Pro' });
    expect(api.callsTo('GET', '/products/p-x2')).toHaveLength(2);

    act(() => ES.latest().change(changeEvent({ product_id: 'p-ai', entity_id: 'p-ai' })));
    await new Promise((r) => setTimeout(r, 400));
    expect(api.callsTo('GET', '/products/p-x2')).toHaveLength(2);
  });

  it('refreshes silently for my own change made elsewhere', async () => {
    const { ES, api } = await openOverview();
    api.set('GET /products/p-x2', { body: renamed });
    act(() => ES.latest().change(changeEvent({ actor: bob })));
    await screen.findByRole('heading', { level: 1, name: 'SkyLift X2 Pro' });
    expect(screen.queryByText(/Updated by/)).not.toBeInTheDocument();
  });

  it('edits the product with If-Match on its version', async () => {
    const { api, user } = await openOverview(aliceMe);
    api.set('PATCH /products/p-x2', { body: renamed });

    await user.click(screen.getByRole('button', { name: 'Edit product' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    const name = within(form).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'SkyLift X2 Pro');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'SkyLift X2 Pro' })).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Edit product' })).not.toBeInTheDocument();
    const [patch] = api.callsTo('PATCH', '/products/p-x2');
    expect(patch.body).toEqual({ name: 'SkyLift X2 Pro' });
    expect(new Headers(patch.init?.headers).get('If-Match')).toBe('"3"');
  });

  it('offers no Edit button to someone who may not edit the product', async () => {
    await openOverview(bobMe);
    expect(screen.queryByRole('button', { name: 'Edit product' })).not.toBeInTheDocument();
  });

  it('keeps unsaved input when someone else changes the product, and offers to reload', async () => {
    const { ES, api, user } = await openOverview(aliceMe);
    await user.click(screen.getByRole('button', { name: 'Edit product' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    await user.type(within(form).getByLabelText('Description'), ' Mine.');

    const theirs = { ...productX2, description: 'Their text.', version: 4 };
    api.set('GET /products/p-x2', { body: theirs });
    act(() => ES.latest().change(changeEvent({ actor: bob })));

    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'This product was changed by Bob Chen while you were editing.',
    );
    expect(within(form).getByLabelText('Description')).toHaveValue('The next drone series. Mine.');

    await user.click(within(form).getByRole('button', { name: 'Reload (discard my changes)' }));
    expect(within(form).getByLabelText('Description')).toHaveValue('Their text.');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('follows changes in an open form while nothing was typed', async () => {
    const { ES, api, user } = await openOverview(aliceMe);
    await user.click(screen.getByRole('button', { name: 'Edit product' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    api.set('GET /products/p-x2', { body: renamed });
    act(() => ES.latest().change(changeEvent({ actor: bob })));
    await waitFor(() => expect(within(form).getByLabelText('Name')).toHaveValue('SkyLift X2 Pro'));
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('on a stale save (412) keeps the input; Keep my changes then saves over the new version', async () => {
    const { api, user } = await openOverview(aliceMe);
    const theirs = { ...productX2, description: 'Their text.', version: 5 };
    const stale = apiError(412, 'precondition_failed', 'the product was changed since version 3');
    api.set('PATCH /products/p-x2', [
      { ...stale, body: { ...stale.body, current: theirs } },
      { body: { ...theirs, name: 'Mine', version: 6 } },
    ]);
    await user.click(screen.getByRole('button', { name: 'Edit product' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Mine');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('changed by someone else');
    expect(within(form).getByLabelText('Name')).toHaveValue('Mine');
    await user.click(within(form).getByRole('button', { name: 'Keep my changes' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Mine' })).toBeInTheDocument();
    const patches = api.callsTo('PATCH', '/products/p-x2');
    expect(patches.map((p) => new Headers(p.init?.headers).get('If-Match'))).toEqual(['"3"', '"5"']);
    expect(patches[1].body).toEqual({ name: 'Mine' });
    expect(screen.getByText('Their text.')).toBeInTheDocument();
  });
});

describe('OverviewPage, live notice', () => {
  it('hides "Updated by …" after a while', async () => {
    const { ES, api } = await openOverview();
    api.set('GET /products/p-x2', { body: renamed });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      act(() => ES.latest().change(changeEvent({ actor: alice })));
      expect(await screen.findByText('Updated by Alice Moreau just now')).toBeInTheDocument();
      await act(() => vi.advanceTimersByTimeAsync(UPDATED_NOTICE_MS - 1000));
      expect(screen.getByText('Updated by Alice Moreau just now')).toBeInTheDocument();
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(screen.queryByText(/Updated by/)).not.toBeInTheDocument();
      expect(screen.getByRole('heading', { level: 1, name: 'SkyLift X2 Pro' })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says an open form was changed by me elsewhere when it was', async () => {
    const { ES, api, user } = await openOverview(aliceMe);
    await user.click(screen.getByRole('button', { name: 'Edit product' }));
    const form = screen.getByRole('form', { name: 'Edit product' });
    await user.type(within(form).getByLabelText('Name'), ' draft');
    api.set('GET /products/p-x2', { body: { ...productX2, stage: 'launch', version: 4 } });
    act(() => ES.latest().change(changeEvent({ actor: alice })));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'This product was changed by you, in another window while you were editing.',
    );
    expect(within(form).getByLabelText('Name')).toHaveValue('SkyLift X2 draft');
  });
});
