import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { marketApi } from '../../api/market';
import type { CellReading, Comparison, ComparisonRow } from '../../api/marketTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { CELL_HINTS, CELL_LABELS, CELL_NOTE_MAX, CELL_READINGS, cellOf, competitorPath, OURS_LABELS } from './marketModel';

/** A cell in words and colour (the colour never carries the meaning alone). */
function Cell({ value, note }: { value: CellReading; note?: string }) {
  return (
    <span className={`matrix-cell cell-${value}`} title={CELL_HINTS[value]}>
      {CELL_LABELS[value]}
      {note ? <span className="cell-note">{note}</span> : null}
    </span>
  );
}

function AddRowForm({ productId, onAdded }: { productId: string; onAdded: (row: ComparisonRow) => void }) {
  const [capability, setCapability] = useState('');
  const [itemKey, setItemKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const input: { capability?: string; item_id?: string } = {};
    if (capability.trim()) input.capability = capability.trim();
    if (itemKey.trim()) input.item_id = itemKey.trim();
    try {
      const row = await marketApi.createRow(productId, input);
      setCapability('');
      setItemKey('');
      onAdded(row);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Add a capability" onSubmit={onSubmit} noValidate>
      <div className="field-grid">
        <label className="field">
          Capability <input value={capability} onChange={(e) => setCapability(e.target.value)} />
          {errors.capability && <span className="field-error">{errors.capability}</span>}
        </label>
        <label className="field">
          Epic or feature (key, optional) <input value={itemKey} placeholder="X2-12" onChange={(e) => setItemKey(e.target.value)} />
          {errors.item_id && <span className="field-error">{errors.item_id}</span>}
        </label>
      </div>
      <p className="muted">Without a capability, the row takes the linked item's title.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={!capability.trim() && !itemKey.trim()}>
          Add row
        </button>
      </div>
    </form>
  );
}

/** The PM's note on one cell (e.g. "since firmware 4.2"): a short line kept with the reading. */
function CellNoteForm({
  label,
  note,
  onSave,
  onCancel,
}: {
  label: string;
  note: string;
  onSave: (note: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(note);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await onSave(text.trim());
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr.issuesByField().note ?? apiErr.message);
    }
  }

  return (
    <form className="cell-note-form" aria-label={`Note for ${label}`} onSubmit={onSubmit} noValidate>
      <label className="field">
        Note <input value={text} maxLength={CELL_NOTE_MAX} onChange={(e) => setText(e.target.value)} autoFocus />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Save note
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** Renames a row or changes its linked item (PATCH with If-Match). */
function EditRowForm({
  row,
  onSaved,
  onCancel,
}: {
  row: ComparisonRow;
  onSaved: (row: ComparisonRow) => void;
  onCancel: () => void;
}) {
  const [capability, setCapability] = useState(row.capability);
  const [itemKey, setItemKey] = useState(row.item?.key ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      onSaved(await marketApi.updateRow(row.id, row.version, { capability: capability.trim(), item_id: itemKey.trim() || null }));
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.status === 412 ? 'Someone changed this row meanwhile: reload and try again.' : apiErr.message);
    }
  }

  return (
    <form className="inline-form" aria-label={`Edit ${row.capability}`} onSubmit={onSubmit} noValidate>
      <label className="field">
        Capability <input value={capability} onChange={(e) => setCapability(e.target.value)} />
        {errors.capability && <span className="field-error">{errors.capability}</span>}
      </label>
      <label className="field">
        Epic or feature (key) <input value={itemKey} placeholder="X2-12" onChange={(e) => setItemKey(e.target.value)} />
        {errors.item_id && <span className="field-error">{errors.item_id}</span>}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Save row
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

/** The feature comparison matrix: a row per capability of ours, a column per competitor. */
export function MatrixTab({ productId, canWrite }: { productId: string; canWrite: boolean }) {
  const m = useAsync((signal) => marketApi.comparison(productId, signal), [productId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  // The cell whose note is open for editing, as "row id/competitor id".
  const [noteOf, setNoteOf] = useState<string | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && (e.entity_type === 'comparison_row' || e.entity_type === 'competitor'),
    () => m.refresh(),
  );

  if (m.status === 'error' && !m.data) {
    return <ErrorState error={m.error} title="Could not load the comparison matrix" onRetry={m.reload} />;
  }
  if (!m.data) return <Loading />;
  const { competitors, rows, summary } = m.data;
  const summaryOf = new Map(summary.map((s) => [s.competitor_id, s]));
  const replaceRow = (row: ComparisonRow) =>
    m.setData((d: Comparison) => ({ ...d, rows: d.rows.map((r) => (r.id === row.id ? row : r)) }));

  async function run(action: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
      // The summary (edge and gap) follows from every row: read it again from the server.
      m.refresh();
    }
  }

  function setCell(row: ComparisonRow, competitorId: string, value: CellReading) {
    void run(async () => {
      const note = row.cells[competitorId]?.note ?? '';
      const next =
        value === 'unknown'
          ? await marketApi.clearCell(row.id, competitorId)
          : await marketApi.setCell(row.id, competitorId, value, note);
      if (next && typeof next === 'object' && 'cells' in next) replaceRow(next);
    });
  }

  /** Saves a cell's note with its current reading; errors stay in the note form. */
  async function saveNote(row: ComparisonRow, competitorId: string, note: string) {
    const value = cellOf(row, competitorId);
    if (value === 'unknown') return; // the note button is disabled on an unknown cell
    const next = await marketApi.setCell(row.id, competitorId, value, note);
    replaceRow(next);
    setNoteOf(null);
  }

  /** Swaps the positions of two neighbouring rows. */
  function move(index: number, by: -1 | 1) {
    const a = rows[index];
    const b = rows[index + by];
    if (!a || !b) return;
    void run(async () => {
      await marketApi.updateRow(a.id, a.version, { position: b.position });
      await marketApi.updateRow(b.id, b.version, { position: a.position });
    });
  }

  function remove(row: ComparisonRow) {
    if (!window.confirm(`Delete the row "${row.capability}" and its cells?`)) return;
    void run(async () => {
      await marketApi.deleteRow(row.id);
      m.setData((d) => ({ ...d, rows: d.rows.filter((r) => r.id !== row.id) }));
    });
  }

  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <section aria-label="Comparison matrix">
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <p className="muted matrix-legend">
        {CELL_READINGS.map((v) => (
          <span key={v}>
            <Cell value={v} /> {CELL_HINTS[v]}{' '}
          </span>
        ))}
      </p>
      {competitors.length === 0 && <p className="muted">No competitors yet: add them on the Competitors tab.</p>}
      {rows.length === 0 && <p className="muted">No capabilities in the matrix yet.</p>}
      {(rows.length > 0 || competitors.length > 0) && (
        <div className="table-scroll">
          <table className="table matrix-table" aria-busy={busy || undefined}>
            <caption className="visually-hidden">Feature comparison</caption>
            <thead>
              <tr>
                <th scope="col">Capability</th>
                <th scope="col">Ours</th>
                {competitors.map((c) => (
                  <th scope="col" key={c.id}>
                    <Link to={competitorPath(productId, c.id)}>{c.name}</Link>
                  </th>
                ))}
                {canWrite && <th scope="col">Row</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.id}>
                  <th scope="row">
                    {editing === row.id ? (
                      <EditRowForm
                        row={row}
                        onCancel={() => setEditing(null)}
                        onSaved={(next) => {
                          replaceRow(next);
                          setEditing(null);
                          m.refresh();
                        }}
                      />
                    ) : (
                      <>
                        {row.capability}
                        {row.item && (
                          <div className="muted">
                            <Link to={`${base}/items/${encodeURIComponent(row.item.key)}`}>{row.item.key}</Link> {row.item.title}
                          </div>
                        )}
                      </>
                    )}
                  </th>
                  <td>{row.ours ? OURS_LABELS[row.ours] : <span className="muted">—</span>}</td>
                  {competitors.map((c) => {
                    const value = cellOf(row, c.id);
                    const note = row.cells[c.id]?.note ?? '';
                    const label = `${row.capability}: ${c.name}`;
                    return (
                      <td key={c.id}>
                        {canWrite ? (
                          <>
                            <select
                              className={`matrix-cell cell-${value}`}
                              aria-label={label}
                              value={value}
                              disabled={busy}
                              onChange={(e) => setCell(row, c.id, e.target.value as CellReading)}
                            >
                              {CELL_READINGS.map((v) => (
                                <option key={v} value={v}>
                                  {CELL_LABELS[v]}
                                </option>
                              ))}
                            </select>
                            {noteOf === `${row.id}/${c.id}` ? (
                              <CellNoteForm
                                label={label}
                                note={note}
                                onSave={(text) => saveNote(row, c.id, text)}
                                onCancel={() => setNoteOf(null)}
                              />
                            ) : (
                              <div className="cell-note-line">
                                {note && <span className="cell-note">{note}</span>}
                                <button
                                  type="button"
                                  className="link-button"
                                  aria-label={`${note ? 'Edit note' : 'Add note'}: ${label}`}
                                  title={value === 'unknown' ? 'Set a reading first: an unknown cell holds no note' : undefined}
                                  disabled={busy || value === 'unknown'}
                                  onClick={() => setNoteOf(`${row.id}/${c.id}`)}
                                >
                                  {note ? 'Edit note' : 'Add note'}
                                </button>
                              </div>
                            )}
                          </>
                        ) : (
                          <Cell value={value} note={note} />
                        )}
                      </td>
                    );
                  })}
                  {canWrite && (
                    <td className="row-actions">
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Edit ${row.capability}`}
                        disabled={busy || editing === row.id}
                        onClick={() => setEditing(row.id)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        aria-label={`Move ${row.capability} up`}
                        disabled={busy || index === 0}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        aria-label={`Move ${row.capability} down`}
                        disabled={busy || index === rows.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Delete ${row.capability}`}
                        disabled={busy}
                        onClick={() => remove(row)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            {competitors.length > 0 && (
              <tfoot>
                <tr className="matrix-summary">
                  <th scope="row">Summary</th>
                  <td className="muted">edge: we lead · gap: they lead</td>
                  {competitors.map((c) => {
                    const s = summaryOf.get(c.id);
                    return (
                      <td key={c.id} data-testid={`summary-${c.id}`}>
                        {s ? (
                          <>
                            <strong>
                              edge {s.edge} · gap {s.gap}
                            </strong>
                            <div className="muted">
                              has {s.has} · partial {s.partial} · missing {s.missing} · better {s.better} · unknown{' '}
                              {s.unknown}
                            </div>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                  {canWrite && <td />}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {canWrite && (
        <AddRowForm
          productId={productId}
          onAdded={(row) => {
            m.setData((d) => ({ ...d, rows: [...d.rows, row] }));
            m.refresh();
          }}
        />
      )}
    </section>
  );
}
