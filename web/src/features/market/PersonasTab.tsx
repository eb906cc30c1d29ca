import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { marketApi } from '../../api/market';
import type { Persona, PersonaInput, PersonaLink, PersonaLinkType } from '../../api/marketTypes';
import { voiceApi } from '../../api/voice';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { StringListEditor } from './ListEditors';
import { cleanList } from './marketModel';

interface LinkDraft {
  type: PersonaLinkType;
  /** An item's key (or id), a feedback's id. */
  id: string;
  label: string;
}

function linkText(l: PersonaLink): string {
  return l.type === 'item' ? `${l.key ?? ''} ${l.name}`.trim() : `Feedback: ${l.name}`;
}

/** Create or edit a persona (the PM): who, goals, pains, a quote and the items and feedback behind it. */
function PersonaForm({
  productId,
  initial,
  label,
  onSave,
  onCancel,
}: {
  productId: string;
  initial?: Persona;
  label: string;
  onSave: (input: PersonaInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState(initial?.role ?? '');
  const [segment, setSegment] = useState(initial?.segment ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [goals, setGoals] = useState<string[]>(initial?.goals ?? []);
  const [pains, setPains] = useState<string[]>(initial?.pains ?? []);
  const [quote, setQuote] = useState(initial?.quote ?? '');
  const [links, setLinks] = useState<LinkDraft[]>(
    (initial?.links ?? []).map((l) => ({ type: l.type, id: l.type === 'item' && l.key ? l.key : l.id, label: linkText(l) })),
  );
  const [newType, setNewType] = useState<PersonaLinkType>('item');
  const [newId, setNewId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const feedback = useAsync(
    (signal) => (newType === 'feedback' ? voiceApi.allFeedback(productId, signal) : Promise.resolve(null)),
    [productId, newType],
  );

  function addLink() {
    const id = newId.trim();
    if (!id) return;
    const fb = feedback.data?.find((f) => f.id === id);
    setLinks((ls) => [...ls, { type: newType, id, label: fb ? `Feedback: ${fb.text.slice(0, 80)}` : id }]);
    setNewId('');
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({
        name: name.trim(),
        role: role.trim(),
        segment: segment.trim(),
        description,
        goals: cleanList(goals),
        pains: cleanList(pains),
        quote: quote.trim(),
        links: links.map((l) => ({ type: l.type, id: l.id })),
      });
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label={label} onSubmit={onSubmit} noValidate>
      <label className="field">
        Name <input value={name} required onChange={(e) => setName(e.target.value)} />
        {errors.name && <span className="field-error">{errors.name}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Role <input value={role} placeholder="Job title" onChange={(e) => setRole(e.target.value)} />
          {errors.role && <span className="field-error">{errors.role}</span>}
        </label>
        <label className="field">
          Segment <input value={segment} onChange={(e) => setSegment(e.target.value)} />
          {errors.segment && <span className="field-error">{errors.segment}</span>}
        </label>
      </div>
      <label className="field">
        Description <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        {errors.description && <span className="field-error">{errors.description}</span>}
      </label>
      <StringListEditor legend="Goals" itemLabel="Goal" values={goals} onChange={setGoals} errors={errors} field="goals" />
      <StringListEditor legend="Pains" itemLabel="Pain" values={pains} onChange={setPains} errors={errors} field="pains" />
      <label className="field">
        Quote <input value={quote} onChange={(e) => setQuote(e.target.value)} />
        {errors.quote && <span className="field-error">{errors.quote}</span>}
      </label>
      <fieldset className="field-card">
        <legend>Linked items and feedback</legend>
        <ul className="plain-list" aria-label="Links">
          {links.map((l, n) => (
            <li key={n}>
              {l.label}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove link ${l.label}`}
                onClick={() => setLinks((ls) => ls.filter((_, i) => i !== n))}
              >
                Remove
              </button>
              {(errors[`links.${n}.id`] || errors[`links.${n}`]) && (
                <span className="field-error"> {errors[`links.${n}.id`] ?? errors[`links.${n}`]}</span>
              )}
            </li>
          ))}
        </ul>
        <div className="inline-form">
          <select
            aria-label="Link type"
            value={newType}
            onChange={(e) => {
              setNewType(e.target.value as PersonaLinkType);
              setNewId('');
            }}
          >
            <option value="item">Item</option>
            <option value="feedback">Feedback</option>
          </select>
          {newType === 'item' ? (
            <input aria-label="Item key" placeholder="X2-12" value={newId} onChange={(e) => setNewId(e.target.value)} />
          ) : (
            <select aria-label="Feedback to link" value={newId} onChange={(e) => setNewId(e.target.value)}>
              <option value="">Choose feedback…</option>
              {(feedback.data ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.text.slice(0, 80)}
                </option>
              ))}
            </select>
          )}
          <button type="button" onClick={addLink} disabled={!newId.trim()}>
            Add link
          </button>
        </div>
        {errors.links && <span className="field-error">{errors.links}</span>}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save persona
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function PersonaCard({
  persona: p,
  productId,
  canWrite,
  onEdit,
  onDelete,
}: {
  persona: Persona;
  productId: string;
  canWrite: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <li className="card persona-card">
      <article aria-label={p.name}>
        <h3>{p.name}</h3>
        <p className="muted">{[p.role, p.segment].filter(Boolean).join(' · ')}</p>
        {p.description && <p>{p.description}</p>}
        {p.quote && <blockquote className="persona-quote">“{p.quote}”</blockquote>}
        {p.goals.length > 0 && (
          <>
            <h4>Goals</h4>
            <ul className="plain-list" aria-label={`Goals of ${p.name}`}>
              {p.goals.map((g, n) => (
                <li key={n}>{g}</li>
              ))}
            </ul>
          </>
        )}
        {p.pains.length > 0 && (
          <>
            <h4>Pains</h4>
            <ul className="plain-list" aria-label={`Pains of ${p.name}`}>
              {p.pains.map((g, n) => (
                <li key={n}>{g}</li>
              ))}
            </ul>
          </>
        )}
        {p.links.length > 0 && (
          <>
            <h4>Linked</h4>
            <ul className="plain-list" aria-label={`Linked to ${p.name}`}>
              {p.links.map((l, n) => (
                <li key={n}>
                  {l.type === 'item' ? (
                    <Link to={`${base}/items/${encodeURIComponent(l.key ?? l.id)}`}>{linkText(l)}</Link>
                  ) : (
                    <Link to={`${base}/feedback`}>{linkText(l)}</Link>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {canWrite && (
          <p>
            <button type="button" className="link-button" aria-label={`Edit ${p.name}`} onClick={onEdit}>
              Edit
            </button>{' '}
            <button type="button" className="link-button" aria-label={`Delete ${p.name}`} onClick={onDelete}>
              Delete
            </button>
          </p>
        )}
      </article>
    </li>
  );
}

/** Who we build for: a card per persona; the PM keeps them. */
export function PersonasTab({ productId, canWrite }: { productId: string; canWrite: boolean }) {
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useAsync((signal) => marketApi.personas(productId, { q: q.trim() }, signal), [productId, q]);

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'persona',
    () => list.refresh(),
  );

  async function remove(p: Persona) {
    if (!window.confirm(`Delete the persona ${p.name}?`)) return;
    setError(null);
    try {
      await marketApi.deletePersona(p.id);
      list.setData((ps) => ps.filter((x) => x.id !== p.id));
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <section aria-label="Personas">
      <div className="toolbar">
        <label>
          Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New persona
          </button>
        )}
      </div>
      {creating && (
        <PersonaForm
          productId={productId}
          label="New persona"
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            await marketApi.createPersona(productId, input);
            setCreating(false);
            list.refresh();
          }}
        />
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'error' && !list.data && (
        <ErrorState error={list.error} title="Could not load the personas" onRetry={list.reload} />
      )}
      {!list.data && list.status === 'loading' && <Loading />}
      {list.data && list.data.length === 0 && <p className="muted">No personas {q ? 'match' : 'yet'}.</p>}
      {list.data && list.data.length > 0 && (
        <ul className="persona-cards" aria-label="Persona cards">
          {list.data.map((p) =>
            editing === p.id ? (
              <li key={p.id}>
                <PersonaForm
                  productId={productId}
                  initial={p}
                  label={`Edit ${p.name}`}
                  onCancel={() => setEditing(null)}
                  onSave={async (input) => {
                    const next = await marketApi.updatePersona(p.id, p.version, input);
                    list.setData((ps) => ps.map((x) => (x.id === p.id ? next : x)));
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <PersonaCard
                key={p.id}
                persona={p}
                productId={productId}
                canWrite={canWrite}
                onEdit={() => setEditing(p.id)}
                onDelete={() => void remove(p)}
              />
            ),
          )}
        </ul>
      )}
    </section>
  );
}
