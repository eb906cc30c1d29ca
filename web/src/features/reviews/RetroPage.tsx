import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useParams } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { reviewApi } from '../../api/reviews';
import { RETRO_COLUMNS, type Retro, type RetroAction, type RetroCard, type RetroColumn } from '../../api/reviewTypes';
import type { UserRef } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { COLUMN_LABELS, formatTime, productPeople, RETRO_ENTITY_TYPES, sprintPaths } from './reviewLabels';

type Report = (error: unknown, what: string) => void;

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

function votesLabel(n: number): string {
  return `${n} ${n === 1 ? 'vote' : 'votes'}`;
}

/** The retro with `card` put in its column (moved there if its column changed), oldest first. */
function withCard(retro: Retro, card: RetroCard): Retro {
  const cards = { ...retro.cards };
  for (const col of RETRO_COLUMNS) cards[col] = cards[col].filter((c) => c.id !== card.id);
  cards[card.column] = [...cards[card.column], card].sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
  return { ...retro, cards };
}

function withoutCard(retro: Retro, id: string): Retro {
  const cards = { ...retro.cards };
  for (const col of RETRO_COLUMNS) cards[col] = cards[col].filter((c) => c.id !== id);
  return { ...retro, cards, actions: retro.actions.map((a) => (a.card_id === id ? { ...a, card_id: null } : a)) };
}

/** The retro with `action` replaced (keeping where it was carried from: writes answer it null). */
function withAction(retro: Retro, action: RetroAction): Retro {
  const old = retro.actions.find((a) => a.id === action.id);
  if (!old) return { ...retro, actions: [...retro.actions.filter((a) => !a.carried_from), action, ...retro.actions.filter((a) => a.carried_from)] };
  return { ...retro, actions: retro.actions.map((a) => (a.id === action.id ? { ...action, carried_from: old.carried_from } : a)) };
}

interface CardProps {
  card: RetroCard;
  canWrite: boolean;
  canDelete: boolean;
  isAuthor: boolean;
  onChange: (card: RetroCard) => void;
  onDeleted: (id: string) => void;
  onMakeAction?: (card: RetroCard) => void;
  report: Report;
}

