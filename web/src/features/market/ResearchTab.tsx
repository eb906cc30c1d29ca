import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { marketApi } from '../../api/market';
import {
  IMPACTS,
  NOTE_KINDS,
  type Impact,
  type MarketNote,
  type MarketNoteFilter,
  type MarketNoteInput,
  type NoteKind,
  type WebLink,
} from '../../api/marketTypes';
import type { Ref } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { Markdown } from '../items/Markdown';
import { useLiveEvents } from '../live/LiveEvents';
import { todayUtc } from '../voice/voiceModel';
import { FieldIssues, LinkListEditor, WebLinks } from './ListEditors';
import { competitorPath, IMPACT_LABELS, NOTE_KIND_LABELS } from './marketModel';

/** The notes shown per page. */
export const NOTES_PAGE_SIZE = 50;

/** Tags as typed ("battery, Regulation") → ["battery", "regulation"]: lower-cased, unique. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** Create or edit a market note (the PM): Markdown body, sources, impact, what it is about, tags. */
export function NoteForm({
  initial,
  label,
  competitors,
  personas,
  onSave,
  onCancel,
}: {
  initial?: MarketNote;
  label: string;
  competitors: Ref[];
  personas: Ref[];
  onSave: (input: MarketNoteInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [kind, setKind] = useState<NoteKind>(initial?.kind ?? 'research');
  const [date, setDate] = useState(initial?.date ?? todayUtc());
  const [impact, setImpact] = useState<Impact | ''>(initial?.impact ?? '');
  const [competitorId, setCompetitorId] = useState(initial?.competitor?.id ?? '');
  const [personaId, setPersonaId] = useState(initial?.persona?.id ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [body, setBody] = useState(initial?.body ?? '');
  const [sources, setSources] = useState<WebLink[]>(initial?.sources ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({
        title: title.trim(),
        kind,
        date,
        impact: impact || null,
        competitor_id: competitorId || null,
        persona_id: personaId || null,
        tags: parseTags(tags),
        body,
        sources: sources
          .map((s) => ({ title: s.title.trim(), url: s.url.trim() }))
          .filter((s) => s.title !== '' || s.url !== ''),
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
        Title <input value={title} required onChange={(e) => setTitle(e.target.value)} />
        {errors.title && <span className="field-error">{errors.title}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          {errors.kind && <span className="field-error">{errors.kind}</span>}
        </label>
        <label className="field">
          Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          {errors.date && <span className="field-error">{errors.date}</span>}
        </label>
        <label className="field">
          Impact
          <select value={impact} onChange={(e) => setImpact(e.target.value as Impact | '')}>
            <option value="">None</option>
            {IMPACTS.map((i) => (
              <option key={i} value={i}>
                {IMPACT_LABELS[i]}
              </option>
            ))}
          </select>
          {errors.impact && <span className="field-error">{errors.impact}</span>}
        </label>
        <label className="field">
          Competitor
          <select value={competitorId} onChange={(e) => setCompetitorId(e.target.value)}>
            <option value="">None</option>
            {competitors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.competitor_id && <span className="field-error">{errors.competitor_id}</span>}
        </label>
        <label className="field">
          Persona
          <select value={personaId} onChange={(e) => setPersonaId(e.target.value)}>
            <option value="">None</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errors.persona_id && <span className="field-error">{errors.persona_id}</span>}
        </label>
        <label className="field">
          Tags <input value={tags} placeholder="battery, regulation" onChange={(e) => setTags(e.target.value)} />
          <FieldIssues errors={errors} field="tags" />
        </label>
      </div>
      <label className="field">
        Body (Markdown) <textarea rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
        {errors.body && <span className="field-error">{errors.body}</span>}
      </label>
      <LinkListEditor legend="Sources" itemLabel="Source" values={sources} onChange={setSources} errors={errors} field="sources" />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save note
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One market note: what, when, about whom, the rendered body and its sources. */
export function NoteCard({
  note: n,
  productId,
  canWrite,
  onEdit,
  onDelete,
}: {
  note: MarketNote;
  productId: string;
  canWrite: boolean;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  return (
    <li className="card market-note">
      <article aria-label={n.title}>
        <h3>{n.title}</h3>
        <p className="muted">
          {n.date} · {NOTE_KIND_LABELS[n.kind]}
          {n.impact && <> · {IMPACT_LABELS[n.impact]}</>}
          {n.competitor && (
            <>
              {' '}
              · about <Link to={competitorPath(productId, n.competitor.id)}>{n.competitor.name}</Link>
            </>
          )}
          {n.persona && <> · persona {n.persona.name}</>}
          {n.created_by && <> · by {n.created_by.name}</>}
        </p>
        {n.tags.length > 0 && (
          <p>
            {n.tags.map((t) => (
              <span key={t} className="label-chip">
                {t}
              </span>
            ))}
          </p>
        )}
        {n.body && <Markdown text={n.body} topLevel={4} />}
        {n.sources.length > 0 && (
          <>
            <h4>Sources</h4>
            <WebLinks links={n.sources} label={`Sources of ${n.title}`} />
          </>
        )}
        {canWrite && (onEdit || onDelete) && (
          <p>
            {onEdit && (
              <button type="button" className="link-button" aria-label={`Edit ${n.title}`} onClick={onEdit}>
                Edit
              </button>
            )}{' '}
            {onDelete && (
              <button type="button" className="link-button" aria-label={`Delete ${n.title}`} onClick={onDelete}>
                Delete
              </button>
            )}
          </p>
        )}
      </article>
    </li>
  );
}

/** What we learn about the market: notes newest first, filtered, a page at a time. */
export function ResearchTab({ productId, canWrite }: { productId: string; canWrite: boolean }) {
  const [params] = useSearchParams();
  const [kind, setKind] = useState<NoteKind | ''>('');
  // A competitor's page links here with ?competitor=<id>.
  const [competitor, setCompetitor] = useState(params.get('competitor') ?? '');
  const [persona, setPersona] = useState('');
  const [tag, setTag] = useState('');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState<{ notes: MarketNote[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const filter: MarketNoteFilter = {
    kind,
    competitor,
    persona,
    tag: tag.trim().toLowerCase(),
    q: q.trim(),
    limit: NOTES_PAGE_SIZE,
  };
  const first = useAsync(
    (signal) => marketApi.notesPage(productId, filter, signal),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [productId, kind, competitor, persona, filter.tag, filter.q],
  );
  const choices = useAsync(async (signal) => {
    const [competitors, personas] = await Promise.all([
      marketApi.competitors(productId, {}, signal),
      marketApi.personas(productId, {}, signal),
    ]);
    return {
      competitors: competitors.map((c) => ({ id: c.id, name: c.name })),
      personas: personas.map((p) => ({ id: p.id, name: p.name })),
    };
  }, [productId]);

  // A new first page (filters changed, a refresh) starts the list again.
  useEffect(() => setMore(null), [first.data]);

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'market_note',
    () => first.refresh(),
  );
  useLiveEvents(
    (e) => e.product_id === productId && (e.entity_type === 'competitor' || e.entity_type === 'persona'),
    () => choices.refresh(),
  );

  const notes = [...(first.data?.data ?? []), ...(more?.notes ?? [])];
  const cursor = more ? more.cursor : (first.data?.next_cursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await marketApi.notesPage(productId, { ...filter, cursor });
      setMore((m) => ({ notes: [...(m?.notes ?? []), ...(page.data ?? [])], cursor: page.next_cursor }));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setLoadingMore(false);
    }
  }

  async function remove(n: MarketNote) {
    if (!window.confirm(`Delete the note "${n.title}"?`)) return;
    setError(null);
    try {
      await marketApi.deleteNote(n.id);
      first.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  const competitors = choices.data?.competitors ?? [];
  const personas = choices.data?.personas ?? [];
  const filtered = Boolean(kind || competitor || persona || tag.trim() || q.trim());

  return (
    <section aria-label="Research">
      <div className="toolbar" role="search" aria-label="Filter notes">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as NoteKind | '')}>
            <option value="">All</option>
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Competitor{' '}
          <select value={competitor} onChange={(e) => setCompetitor(e.target.value)}>
            <option value="">All</option>
            {competitors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Persona{' '}
          <select value={persona} onChange={(e) => setPersona(e.target.value)}>
            <option value="">All</option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag <input value={tag} onChange={(e) => setTag(e.target.value)} />
        </label>
        <label>
          Text <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New note
          </button>
        )}
      </div>
      {creating && (
        <NoteForm
          label="New note"
          competitors={competitors}
          personas={personas}
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            await marketApi.createNote(productId, input);
            setCreating(false);
            first.refresh();
          }}
        />
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {first.status === 'error' && !first.data && (
        <ErrorState error={first.error} title="Could not load the market notes" onRetry={first.reload} />
      )}
      {!first.data && first.status === 'loading' && <Loading />}
      {first.data && notes.length === 0 && <p className="muted">No notes {filtered ? 'match' : 'yet'}.</p>}
      {notes.length > 0 && (
        <ul className="voice-list" aria-label="Market notes">
          {notes.map((n) =>
            editing === n.id ? (
              <li key={n.id}>
                <NoteForm
                  initial={n}
                  label={`Edit ${n.title}`}
                  competitors={competitors}
                  personas={personas}
                  onCancel={() => setEditing(null)}
                  onSave={async (input) => {
                    await marketApi.updateNote(n.id, n.version, input);
                    setEditing(null);
                    first.refresh();
                  }}
                />
              </li>
            ) : (
              <NoteCard
                key={n.id}
                note={n}
                productId={productId}
                canWrite={canWrite}
                onEdit={() => setEditing(n.id)}
                onDelete={() => void remove(n)}
              />
            ),
          )}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
