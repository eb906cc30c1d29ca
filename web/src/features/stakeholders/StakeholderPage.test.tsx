import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe, productAs, stakeholder } from '../../test/voiceFixtures';

const comm = (id: string, date: string, summary: string) => ({
  id,
  stakeholder_id: 'stk_1',
  date,
  channel: 'meeting' as const,
  summary,
  by: { id: 'u-alice', name: 'Alice Moreau' },
  created_at: 1,
});

describe('StakeholderPage', () => {
  it('shows the communication log and lets the PM log an entry', async () => {
    const before = stakeholder('stk_1', 'Lena Holm', { communications: [comm('c1', '2026-10-30', 'Pilot review')] });
    const after = {
      ...before,
      last_contact: '2026-11-20',
      communications: [comm('c2', '2026-11-20', 'Sent the flight-time figures'), ...before.communications!],
    };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /stakeholders/stk_1': [{ body: before }, { body: after }],
      'POST /stakeholders/stk_1/communications': { status: 201, body: comm('c2', '2026-11-20', 'x') },
    });
    const { user } = renderApp('/products/p-x2/stakeholders/stk_1');
    expect(await screen.findByRole('heading', { name: 'Lena Holm', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Manage closely')).toBeInTheDocument();
    expect(screen.getByText('Pilot review')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Log a communication' });
    expect(within(form).getByLabelText('Channel')).toHaveValue('meeting');
    await user.clear(within(form).getByLabelText('Date'));
    await user.type(within(form).getByLabelText('Date'), '2026-11-20');
    await user.type(within(form).getByLabelText('Summary'), 'Sent the flight-time figures');
    await user.click(within(form).getByRole('button', { name: 'Log communication' }));
    expect(await screen.findByText('Sent the flight-time figures')).toBeInTheDocument();
    const entries = within(screen.getByRole('list', { name: 'Communications' })).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent('2026-11-20');
    expect(api.callsTo('POST', '/stakeholders/stk_1/communications')[0].body).toEqual({
      date: '2026-11-20',
      channel: 'meeting',
      summary: 'Sent the flight-time figures',
    });
  });

  it('is read-only for a team member', async () => {
    mockApi({
      'GET /me': { body: daveMe },
      'GET /products/p-x2': { body: productAs(['team_member']) },
      'GET /stakeholders/stk_1': { body: stakeholder('stk_1', 'Lena Holm', { communications: [] }) },
    });
    renderApp('/products/p-x2/stakeholders/stk_1');
    expect(await screen.findByText('Nothing logged yet.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Log a communication' })).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });
});
