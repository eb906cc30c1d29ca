import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { aliceMe, productX2 } from '../../test/fixtures';
import { mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daysBefore, todayUtc } from '../voice/voiceModel';

const MD = '# SkyLift X2: stakeholder update\n\n## Shipped\n\n- Release 0.9: Pilot series\n';

describe('StakeholderUpdatePage', () => {
  it('renders the update for the last 30 days, copies the Markdown, links the HTML and changes the period', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/stakeholder-update': { body: MD, headers: { 'Content-Type': 'text/markdown' } },
    });
    const { user } = renderApp('/products/p-x2/stakeholder-update');
    // user-event stands in for the clipboard; watch what is written to it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    // The update's own title sits right below the page's h1.
    expect(await screen.findByRole('heading', { name: 'SkyLift X2: stakeholder update', level: 2 })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByText('Release 0.9: Pilot series').tagName).toBe('LI');
    const first = api.callsTo('GET', '/products/p-x2/stakeholder-update')[0].search;
    expect(first.get('to')).toBe(todayUtc());
    expect(first.get('from')).toBe(daysBefore(todayUtc(), 30));
    expect(first.get('format')).toBe('markdown');

    await user.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    expect(writeText).toHaveBeenCalledWith(MD);
    expect(screen.getByRole('status')).toHaveTextContent('Copied the update as Markdown.');

    const html = `/api/v1/products/p-x2/stakeholder-update?from=${daysBefore(todayUtc(), 30)}&to=${todayUtc()}&format=html`;
    expect(screen.getByRole('link', { name: 'Open HTML' })).toHaveAttribute('href', html);
    expect(screen.getByRole('link', { name: 'Open HTML' })).toHaveAttribute('target', '_blank');
    const download = screen.getByRole('link', { name: 'Download HTML' });
    expect(download).toHaveAttribute('href', html);
    expect(download).toHaveAttribute('download', `stakeholder-update-${daysBefore(todayUtc(), 30)}-to-${todayUtc()}.html`);

    await user.clear(screen.getByLabelText('From'));
    await user.type(screen.getByLabelText('From'), '2026-01-01');
    await waitFor(() => expect(api.calls.at(-1)!.search.get('from')).toBe('2026-01-01'));
    expect(api.calls.at(-1)!.search.get('format')).toBe('markdown');
  });

  it('shows the server’s error for a bad period', async () => {
    mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2': { body: productX2 },
      'GET /products/p-x2/stakeholder-update': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'from must be on or before to', details: [] } },
      },
    });
    renderApp('/products/p-x2/stakeholder-update');
    expect(await screen.findByText('from must be on or before to')).toBeInTheDocument();
  });

  it('checks daysBefore across a month', () => {
    expect(daysBefore('2026-03-01', 30)).toBe('2026-01-30');
  });
});
