import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { releaseApi } from '../../api/releases';
import { voiceApi } from '../../api/voice';
import {
  DECISION_LINK_TYPES,
  DECISION_STATUSES,
  type Decision,
  type DecisionInput,
  type DecisionLinkType,
  type DecisionOption,
  type DecisionStatus,
} from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Markdown } from '../items/Markdown';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { usersOf } from '../stakeholders/StakeholderForm';
import { canWriteDecisions, DECISION_STATUS_LABELS, LINK_TYPE_LABELS } from '../voice/voiceModel';
import { linkLabel, linkPath } from './decisionModel';

interface LinkDraft {
  type: DecisionLinkType;
  id: string;
  /** The label shown for a link that came from the server. */
  label?: string;
}

type Choices = Record<Exclude<DecisionLinkType, 'item'>, { id: string; name: string }[]>;

/** Choices for links other than items (by key): the product's releases, goals, initiatives, ideas. */
async function loadChoices(productId: string, signal: AbortSignal): Promise<Choices> {
  const safe = <T,>(p: Promise<T[]>) => p.catch(() => [] as T[]);
  const [releases, goals, initiatives, ideas] = await Promise.all([
    safe(releaseApi.listReleases(productId, signal)),
    safe(voiceApi.goalChoices(productId, signal)),
    safe(voiceApi.initiativeChoices(productId, signal)),
    safe(voiceApi.ideas(productId, {}, signal)),
  ]);
  return {
    release: releases.map((r) => ({ id: r.id, name: `${r.version} ${r.name}`.trim() })),
    goal: goals,
    initiative: initiatives,
    idea: ideas.map((i) => ({ id: i.id, name: i.title })),
  };
}

