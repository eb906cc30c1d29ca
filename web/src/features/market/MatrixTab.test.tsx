import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { aliceMe } from '../../test/fixtures';
import { comparison, r1, r2, row, summary } from '../../test/marketFixtures';
import { apiError, mockApi } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';
import { daveMe } from '../../test/voiceFixtures';

const matrixUrl = '/products/p-x2/market?tab=matrix';

function cellOf(capability: string, competitor: string) {
  const table = screen.getByRole('table', { name: 'Feature comparison' });
  const names = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
  const r = within(table).getByRole('rowheader', { name: new RegExp(capability) }).closest('tr')!;
  return r.querySelectorAll('th, td')[names.indexOf(competitor)] as HTMLElement;
}

describe('MatrixTab', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows each cell in words, our status, linked items and the edge and gap per competitor', async () => {
    mockApi({ 'GET /me': { body: daveMe }, 'GET /products/p-x2/comparison': { body: comparison } });
    renderApp(matrixUrl);
    const table = await screen.findByRole('table', { name: 'Feature comparison' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Capability',
      'Ours',
      'AeroVolt',
      'SkyHawk',
    ]);
    expect(cellOf('Hot-swap battery', 'AeroVolt')).toHaveTextContent('missing');
    expect(cellOf('Thermal camera', 'AeroVolt')).toHaveTextContent('has');
    expect(cellOf('Thermal camera', 'AeroVolt')).toHaveTextContent('since 2025');
    expect(cellOf('Dealer service', 'AeroVolt')).toHaveTextContent('better');
    expect(cellOf('Dealer service', 'SkyHawk')).toHaveTextContent('unknown');
    expect(cellOf('Dealer service', 'AeroVolt').querySelector('.cell-better')).not.toBeNull();
    expect(cellOf('Hot-swap battery', 'Ours')).toHaveTextContent('Shipped');
    expect(cellOf('Thermal camera', 'Ours')).toHaveTextContent('Planned');
    expect(within(table).getByRole('link', { name: 'X2-14' })).toHaveAttribute('href', '/products/p-x2/items/X2-14');
    expect(within(table).getByRole('link', { name: 'AeroVolt' })).toHaveAttribute('href', '/products/p-x2/market/competitors/cmp_1');

    expect(screen.getByTestId('summary-cmp_1')).toHaveTextContent('edge 1 · gap 2');
    expect(screen.getByTestId('summary-cmp_1')).toHaveTextContent('has 1 · partial 0 · missing 1 · better 1 · unknown 0');
    expect(screen.getByTestId('summary-cmp_2')).toHaveTextContent('edge 0 · gap 0');
    // A team member reads the matrix and changes nothing.
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a capability' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete|Move/ })).not.toBeInTheDocument();
  });

  it('lets the PM set a cell with a select, then shows the new summary', async () => {
    const after = {
      ...comparison,
      rows: [comparison.rows[0], { ...r2, cells: { ...r2.cells, cmp_2: { value: 'better', note: '', updated_at: 2 } } }, comparison.rows[2]],
      summary: [comparison.summary[0], summary('cmp_2', { better: 1, unknown: 2, gap: 1 })],
    };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': [{ body: comparison }, { body: after }],
      'PUT /comparison-rows/row_2/cells/cmp_2': { body: after.rows[1] },
    });
    renderApp(matrixUrl);
    const select = await screen.findByRole('combobox', { name: 'Thermal camera: SkyHawk' });
    expect(select).toHaveValue('unknown');
    fireEvent.change(select, { target: { value: 'better' } });
    await waitFor(() => expect(screen.getByTestId('summary-cmp_2')).toHaveTextContent('edge 0 · gap 1'));
    expect(screen.getByRole('combobox', { name: 'Thermal camera: SkyHawk' })).toHaveValue('better');
    expect(screen.getByRole('combobox', { name: 'Thermal camera: SkyHawk' })).toHaveDisplayValue('better');
    expect(api.callsTo('PUT', '/comparison-rows/row_2/cells/cmp_2')[0].body).toEqual({ value: 'better', note: '' });
  });

  it('clears a cell back to unknown with DELETE', async () => {
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': { body: comparison },
      'DELETE /comparison-rows/row_1/cells/cmp_1': { body: { ...r1, cells: {} } },
    });
    renderApp(matrixUrl);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Hot-swap battery: AeroVolt' }), { target: { value: 'unknown' } });
    await waitFor(() => expect(api.callsTo('DELETE', '/comparison-rows/row_1/cells/cmp_1')).toHaveLength(1));
    expect(api.callsTo('PUT', '/comparison-rows/row_1/cells/cmp_1')).toHaveLength(0);
  });

  it('adds a row linked to an item by key, showing the 422 under the item field first', async () => {
    const added = row('row_4', 'Fleet dashboard', {
      position: 4,
      item: { id: 'itm_20', key: 'X2-20', title: 'Fleet dashboard', type: 'feature', status: 'backlog' },
      ours: 'planned',
    });
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': [{ body: comparison }, { body: { ...comparison, rows: [...comparison.rows, added] } }],
      'POST /products/p-x2/comparison/rows': [
        apiError(422, 'validation_failed', 'invalid row', [{ field: 'item_id', issue: 'must be an epic or feature' }]),
        { status: 201, body: added },
      ],
    });
    renderApp(matrixUrl);
    const form = await screen.findByRole('form', { name: 'Add a capability' });
    fireEvent.change(within(form).getByLabelText(/^Capability/), { target: { value: 'Fleet dashboard' } });
    fireEvent.change(within(form).getByLabelText(/Epic or feature/), { target: { value: 'X2-3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add row' }));
    const itemField = within(form).getByLabelText(/Epic or feature/).closest('label')!;
    expect(await within(itemField).findByText('must be an epic or feature')).toBeInTheDocument();

    fireEvent.change(within(form).getByLabelText(/Epic or feature/), { target: { value: 'X2-20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add row' }));
    expect(await screen.findByRole('rowheader', { name: /Fleet dashboard/ })).toBeInTheDocument();
    expect(api.callsTo('POST', '/products/p-x2/comparison/rows')[1].body).toEqual({
      capability: 'Fleet dashboard',
      item_id: 'X2-20',
    });
    expect(within(form).queryByText('must be an epic or feature')).not.toBeInTheDocument();
  });

  it('moves a row down by swapping positions (If-Match) and deletes a row after confirming', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': { body: comparison },
      'PATCH /comparison-rows/row_1': { body: { ...r1, position: 2, version: 2 } },
      'PATCH /comparison-rows/row_2': { body: { ...r2, position: 1, version: 2 } },
      'DELETE /comparison-rows/row_3': { status: 204 },
    });
    renderApp(matrixUrl);
    fireEvent.click(await screen.findByRole('button', { name: 'Move Hot-swap battery down' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/comparison-rows/row_2')).toHaveLength(1));
    const first = api.callsTo('PATCH', '/comparison-rows/row_1')[0];
    expect(first.body).toEqual({ position: 2 });
    expect((first.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');
    expect(api.callsTo('PATCH', '/comparison-rows/row_2')[0].body).toEqual({ position: 1 });
    expect(screen.getByRole('button', { name: 'Move Hot-swap battery up' })).toBeDisabled();

    await waitFor(() => expect(screen.getByRole('button', { name: 'Delete Dealer service' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Delete Dealer service' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/comparison-rows/row_3')).toHaveLength(1));
    expect(window.confirm).toHaveBeenCalled();
  });
});

describe('MatrixTab: editing a row', () => {
  it('renames a row and links it to another item with If-Match, showing a 422 under the item field', async () => {
    const renamed = {
      ...r2,
      capability: 'Thermal imaging',
      item: { id: 'itm_15', key: 'X2-15', title: 'Thermal imaging', type: 'feature', status: 'done' },
      ours: 'shipped' as const,
      version: 2,
    };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': [{ body: comparison }, { body: { ...comparison, rows: [r1, renamed, comparison.rows[2]] } }],
      'PATCH /comparison-rows/row_2': [
        apiError(422, 'validation_failed', 'invalid row', [{ field: 'item_id', issue: 'must be an epic or feature' }]),
        { body: renamed },
      ],
    });
    renderApp(matrixUrl);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Thermal camera' }));
    const form = screen.getByRole('form', { name: 'Edit Thermal camera' });
    expect(within(form).getByLabelText(/Epic or feature/)).toHaveValue('X2-14');
    fireEvent.change(within(form).getByLabelText(/^Capability/), { target: { value: 'Thermal imaging' } });
    fireEvent.change(within(form).getByLabelText(/Epic or feature/), { target: { value: 'X2-1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save row' }));
    expect(await within(within(form).getByLabelText(/Epic or feature/).closest('label')!).findByText('must be an epic or feature')).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText(/Epic or feature/), { target: { value: 'X2-15' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save row' }));
    expect(await screen.findByRole('rowheader', { name: /Thermal imaging/ })).toHaveTextContent('X2-15');
    expect(cellOf('Thermal imaging', 'Ours')).toHaveTextContent('Shipped');
    const patch = api.callsTo('PATCH', '/comparison-rows/row_2')[1];
    expect(patch.body).toEqual({ capability: 'Thermal imaging', item_id: 'X2-15' });
    expect((patch.init?.headers as Record<string, string>)['If-Match']).toBe('"1"');
  });
});

describe('MatrixTab: cell notes', () => {
  it('lets the PM edit a cell note, keeping the reading, and shows the server error under the field', async () => {
    const noted = { ...r2, cells: { ...r2.cells, cmp_1: { value: 'has' as const, note: 'since firmware 4.2', updated_at: 3 } } };
    const api = mockApi({
      'GET /me': { body: aliceMe },
      'GET /products/p-x2/comparison': { body: comparison },
      'PUT /comparison-rows/row_2/cells/cmp_1': [
        apiError(422, 'validation_failed', 'invalid cell', [{ field: 'note', issue: 'must be one line' }]),
        { body: noted },
      ],
    });
    renderApp(matrixUrl);
    // The writer sees the note beside the select; a cell without a reading holds no note.
    expect(await screen.findByRole('button', { name: 'Edit note: Thermal camera: AeroVolt' })).toBeEnabled();
    expect(cellOf('Thermal camera', 'AeroVolt')).toHaveTextContent('since 2025');
    expect(screen.getByRole('button', { name: 'Add note: Thermal camera: SkyHawk' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add note: Hot-swap battery: AeroVolt' })).toBeEnabled();

    fireEvent.click(screen.getByRole('button', { name: 'Edit note: Thermal camera: AeroVolt' }));
    const form = screen.getByRole('form', { name: 'Note for Thermal camera: AeroVolt' });
    const input = within(form).getByLabelText('Note');
    expect(input).toHaveValue('since 2025');
    expect(input).toHaveAttribute('maxLength', '500');
    fireEvent.change(input, { target: { value: '  since firmware 4.2  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('must be one line');

    fireEvent.click(within(form).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Note for Thermal camera: AeroVolt' })).not.toBeInTheDocument());
    expect(cellOf('Thermal camera', 'AeroVolt')).toHaveTextContent('since firmware 4.2');
    expect(screen.getByRole('combobox', { name: 'Thermal camera: AeroVolt' })).toHaveValue('has');
    expect(api.callsTo('PUT', '/comparison-rows/row_2/cells/cmp_1')[1].body).toEqual({ value: 'has', note: 'since firmware 4.2' });
  });

  it('cancels a note edit without a request', async () => {
    const api = mockApi({ 'GET /me': { body: aliceMe }, 'GET /products/p-x2/comparison': { body: comparison } });
    renderApp(matrixUrl);
    fireEvent.click(await screen.findByRole('button', { name: 'Add note: Hot-swap battery: AeroVolt' }));
    const form = screen.getByRole('form', { name: 'Note for Hot-swap battery: AeroVolt' });
    fireEvent.change(within(form).getByLabelText('Note'), { target: { value: 'draft' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Note for Hot-swap battery: AeroVolt' })).not.toBeInTheDocument();
    expect(api.callsTo('PUT', '/comparison-rows/row_1/cells/cmp_1')).toHaveLength(0);
  });
});
