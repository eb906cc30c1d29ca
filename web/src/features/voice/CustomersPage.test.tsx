import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { alpine, customer, erinMe, nordic, productAs } from '../../test/voiceFixtures';

describe('CustomersPage', () => {
  it('shows the PM customers with revenue and contacts, and creates a customer and a contact', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/customers': [page([alpine, nordic]), page([alpine, nordic, customer('cus_3', 'Rhein Energie')])],
      'POST /products/p-x2/customers': { status: 201, body: customer('cus_3', 'Rhein Energie') },
      'POST /customers/cus_2/contacts': { status: 201, body: {} },
    });
    const { user } = renderApp('/products/p-x2/customers');
    const row = (await screen.findByText('Nordic Grid Inspection AS')).closest('tr')!;
    expect(row).toHaveTextContent('420,000');
    expect(row).toHaveTextContent('Lars Holm, Pilot');
    expect(screen.getByRole('columnheader', { name: 'Revenue per year' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New customer' }));
    const form = screen.getByRole('form', { name: 'New customer' });
    await user.type(within(form).getByLabelText(/Name/), 'Rhein Energie');
    await user.type(within(form).getByLabelText(/Revenue per year/), '650000');
    await user.click(within(form).getByRole('button', { name: 'Save customer' }));
    expect(await screen.findByText('Rhein Energie')).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/customers')[0].body).toEqual({
      name: 'Rhein Energie',
      segment: '',
      region: '',
      revenue_per_year: 650000,
      notes: '',
    });

    const contact = screen.getByRole('form', { name: 'New contact of Alpine Survey GmbH' });
    await user.type(within(contact).getByLabelText('Contact name'), 'Katrin Maier');
    await user.click(within(contact).getByRole('button', { name: 'Add contact' }));
    await waitFor(() => expect(api.callsTo('POST', '/customers/cus_2/contacts')).toHaveLength(1));
    expect(api.callsTo('POST', '/customers/cus_2/contacts')[0].body).toEqual({ name: 'Katrin Maier', email: '', role: '' });
  });

  it('hides revenue and write controls from a stakeholder', async () => {
    mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
      'GET /products/p-x2/customers': page([{ ...nordic, revenue_per_year: null }]),
    });
    renderApp('/products/p-x2/customers');
    expect(await screen.findByText('Nordic Grid Inspection AS')).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Revenue per year' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New customer' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /New contact/ })).not.toBeInTheDocument();
  });
});
