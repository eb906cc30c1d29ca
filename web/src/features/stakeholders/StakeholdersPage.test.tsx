import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { page } from '../../test/backlogFixtures';
import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { erinMe, productAs, stakeholder } from '../../test/voiceFixtures';

describe('StakeholdersPage', () => {
  it('places stakeholders on the influence × interest grid and lets the PM add one', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/stakeholders': [
        page([
          stakeholder('stk_1', 'Lena Holm', { last_contact: '2026-10-30' }),
          stakeholder('stk_2', 'Hiro Tanaka', { influence: 2, interest: 2, quadrant: 'monitor', channel: 'email' }),
        ]),
        page([stakeholder('stk_3', 'Board member', { influence: 5, interest: 1, quadrant: 'keep_satisfied' })]),
      ],
      'POST /products/p-x2/stakeholders': { status: 201, body: stakeholder('stk_3', 'Board member') },
    });
    const { user } = renderApp('/products/p-x2/stakeholders');
    const closely = await screen.findByRole('region', { name: 'Manage closely' });
    expect(within(closely).getByRole('link', { name: 'Lena Holm' })).toHaveAttribute('href', '/products/p-x2/stakeholders/stk_1');
    expect(within(screen.getByRole('region', { name: 'Monitor' })).getByText('Hiro Tanaka')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Keep informed' })).queryAllByRole('listitem')).toHaveLength(0);
    const row = screen.getByRole('table').querySelector('tbody tr')!;
    expect(row).toHaveTextContent('2026-10-30');

    await user.click(screen.getByRole('button', { name: 'New stakeholder' }));
    const form = screen.getByRole('form', { name: 'New stakeholder' });
    await user.type(within(form).getByLabelText(/Name/), 'Board member');
    await user.selectOptions(within(form).getByLabelText('Influence'), '5');
    await user.selectOptions(within(form).getByLabelText('Interest'), '1');
    await waitFor(() => expect(within(form).getByRole('option', { name: 'Bob Chen' })).toBeInTheDocument());
    await user.selectOptions(within(form).getByLabelText('Throughline user'), 'Bob Chen');
    await user.click(within(form).getByRole('button', { name: 'Save stakeholder' }));
    expect(await within(await screen.findByRole('region', { name: 'Keep satisfied' })).findByText('Board member')).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/stakeholders')[0].body).toMatchObject({
      name: 'Board member',
      kind: 'external',
      influence: 5,
      interest: 1,
      channel: 'email',
      user_id: 'u-bob',
    });
  });

  it('tells a stakeholder the registry is not theirs, without asking the server', async () => {
    const api = mockApi({
      'GET /me': { body: erinMe },
      'GET /products/p-x2': { body: productAs(['stakeholder']) },
    });
    renderApp('/products/p-x2/stakeholders');
    expect(await screen.findByText(/registry is for the product's team/)).toBeInTheDocument();
    expect(api.callsTo('GET', '/products/p-x2/stakeholders')).toHaveLength(0);
  });
});
