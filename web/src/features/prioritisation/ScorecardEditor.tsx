// The product's weighted scorecards for the Product Manager (strategy.write): each with its
// criteria and weights, a form to create one or change its name and criteria (a criterion kept
// by its id keeps the ratings given for it), and deleting one with the scores under it.
import { useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { prioritisationApi, type Scorecard } from '../../api/prioritisation';

interface CriterionRow {
  /** The criterion's id when it exists; empty for a new one. */
  id: string;
  name: string;
  weight: string;
  /** A key for React, stable while the row is edited. */
  rowKey: string;
}

let nextRow = 0;
const newRow = (id = '', name = '', weight = ''): CriterionRow => ({ id, name, weight, rowKey: `row-${nextRow++}` });

/** The PATCH criteria from the form's rows: a kept criterion with its id, weights as numbers. */
function criteriaOf(rows: readonly CriterionRow[]): { id?: string; name: string; weight: number }[] {
  return rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim(), weight: Number(r.weight) }));
}

function ScorecardForm({
  productId,
  card,
  onSaved,
  onCancel,
}: {
  productId: string;
  card: Scorecard | null;
  onSaved: (card: Scorecard) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(card?.name ?? '');
  const [rows, setRows] = useState<CriterionRow[]>(() =>
    card ? card.criteria.map((c) => newRow(c.id, c.name, String(c.weight))) : [newRow()],
  );
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const label = card ? `Edit scorecard ${card.name}` : 'New scorecard';

  const setRow = (i: number, change: Partial<CriterionRow>) =>
    setRows((all) => all.map((r, k) => (k === i ? { ...r, ...change } : r)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setIssues({});
    setError(null);
    setSaving(true);
    const criteria = criteriaOf(rows);
    try {
      const saved = card
        ? await prioritisationApi.updateScorecard(card.id, card.version, { name: name.trim(), criteria })
        : await prioritisationApi.createScorecard(productId, {
            name: name.trim(),
            criteria: criteria.map(({ name: n, weight }) => ({ name: n, weight })),
          });
      onSaved(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      setIssues(apiErr.issuesByField());
      setError(apiErr.status === 412 ? 'Someone changed this scorecard meanwhile; reload to see it.' : apiErr.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card form-grid wide" aria-label={label} onSubmit={onSubmit}>
      <h3>{label}</h3>
      <label className="field">
        Name
        <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        {issues.name && <span className="field-error">{issues.name}</span>}
      </label>
      <fieldset>
        <legend>Criteria (weight above 0, at most 100)</legend>
        {issues.criteria && <p className="field-error">{issues.criteria}</p>}
        {rows.map((r, i) => (
          <div className="inline-form" key={r.rowKey} role="group" aria-label={`Criterion ${i + 1} and its weight`}>
            <label className="field">
              Criterion {i + 1}
              <input value={r.name} required maxLength={100} onChange={(e) => setRow(i, { name: e.target.value })} />
              {issues[`criteria.${i}.name`] && <span className="field-error">{issues[`criteria.${i}.name`]}</span>}
              {issues[`criteria.${i}.id`] && <span className="field-error">{issues[`criteria.${i}.id`]}</span>}
            </label>
            <label className="field">
              Weight of criterion {i + 1}
              <input
                type="number"
                min={0}
                max={100}
                step="any"
                required
                value={r.weight}
                onChange={(e) => setRow(i, { weight: e.target.value })}
              />
              {issues[`criteria.${i}.weight`] && <span className="field-error">{issues[`criteria.${i}.weight`]}</span>}
            </label>
            <button
              type="button"
              className="link-button"
              disabled={rows.length === 1}
              onClick={() => setRows((all) => all.filter((_, k) => k !== i))}
            >
              Remove criterion {i + 1}
            </button>
          </div>
        ))}
        <button type="button" disabled={rows.length >= 12} onClick={() => setRows((all) => [...all, newRow()])}>
          Add criterion
        </button>
      </fieldset>
      {card && <p className="muted">Changing the criteria recomputes the scores under this scorecard.</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={saving}>
          Save scorecard
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The scorecards section of the prioritisation page; render it for the PM only. */
export function ScorecardEditor({
  productId,
  cards,
  onChanged,
  onDeleted,
}: {
  productId: string;
  cards: readonly Scorecard[];
  onChanged: () => void;
  onDeleted: (card: Scorecard) => void;
}) {
  /** 'new', a scorecard's id, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editingCard = cards.find((c) => c.id === editing) ?? null;

  async function remove(card: Scorecard) {
    if (!window.confirm(`Delete the scorecard “${card.name}” with the scores under it?`)) return;
    setError(null);
    setNotice(null);
    try {
      await prioritisationApi.deleteScorecard(card.id);
      setNotice(`Scorecard “${card.name}” deleted.`);
      if (editing === card.id) setEditing(null);
      onDeleted(card);
      onChanged();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <section aria-labelledby="scorecards-heading" className="card">
      <div className="heading-row">
        <h2 id="scorecards-heading">Scorecards</h2>
        {editing === null && (
          <button type="button" onClick={() => setEditing('new')}>
            New scorecard
          </button>
        )}
      </div>
      {cards.length === 0 ? (
        <p className="muted">No scorecard yet: weigh your own criteria and rate items 1–5 against them.</p>
      ) : (
        <ul className="plain-list" aria-label="Scorecards">
          {cards.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong>{' '}
              <span className="muted">{c.criteria.map((k) => `${k.name} ${k.weight}`).join(' · ')}</span>{' '}
              <button type="button" className="link-button" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.name}`}>
                Edit
              </button>{' '}
              <button type="button" className="link-button" onClick={() => void remove(c)} aria-label={`Delete ${c.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {(editing === 'new' || editingCard) && (
        <ScorecardForm
          key={editing ?? ''}
          productId={productId}
          card={editingCard}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(`Scorecard “${saved.name}” saved.`);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