function CardView({ card, canWrite, canDelete, isAuthor, onChange, onDeleted, onMakeAction, report }: CardProps) {
  const [draft, setDraft] = useState<{ text: string; column: RetroColumn } | null>(null);
  const [base, setBase] = useState(card.version);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  function startEdit() {
    setDraft({ text: card.text, column: card.column });
    setBase(card.version);
    setConflict(false);
  }

  function stopEdit() {
    setDraft(null);
    setConflict(false);
    // Back to the card's Edit button, so the keyboard user stays on the card.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const text = draft.text.trim();
    if (text === '') return;
    if (text === card.text && draft.column === card.column) return stopEdit();
    setBusy(true);
    try {
      const changes: { text?: string; column?: RetroColumn } = {};
      if (text !== card.text || conflict) changes.text = text;
      if (draft.column !== card.column) changes.column = draft.column;
      onChange(await reviewApi.updateCard(card.id, base, changes));
      stopEdit();
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: RetroCard } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onChange(current);
        setBase(current.version);
        setConflict(true);
      } else {
        report(err, 'Could not save the card');
      }
    } finally {
      setBusy(false);
    }
  }

  async function vote() {
    try {
      onChange(await reviewApi.toggleVote(card.id));
    } catch (err) {
      report(err, 'Could not vote');
    }
  }

  async function remove() {
    try {
      await reviewApi.deleteCard(card.id);
      onDeleted(card.id);
    } catch (err) {
      if (toApiError(err).status === 404) onDeleted(card.id);
      else report(err, 'Could not delete the card');
    }
  }

  if (draft) {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        stopEdit();
      }
    };
    return (
      <li className="retro-card editing">
        <form aria-label={`Edit card: ${excerpt(card.text)}`} onSubmit={(e) => void save(e)} onKeyDown={onKeyDown}>
          {conflict && (
            <p className="alert alert-warn" role="alert">
              Someone else changed this card meanwhile; it now reads “{card.text}”. Your text is kept: save again to
              replace it, or press Escape to cancel.
            </p>
          )}
          <label>
            Card text{' '}
            <input
              autoFocus
              value={draft.text}
              maxLength={2000}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            />
          </label>{' '}
          <label>
            Column{' '}
            <select value={draft.column} onChange={(e) => setDraft({ ...draft, column: e.target.value as RetroColumn })}>
              {RETRO_COLUMNS.map((c) => (
                <option key={c} value={c}>
                  {COLUMN_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <div className="inline-form">
            <button type="submit" className="primary" disabled={busy || draft.text.trim() === ''}>
              Save
            </button>
            <button type="button" onClick={stopEdit} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="retro-card">
      <p className="retro-card-text">{card.text}</p>
      <p className="retro-card-foot">
        <span className="muted">{card.author.name}</span>
        <span className="spacer" />
        {canWrite ? (
          <button
            type="button"
            className="vote-button"
            aria-pressed={card.voted}
            aria-label={`Vote for: ${excerpt(card.text)} (${votesLabel(card.votes)})`}
            title={card.voted ? 'Take back your vote' : 'Vote'}
            onClick={() => void vote()}
          >
            <span aria-hidden="true">▲</span> {card.votes}
          </button>
        ) : (
          <span className="vote-count">{votesLabel(card.votes)}</span>
        )}
      </p>
      {(isAuthor || canDelete || onMakeAction) && (
        <p className="row-actions">
          {isAuthor && (
            <button ref={editButton} type="button" className="link-button" aria-label={`Edit card: ${excerpt(card.text)}`} onClick={startEdit}>
              Edit
            </button>
          )}
          {canDelete && (
            <button type="button" className="link-button" aria-label={`Delete card: ${excerpt(card.text)}`} onClick={() => void remove()}>
              Delete
            </button>
          )}
          {onMakeAction && (
            <button
              type="button"
              className="link-button"
              aria-label={`Make an action item of: ${excerpt(card.text)}`}
              onClick={() => onMakeAction(card)}
            >
              Make action item
            </button>
          )}
        </p>
      )}
    </li>
  );
}

function AddCardForm({ sprintId, column, onAdded, report }: { sprintId: string; column: RetroColumn; onAdded: (c: RetroCard) => void; report: Report }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '') return;
    setBusy(true);
    try {
      onAdded(await reviewApi.addCard(sprintId, column, text.trim()));
      setText('');
    } catch (err) {
      report(err, 'Could not add the card');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="inline-form add-card" aria-label={`Add a card to ${COLUMN_LABELS[column]}`} onSubmit={(e) => void submit(e)}>
      <label className="visually-hidden" htmlFor={`new-card-${column}`}>
        New card in {COLUMN_LABELS[column]}
      </label>
      <input id={`new-card-${column}`} value={text} maxLength={2000} placeholder="Add a card…" onChange={(e) => setText(e.target.value)} />
      <button type="submit" disabled={busy || text.trim() === ''}>
        Add card
      </button>
    </form>
  );
}

interface ActionDraft {
  text: string;
  owner_id: string;
  card_id: string;
}

function ActionItems({
  retro,
  people,
  canWrite,
  draft,
  setDraft,
  onAction,
  report,
}: {
  retro: Retro;
  people: UserRef[];
  canWrite: boolean;
  draft: ActionDraft;
  setDraft: (d: ActionDraft) => void;
  onAction: (a: RetroAction) => void;
  report: Report;
}) {
  const [busy, setBusy] = useState(false);
  // Actions with a write in flight: their controls wait for it (each write names the version).
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const cards = RETRO_COLUMNS.flatMap((c) => retro.cards[c]);
  // Owners who no longer hold a role still show as the current choice.
  const ownerOptions = (a: RetroAction) => (a.owner && !people.some((p) => p.id === a.owner!.id) ? [...people, a.owner] : people);

  async function update(a: RetroAction, changes: { owner_id?: string | null; done?: boolean }) {
    // Shown at once (the checkbox and select follow the click), then as the server answers.
    const shown: RetroAction = { ...a };
    if (changes.done !== undefined) shown.done = changes.done;
    if (changes.owner_id !== undefined) shown.owner = people.find((p) => p.id === changes.owner_id) ?? null;
    onAction(shown);
    setPending((p) => new Set(p).add(a.id));
    try {
      onAction(await reviewApi.updateAction(a.id, a.version, changes));
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: RetroAction } | undefined)?.current;
      onAction(apiErr.status === 412 && current ? current : a);
      report(err, apiErr.status === 412 ? 'Not saved: the action was changed by someone else meanwhile (now shown); try again' : 'Could not save the action');
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(a.id);
        return next;
      });
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    if (draft.text.trim() === '') return;
    setBusy(true);
    try {
      onAction(
        await reviewApi.addAction(retro.sprint_id, {
          text: draft.text.trim(),
          owner_id: draft.owner_id || null,
          card_id: draft.card_id || null,
        }),
      );
      setDraft({ text: '', owner_id: '', card_id: '' });
    } catch (err) {
      report(err, 'Could not add the action');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="actions-heading" className="retro-actions">
      <h2 id="actions-heading">Action items</h2>
      {retro.actions.length === 0 ? (
        <p className="muted">No action items yet.</p>
      ) : (
        <ul className="action-list" aria-label="Action items">
          {retro.actions.map((a) => (
            <li key={a.id} className={a.done ? 'action-done' : undefined}>
              <label className="action-text">
                <input
                  type="checkbox"
                  checked={a.done}
                  disabled={!canWrite || pending.has(a.id)}
                  aria-label={`Done: ${excerpt(a.text)}`}
                  onChange={(e) => void update(a, { done: e.target.checked })}
                />{' '}
                <span className={a.done ? 'criterion-done' : undefined}>{a.text}</span>
              </label>{' '}
              {a.carried_from && <span className="flag carried">carried from {a.carried_from.name}</span>}{' '}
              {canWrite ? (
                <select
                  aria-label={`Owner of: ${excerpt(a.text)}`}
                  value={a.owner?.id ?? ''}
                  disabled={pending.has(a.id)}
                  onChange={(e) => void update(a, { owner_id: e.target.value || null })}
                >
                  <option value="">No owner</option>
                  {ownerOptions(a).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              ) : (
                <span>{a.owner ? `Owner: ${a.owner.name}` : 'No owner'}</span>
              )}
              {a.done && a.done_by && (
                <span className="muted">
                  {' '}
                  · done by {a.done_by.name}, {formatTime(a.done_at)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="card form-grid" aria-label="Add an action item" onSubmit={(e) => void add(e)}>
          <label className="field">
            New action item{' '}
            <input
              id="new-action-text"
              value={draft.text}
              maxLength={2000}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            />
          </label>
          <label className="field">
            Owner{' '}
            <select value={draft.owner_id} onChange={(e) => setDraft({ ...draft, owner_id: e.target.value })}>
              <option value="">No owner</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            From card{' '}
            <select value={draft.card_id} onChange={(e) => setDraft({ ...draft, card_id: e.target.value })}>
              <option value="">None</option>
              {cards.map((c) => (
                <option key={c.id} value={c.id}>
                  {COLUMN_LABELS[c.column]}: {excerpt(c.text)}
                </option>
              ))}
            </select>
          </label>
          <div className="inline-form">
            <button type="submit" className="primary" disabled={busy || draft.text.trim() === ''}>
              Add action
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** A sprint's retrospective: cards in three columns with votes, and the team's action items. */
export function RetroPage({ productId, sprintId }: { productId: string; sprintId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = roles.includes('product_owner');
  const isSM = roles.includes('scrum_master');
  const canWrite = isPO || isSM || roles.includes('team_member');

  const retro = useAsync((signal) => reviewApi.getRetro(sprintId, signal), [sprintId]);
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);
  const [message, setMessage] = useState<string | null>(null);
  const [actionDraft, setActionDraft] = useState<ActionDraft>({ text: '', owner_id: '', card_id: '' });

  useLiveEvents(
    (e) =>
      e.product_id === productId &&
      (RETRO_ENTITY_TYPES.has(e.entity_type) || (e.entity_type === 'sprint' && e.entity_id === sprintId)),
    () => retro.refresh(),
  );

  const paths = sprintPaths(productId, sprintId);
  if (retro.status === 'error' && !retro.data) {
    return <ErrorState error={retro.error} title="Could not load the retrospective" onRetry={retro.reload} />;
  }
  if (!retro.data) return <Loading />;
  const r = retro.data;
  const people = productPeople(product.data?.roles);

  const report: Report = (err, what) => {
    const apiErr = toApiError(err);
    const issues = apiErr.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
    setMessage(`${what}: ${apiErr.message}${issues ? ` (${issues})` : ''}`);
  };
  const onCard = (card: RetroCard) => {
    setMessage(null);
    retro.setData((prev) => withCard(prev, card));
  };
  const onCardDeleted = (id: string) => {
    setMessage(null);
    retro.setData((prev) => withoutCard(prev, id));
  };
  const onAction = (a: RetroAction) => {
    setMessage(null);
    retro.setData((prev) => withAction(prev, a));
  };
  const makeAction = (card: RetroCard) => {
    setActionDraft({ ...actionDraft, text: card.text, card_id: card.id });
    requestAnimationFrame(() => document.getElementById('new-action-text')?.focus());
  };

  return (
    <article className="retro-page">
      <p className="breadcrumbs">
        <Link to={paths.sprints}>Sprints</Link> / <Link to={paths.sprint}>{r.sprint.name}</Link> / Retrospective
      </p>
      <div className="heading-row">
        <PageHeading title={`Retrospective: ${r.sprint.name}`}>Retrospective: {r.sprint.name}</PageHeading>
        <Link to={paths.review}>Sprint review</Link>
      </div>
      <p className="muted">
        {r.sprint.team.name} · {r.sprint.start_date} to {r.sprint.end_date}
        {canWrite ? '' : ' · read-only: the Product Owner, Scrum Masters and the team write here'}
      </p>
      {message && (
        <p className="alert alert-error" role="alert">
          {message}
        </p>
      )}
      <div className="retro-board">
        {RETRO_COLUMNS.map((col) => (
          <section key={col} aria-labelledby={`retro-col-${col}`} className={`retro-column retro-${col}`}>
            <h2 id={`retro-col-${col}`}>
              {COLUMN_LABELS[col]} <span className="board-count">{r.cards[col].length}</span>
            </h2>
            {canWrite && <AddCardForm sprintId={sprintId} column={col} onAdded={onCard} report={report} />}
            {r.cards[col].length === 0 ? (
              <p className="muted">No cards yet.</p>
            ) : (
              <ul className="retro-cards" aria-label={`${COLUMN_LABELS[col]} cards`}>
                {r.cards[col].map((card) => {
                  const isAuthor = canWrite && card.author.id === me.user.id;
                  return (
                    <CardView
                      key={card.id}
                      card={card}
                      canWrite={canWrite}
                      isAuthor={isAuthor}
                      canDelete={canWrite && (isAuthor || isPO || isSM)}
                      onChange={onCard}
                      onDeleted={onCardDeleted}
                      onMakeAction={canWrite && col === 'action' ? makeAction : undefined}
                      report={report}
                    />
                  );
                })}
              </ul>
            )}
          </section>
        ))}
      </div>
      <ActionItems
        retro={r}
        people={people}
        canWrite={canWrite}
        draft={actionDraft}
        setDraft={setActionDraft}
        onAction={onAction}
        report={report}
      />
    </article>
  );
}

/** /products/:productId/sprints/:sprintId/retro */
export function RetroRoute() {
  const { productId = '', sprintId = '' } = useParams();
  return <RetroPage key={sprintId} productId={productId} sprintId={sprintId} />;
}