function DecisionForm({
  productId,
  initial,
  onSaved,
  onCancel,
}: {
  productId: string;
  initial: Decision | null;
  onSaved: (d: Decision) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [context, setContext] = useState(initial?.context ?? '');
  const [options, setOptions] = useState<DecisionOption[]>(initial?.options ?? []);
  const [decision, setDecision] = useState(initial?.decision ?? '');
  const [rationale, setRationale] = useState(initial?.rationale ?? '');
  const [ownerId, setOwnerId] = useState(initial?.owner?.id ?? '');
  const [date, setDate] = useState(initial?.date ?? '');
  const [status, setStatus] = useState<DecisionStatus>(initial?.status ?? 'proposed');
  const [links, setLinks] = useState<LinkDraft[]>(
    (initial?.links ?? []).map((l) => ({ type: l.type, id: l.type === 'item' && l.key ? l.key : l.id, label: linkLabel(l) })),
  );
  const [newType, setNewType] = useState<DecisionLinkType>('item');
  const [newId, setNewId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);
  const choices = useAsync((signal) => loadChoices(productId, signal), [productId]);

  function setOption(n: number, field: keyof DecisionOption, value: string) {
    setOptions((os) => os.map((o, i) => (i === n ? { ...o, [field]: value } : o)));
  }

  function addLink() {
    const id = newId.trim();
    if (!id) return;
    const name = newType === 'item' ? id : choices.data?.[newType].find((c) => c.id === id)?.name;
    setLinks((ls) => [...ls, { type: newType, id, label: `${LINK_TYPE_LABELS[newType]} ${name ?? id}` }]);
    setNewId('');
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const input: DecisionInput = {
      title: title.trim(),
      context,
      options: options.map((o) => ({ title: o.title.trim(), pros: o.pros, cons: o.cons })),
      decision,
      rationale,
      date: date || null,
      status,
      links: links.map((l) => ({ type: l.type, id: l.id })),
    };
    if (ownerId) input.owner_id = ownerId;
    try {
      const saved = initial
        ? await voiceApi.updateDecision(initial.id, initial.version, input)
        : await voiceApi.createDecision(productId, input);
      onSaved(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      const fields = apiErr.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
      setError(fields ? `${apiErr.message} (${fields})` : apiErr.message);
    }
  }

  const users = usersOf(product.data?.roles);
  return (
    <form className="card form-grid wide" aria-label={initial ? 'Edit decision' : 'New decision'} onSubmit={onSubmit}>
      <label className="field">
        Title <input value={title} required onChange={(e) => setTitle(e.target.value)} />
        {errors.title && <span className="field-error">{errors.title}</span>}
      </label>
      <label className="field">
        Context <textarea rows={3} value={context} onChange={(e) => setContext(e.target.value)} />
      </label>
      <fieldset className="option-card">
        <legend>Options</legend>
        {options.map((o, n) => (
          <fieldset key={n} className="option-card" aria-label={`Option ${n + 1}`}>
            <label className="field">
              Option title <input value={o.title} onChange={(e) => setOption(n, 'title', e.target.value)} />
            </label>
            <label className="field">
              Pros <textarea rows={2} value={o.pros} onChange={(e) => setOption(n, 'pros', e.target.value)} />
            </label>
            <label className="field">
              Cons <textarea rows={2} value={o.cons} onChange={(e) => setOption(n, 'cons', e.target.value)} />
            </label>
            <button type="button" className="link-button" onClick={() => setOptions((os) => os.filter((_, i) => i !== n))}>
              Remove option {n + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => setOptions((os) => [...os, { title: '', pros: '', cons: '' }])}>
          Add option
        </button>
      </fieldset>
      <div className="field-grid">
        <label className="field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as DecisionStatus)}>
            {DECISION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DECISION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          {errors.date && <span className="field-error">{errors.date}</span>}
        </label>
        <label className="field">
          Owner
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">{initial ? '—' : 'Me'}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            {initial?.owner && !users.some((u) => u.id === initial.owner!.id) && (
              <option value={initial.owner.id}>{initial.owner.name}</option>
            )}
          </select>
          {errors.owner_id && <span className="field-error">{errors.owner_id}</span>}
        </label>
      </div>
      <label className="field">
        Decision <textarea rows={2} value={decision} onChange={(e) => setDecision(e.target.value)} />
        {errors.decision && <span className="field-error">{errors.decision}</span>}
      </label>
      <label className="field">
        Rationale <textarea rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </label>
      <fieldset className="option-card">
        <legend>Links</legend>
        <ul className="plain-list" aria-label="Links">
          {links.map((l, n) => (
            <li key={`${l.type}:${l.id}:${n}`}>
              {l.label ?? `${LINK_TYPE_LABELS[l.type]} ${l.id}`}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove link ${l.label ?? l.id}`}
                onClick={() => setLinks((ls) => ls.filter((_, i) => i !== n))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-form">
          <select
            aria-label="Link type"
            value={newType}
            onChange={(e) => {
              setNewType(e.target.value as DecisionLinkType);
              setNewId('');
            }}
          >
            {DECISION_LINK_TYPES.map((t) => (
              <option key={t} value={t}>
                {LINK_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          {newType === 'item' ? (
            <input aria-label="Item key" placeholder="X2-12" size={10} value={newId} onChange={(e) => setNewId(e.target.value)} />
          ) : (
            <select aria-label={`${LINK_TYPE_LABELS[newType]} to link`} value={newId} onChange={(e) => setNewId(e.target.value)}>
              <option value="">Choose…</option>
              {(choices.data?.[newType] ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
          <button type="button" onClick={addLink} disabled={!newId.trim()}>
            Add link
          </button>
        </div>
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save decision
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DecisionView({ d, base }: { d: Decision; base: string }) {
  return (
    <>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{DECISION_STATUS_LABELS[d.status]}</dd>
        <dt>Owner</dt>
        <dd>{d.owner?.name ?? '—'}</dd>
        <dt>Date</dt>
        <dd>{d.date ?? '—'}</dd>
        <dt>Recorded by</dt>
        <dd>{d.created_by?.name ?? '—'}</dd>
      </dl>
      <section aria-labelledby="context-heading">
        <h2 id="context-heading">Context</h2>
        {d.context ? <Markdown text={d.context} /> : <p className="muted">None.</p>}
      </section>
      <section aria-labelledby="options-heading">
        <h2 id="options-heading">Options</h2>
        {d.options.length === 0 && <p className="muted">None recorded.</p>}
        {d.options.map((o, n) => (
          <div key={n} className="option-card">
            <h3>{o.title}</h3>
            <p>
              <strong>Pros:</strong> {o.pros || '—'}
            </p>
            <p>
              <strong>Cons:</strong> {o.cons || '—'}
            </p>
          </div>
        ))}
      </section>
      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        {d.decision ? <Markdown text={d.decision} /> : <p className="muted">Not decided yet.</p>}
        {d.rationale && (
          <>
            <h3>Rationale</h3>
            <Markdown text={d.rationale} />
          </>
        )}
      </section>
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">Links</h2>
        {d.links.length === 0 && <p className="muted">None.</p>}
        <ul className="plain-list">
          {d.links.map((l, n) => {
            const path = linkPath(base, l);
            return <li key={n}>{path ? <Link to={path}>{linkLabel(l)}</Link> : linkLabel(l)}</li>;
          })}
        </ul>
      </section>
    </>
  );
}

/** One decision (or `new`): context, options with pros and cons, decision, rationale, links. */
export function DecisionPage({ productId, decisionId }: { productId: string; decisionId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteDecisions(roles);
  const isNew = decisionId === 'new';
  const d = useAsync(
    (signal) => (isNew ? Promise.resolve(null) : voiceApi.decision(decisionId, signal)),
    [decisionId, isNew],
  );
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/products/${encodeURIComponent(productId)}`;

  useLiveEvents(
    (e) => !isNew && !editing && e.entity_type === 'decision' && e.entity_id === decisionId,
    () => d.refresh(),
  );

  if (isNew) {
    return (
      <article>
        <p>
          <Link to={`${base}/decisions`}>← Decision log</Link>
        </p>
        <PageHeading title="New decision">New decision</PageHeading>
        {canWrite ? (
          <DecisionForm
            productId={productId}
            initial={null}
            onCancel={() => navigate(`${base}/decisions`)}
            onSaved={(created) => navigate(`${base}/decisions/${encodeURIComponent(created.id)}`, { replace: true })}
          />
        ) : (
          <p className="muted">Only the Product Manager and the Product Owner record decisions.</p>
        )}
      </article>
    );
  }
  if (d.status === 'error' && !d.data) {
    return <ErrorState error={d.error} title="Could not load the decision" onRetry={d.reload} />;
  }
  if (!d.data) return <Loading />;
  const dec = d.data;

  async function remove() {
    if (!window.confirm(`Delete the decision “${dec.title}”?`)) return;
    try {
      await voiceApi.deleteDecision(dec.id);
      navigate(`${base}/decisions`);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <article>
      <p>
        <Link to={`${base}/decisions`}>← Decision log</Link>
      </p>
      <div className="heading-row">
        <PageHeading title={dec.title}>{dec.title}</PageHeading>
        {canWrite && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {canWrite && (
          <button type="button" className="link-button" onClick={() => void remove()}>
            Delete
          </button>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <DecisionForm
          productId={productId}
          initial={dec}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            d.setData(() => next);
            setEditing(false);
          }}
        />
      ) : (
        <DecisionView d={dec} base={base} />
      )}
    </article>
  );
}
