import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { adminMe, alice, aliceMe, bob, productX2, user as makeUser } from '../../test/fixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

function adminApi() {
  return mockApi({
    'GET /me': { body: adminMe },
    'GET /users': { body: { data: [adminMe.user, alice, bob], next_cursor: null } },
    'GET /products': { body: { data: [productX2], next_cursor: null } },
    'GET /products/p-x2': { body: productX2 },
  });
}

describe('AdminPage', () => {
  it('lists users and shows field errors from a failed create', async () => {
    const api = adminApi();
    api.set(
      'POST /users',
      apiError(400, 'validation_failed', 'invalid user', [
        { field: 'email', issue: 'must be a valid email address' },
        { field: 'password', issue: 'must be at least 8 characters' },
      ]),
    );
    const { user } = renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Administration' })).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'bob@skylift.example' })).toBeInTheDocument();

    const form = screen.getByRole('form', { name: 'Create a user' });
    await user.type(within(form).getByLabelText('Email'), 'nope');
    await user.type(within(form).getByLabelText('Name'), 'Nina');
    await user.type(within(form).getByLabelText('Password'), 'x');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('invalid user');
    expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('must be a valid email address');
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(
      'must be at least 8 characters',
    );
    expect(api.callsTo('POST', '/users')[0].body).toEqual({
      email: 'nope',
      name: 'Nina',
      password: 'x',
      is_admin: false,
    });
  });

  it('lists users sorted by name, whatever order the server sends', async () => {
    const api = adminApi();
    api.set('GET /users', { body: { data: [bob, adminMe.user, alice], next_cursor: null } });
    renderApp('/admin');
    const table = await screen.findByRole('table', { name: /users/i });
    await within(table).findByRole('cell', { name: 'bob@skylift.example' });
    const names = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0].textContent ?? '');
    expect(names.length).toBeGreaterThan(2);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('creates a user and adds them to the table', async () => {
    const api = adminApi();
    api.set('POST /users', { status: 201, body: makeUser('u-nina', 'Nina Novak', 'nina@skylift.example') });
    const { user } = renderApp('/admin');
    const form = await screen.findByRole('form', { name: 'Create a user' });
    await user.type(within(form).getByLabelText('Email'), 'nina@skylift.example');
    await user.type(within(form).getByLabelText('Name'), 'Nina Novak');
    await user.type(within(form).getByLabelText('Password'), 'long-enough-password');
    await user.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('cell', { name: 'nina@skylift.example' })).toBeInTheDocument();
    expect(within(form).getByLabelText('Email')).toHaveValue('');
  });

  it('shows a 409 (second PO) in an alert, and removes an assignment', async () => {
    const api = adminApi();
    api.set(
      'POST /products/p-x2/roles',
      apiError(409, 'conflict', 'SkyLift X2 already has a Product Owner'),
    );
    api.set('DELETE /products/p-x2/roles/ra-2', { status: 204 });
    const { user } = renderApp('/admin');

    const section = await screen.findByRole('region', { name: 'X2 — SkyLift X2' });
    await user.selectOptions(within(section).getByLabelText('User'), 'u-alice');
    await user.selectOptions(within(section).getByLabelText('Role'), 'product_owner');
    await user.click(within(section).getByRole('button', { name: 'Assign' }));

    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'SkyLift X2 already has a Product Owner',
    );
    expect(api.callsTo('POST', '/products/p-x2/roles')[0].body).toEqual({
      user_id: 'u-alice',
      role: 'product_owner',
    });

    api.set('GET /products/p-x2', {
      body: { ...productX2, roles: productX2.roles!.filter((r) => r.id !== 'ra-2') },
    });
    await user.click(within(section).getByRole('button', { name: 'Remove Product Owner Bob Chen' }));
    expect(api.callsTo('DELETE', '/products/p-x2/roles/ra-2')).toHaveLength(1);
    await within(section).findByText('Alice Moreau');
    expect(within(section).queryByText('Bob Chen')).not.toBeInTheDocument();
  });

  it('tells a non-admin this page is not for them', async () => {
    mockApi({ 'GET /me': { body: aliceMe } });
    renderApp('/admin');
    expect(await screen.findByRole('alert')).toHaveTextContent('Only workspace administrators');
  });
});

describe('AdminPage, live', () => {
  it('adds a user created elsewhere and shows role changes, keeping the create form input', async () => {
    const ES = installFakeEventSource();
    const api = adminApi();
    const { user } = renderApp('/admin');
    await screen.findByRole('cell', { name: 'bob@skylift.example' });
    act(() => ES.latest().open());
    const form = screen.getByRole('form', { name: 'Create a user' });
    await user.type(within(form).getByLabelText('Name'), 'Half typed');

    const nina = makeUser('u-nina', 'Nina Novak', 'nina@skylift.example');
    api.set('GET /users', { body: { data: [adminMe.user, alice, bob, nina], next_cursor: null } });
    api.set('GET /products', {
      body: { data: [{ ...productX2, roles: productX2.roles!.slice(0, 1) }], next_cursor: null },
    });
    act(() => {
      ES.latest().change(
        changeEvent({ entity_type: 'user', entity_id: 'u-nina', product_id: null, action: 'created' }),
      );
      ES.latest().change(changeEvent({ entity_type: 'role_assignment', entity_id: 'ra-2', action: 'deleted' }));
    });

    expect(await screen.findByRole('cell', { name: 'nina@skylift.example' })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'X2 — SkyLift X2' });
    await waitFor(() => expect(within(section).queryByText('Bob Chen')).not.toBeInTheDocument());
    expect(within(form).getByLabelText('Name')).toHaveValue('Half typed');
    expect(api.callsTo('GET', '/users')).toHaveLength(2);
  });
});
