import { useState, type FormEvent } from 'react';

import { backlogApi } from '../../api/backlog';
import type { Criterion, Item } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';

interface Draft {
  /** A local key for React (ids are absent on new criteria). */
  uid: string;
  id?: string;
  text: string;
  done: boolean;
}

let uidSeq = 0;
const toDrafts = (criteria: Criterion[]): Draft[] =>
  criteria.map((c) => ({ uid: `c${++uidSeq}`, id: c.id, text: c.text, done: c.done }));

function sameAs(drafts: Draft[], criteria: Criterion[]): boolean {
  return (
    drafts.length === criteria.length &&
    drafts.every((d, i) => d.id === criteria[i].id && d.text === criteria[i].text && d.done === criteria[i].done)
  );
}

interface Props {
  item: Item;
  /** Add, edit, reorder and remove (the Product Owner). */
  canEdit: boolean;
  /** Tick and untick. */
  canTick: boolean;
  onSaved: (item: Item) => void;
}

/**
 * The acceptance criteria checklist, edited as a draft and saved in one PATCH with If-Match.
 * A stale save (412) keeps the draft and shows the current criteria beside it.
 */
export function CriteriaEditor({ item, canEdit, canTick, onSaved }: Props) {
  const [drafts, setDrafts] = useState<Draft[]>(() => toDrafts(item.criteria));
  const [base, setBase] = useState<Item>(item);
  const [newText, setNewText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Item | null>(null);

  const dirty = !sameAs(drafts, base.criteria);
  if (item.version > base.version && !conflict) {
    if (!dirty) {
      // Nothing typed: follow the item.
      setBase(item);
      setDrafts(toDrafts(item.criteria));
    } else {
      setConflict(item);
    }
  }

  function change(i: number, patch: Partial<Draft>) {
    setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  }

  function swap(i: number, j: number) {
    setDrafts((ds) => {
      if (j < 0 || j >= ds.length) return ds;
      const next = [...ds];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  }

  function add(e: FormEvent) {
    e.preventDefault();
    if (newText.trim() === '') return;
    setDrafts((ds) => [...ds, { uid: `c${++uidSeq}`, text: newText.trim(), done: false }]);
    setNewText('');
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const saved = await backlogApi.updateItem(base.id, base.version, {
        criteria: drafts.map((d) => (d.id ? { id: d.id, text: d.text, done: d.done } : { text: d.text, done: d.done })),
      });
      setBase(saved);
      setDrafts(toDrafts(saved.criteria));
      setConflict(null);
      onSaved(saved);
    } catch (e) {
      const err = toApiError(e);
      const current = (err.body as { current?: Item } | undefined)?.current;
      if (err.status === 412) {
        setConflict(current ?? null);
        setError('The criteria were changed by someone else since you started; your changes are kept below.');
      } else {
        setError(err.message);
      }
    } finally {
      setBusy(false);
    }
  }

  function keepMine() {
    if (conflict) setBase(conflict);
    setConflict(null);
    setError(null);
  }

  function discardMine() {
    const current = conflict ?? item;
    setBase(current);
    setDrafts(toDrafts(current.criteria));
    setConflict(null);
    setError(null);
  }

  return (
    <section className="criteria" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">Acceptance criteria</h2>
      {drafts.length === 0 && <p className="muted">No acceptance criteria yet.</p>}
      <ol className="criteria-list">
        {drafts.map((d, i) => (
          <li key={d.uid}>
            <input
              type="checkbox"
              aria-label={`Criterion ${i + 1} met`}
              checked={d.done}
              disabled={!canTick && !canEdit}
              onChange={(e) => change(i, { done: e.target.checked })}
            />
            {canEdit ? (
              <>
                <label className="visually-hidden" htmlFor={`crit-${d.uid}`}>
                  Criterion {i + 1}
                </label>
                <input
                  id={`crit-${d.uid}`}
                  className="criterion-text"
                  value={d.text}
                  maxLength={2000}
                  onChange={(e) => change(i, { text: e.target.value })}
                />
                <button type="button" aria-label={`Move criterion ${i + 1} up`} disabled={i === 0} onClick={() => swap(i, i - 1)}>
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move criterion ${i + 1} down`}
                  disabled={i === drafts.length - 1}
                  onClick={() => swap(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove criterion ${i + 1}`}
                  onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </>
            ) : (
              <span className={d.done ? 'criterion-done' : undefined}>{d.text}</span>
            )}
          </li>
        ))}
      </ol>
      {canEdit && (
        <form className="inline-form" aria-label="Add a criterion" onSubmit={add}>
          <label>
            New criterion{' '}
            <input
              value={newText}
              size={50}
              maxLength={2000}
              placeholder="Given … when … then …"
              onChange={(e) => setNewText(e.target.value)}
            />
          </label>
          <button type="submit" disabled={newText.trim() === ''}>
            Add criterion
          </button>
        </form>
      )}
      {error && (
        <div className="alert alert-warn" role="alert">
          <p>{error}</p>
          {conflict && (
            <>
              <p>
                Current version {conflict.version}
                {conflict.criteria.length === 0 ? ': no criteria.' : ':'}
              </p>
              <ul data-testid="current-criteria">
                {conflict.criteria.map((c) => (
                  <li key={c.id}>
                    {c.done ? '☑' : '☐'} {c.text}
                  </li>
                ))}
              </ul>
              <button type="button" onClick={keepMine}>
                Keep my changes
              </button>{' '}
              <button type="button" onClick={discardMine}>
                Discard my changes
              </button>
            </>
          )}
        </div>
      )}
      {!error && conflict && (
        <div className="alert alert-warn" role="alert">
          <p>Someone else changed this item while you were editing the criteria.</p>
          <button type="button" onClick={keepMine}>
            Keep my changes
          </button>{' '}
          <button type="button" onClick={discardMine}>
            Discard my changes
          </button>
        </div>
      )}
      {(canEdit || canTick) && (
        <div className="inline-form">
          <button type="button" className="primary" disabled={!dirty || busy} onClick={() => void save()}>
            Save criteria
          </button>
          {dirty && (
            <button type="button" onClick={discardMine} disabled={busy}>
              Undo changes
            </button>
          )}
        </div>
      )}
    </section>
  );
}
