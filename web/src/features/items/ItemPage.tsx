import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import {
  ITEM_TYPES,
  PRIORITIES,
  type Item,
  type ItemChanges,
  type ItemType,
  type PokerRound,
  type Priority,
} from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { assignablePeople } from '../backlog/BacklogPage';
import {
  BACKLOG_ENTITY_TYPES,
  flagLabel,
  isCommentEvent,
  isPokerEvent,
  priorityLabel,
  PRIORITY_LABELS,
  TYPE_LABELS,
  typeLabel,
} from '../backlog/itemLabels';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { goalPath, initiativePath } from '../strategy/StrategyParts';
import { TestsPanel } from '../testing/TestsPanel';
import { CriteriaEditor } from './CriteriaEditor';
import { ItemAlignment } from './ItemAlignment';
import { Checklist, Comments, CustomFields, ItemHistory, Links, ParentLink } from './ItemPanels';
import { Markdown } from './Markdown';
import { SplitDialog } from './SplitDialog';

async function latestRound(itemId: string, signal: AbortSignal): Promise<PokerRound | null> {
  try {
    return await backlogApi.latestPoker(itemId, signal);
  } catch (e) {
    if (toApiError(e).status === 404) return null;
    throw e;
  }
}

function DetailsForm({
  item,
  full,
  onSave,
  onCancel,
}: {
  item: Item;
  /** All fields (the PO); otherwise only the alignment (the PM). */
  full: boolean;
  onSave: (c: ItemChanges) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(item.title);
  const [type, setType] = useState<ItemType>(item.type);
  const [labels, setLabels] = useState(item.labels.join(', '));
  const [parent, setParent] = useState(item.parent?.key ?? '');
  const [goal, setGoal] = useState(item.goal_id ?? '');
  const [initiative, setInitiative] = useState(item.initiative_id ?? '');
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const c: ItemChanges = {};
    if (full) {
      if (title.trim() !== item.title) c.title = title.trim();
      if (type !== item.type) c.type = type;
      const ls = labels
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      if (ls.join(',') !== item.labels.join(',')) c.labels = ls;
      if (parent.trim().toUpperCase() !== (item.parent?.key ?? '')) {
        if (parent.trim() === '') c.parent_id = null;
        else {
          try {
            c.parent_id = (await backlogApi.getItem(parent.trim().toUpperCase())).id;
          } catch (err) {
            setError(`Parent ${parent}: ${toApiError(err).message}`);
            return;
          }
        }
      }
    }
    if (goal.trim() !== (item.goal_id ?? '')) c.goal_id = goal.trim() || null;
    if (initiative.trim() !== (item.initiative_id ?? '')) c.initiative_id = initiative.trim() || null;
    if (Object.keys(c).length === 0) return onCancel();
    await onSave(c);
  }

  return (
    <form className="card form-grid" aria-label="Edit details" onSubmit={onSubmit}>
      {full && (
        <>
          <label className="field">
            Title <input value={title} required maxLength={300} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            Type{' '}
            <select value={type} onChange={(e) => setType(e.target.value as ItemType)}>
              {ITEM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Labels (comma-separated) <input value={labels} onChange={(e) => setLabels(e.target.value)} />
          </label>
          <label className="field">
            Parent key <input value={parent} onChange={(e) => setParent(e.target.value)} placeholder="e.g. X2-3" />
          </label>
        </>
      )}
      <label className="field">
        Goal id <input value={goal} onChange={(e) => setGoal(e.target.value)} />
      </label>
      <label className="field">
        Initiative id <input value={initiative} onChange={(e) => setInitiative(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save details
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Description({ item, canEdit, onSave }: { item: Item; canEdit: boolean; onSave: (c: ItemChanges) => Promise<boolean> }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <section aria-labelledby="description-heading">
        <div className="heading-row">
          <h2 id="description-heading">Description</h2>
          {canEdit && (
            <button type="button" onClick={() => setDraft(item.description)}>
              Edit description
            </button>
          )}
        </div>
        {item.description ? <Markdown text={item.description} /> : <p className="muted">No description.</p>}
      </section>
    );
  }
  return (
    <section aria-labelledby="description-heading">
      <h2 id="description-heading">Description</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onSave({ description: draft })) setDraft(null);
        }}
      >
        <label htmlFor="description-input" className="visually-hidden">
          Description (Markdown)
        </label>
        <textarea
          id="description-input"
          className="description-input"
          rows={10}
          maxLength={20000}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="inline-form">
          <button type="submit" className="primary">
            Save description
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

export function ItemPage({ productId, itemKey }: { productId: string; itemKey: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = roles.includes('product_owner');
  const isSM = roles.includes('scrum_master');
  const isPM = roles.includes('product_manager');
  const isTeam = roles.includes('team_member');

  const item = useAsync((signal) => backlogApi.getItem(itemKey, signal), [itemKey]);
  const settings = useAsync((signal) => backlogApi.settings(productId, signal), [productId]);
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);
  const itemId = item.data?.id ?? null;
  const comments = useAsync((signal) => (itemId ? backlogApi.comments(itemId, signal) : Promise.resolve([])), [itemId]);
  const history = useAsync(
    (signal) => (itemId ? backlogApi.itemHistory(itemId, signal).then((p) => p.data) : Promise.resolve([])),
    [itemId],
  );
  const poker = useAsync((signal) => (itemId ? latestRound(itemId, signal) : Promise.resolve(null)), [itemId]);

  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [editing, setEditing] = useState(false);
  const [splitting, setSplitting] = useState(false);
  const [watching, setWatching] = useState<boolean | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && BACKLOG_ENTITY_TYPES.has(e.entity_type) && e.entity_type !== 'saved_view',
    (events) => {
      item.refresh();
      history.refresh();
      if (events.some(isCommentEvent)) comments.refresh();
      if (events.some(isPokerEvent)) poker.refresh();
      if (events.some((e) => e.entity_type === 'backlog_settings')) settings.refresh();
    },
  );

  if (item.status === 'error' && !item.data) {
    return <ErrorState error={item.error} title={`Could not load ${itemKey}`} onRetry={item.reload} />;
  }
  if (!item.data) return <Loading />;
  const it = item.data;
  const s = settings.data;
  const people = assignablePeople(product.data?.roles);
  const canWork = isPO || (isTeam && (!it.assignee || it.assignee.id === me.user.id));

  async function save(changes: ItemChanges): Promise<boolean> {
    setMessage(null);
    try {
      const saved = await backlogApi.updateItem(it.id, it.version, changes);
      item.setData(() => saved);
      history.refresh();
      return true;
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 412) {
        const current = (err.body as { current?: Item } | undefined)?.current;
        if (current) item.setData(() => current);
        else item.refresh();
        setMessage({
          kind: 'error',
          text: `${it.key} was changed by someone else (now version ${current?.version ?? 'newer'}); your input is kept — save again to apply it.`,
        });
      } else {
        setMessage({ kind: 'error', text: err.message });
      }
      return false;
    }
  }

  async function run(action: () => Promise<unknown>, ok?: string) {
    setMessage(null);
    try {
      await action();
      if (ok) setMessage({ kind: 'ok', text: ok });
      item.refresh();
      history.refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: toApiError(e).message });
    }
  }

  const statusOptions = (s?.statuses ?? []).filter(
    (st) =>
      st.key === it.status ||
      (s?.transitions.length ?? 0) === 0 ||
      s!.transitions.some((t) => t.from === it.status && t.to === st.key),
  );
  const isWatching = watching ?? it.watching ?? false;
  const round = poker.data ?? null;
  const pokerPath = (id: string) => `/products/${encodeURIComponent(productId)}/poker/${encodeURIComponent(id)}`;

  return (
    <article className="item-page">
      <p className="breadcrumbs">
        <Link to={`/products/${encodeURIComponent(productId)}/backlog`}>Backlog</Link> / <span className="mono">{it.key}</span>
      </p>
      <div className="heading-row">
        <PageHeading title={`${it.key} ${it.title}`}>
          <span className={`type type-${it.type}`}>{typeLabel(it.type)}</span> {it.title}
        </PageHeading>
        <button
          type="button"
          aria-pressed={isWatching}
          onClick={() =>
            void run(async () => {
              await backlogApi.watch(it.id, !isWatching);
              setWatching(!isWatching);
            })
          }
        >
          {isWatching ? 'Unwatch' : 'Watch'}
        </button>
        {(isPO || isPM) && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit details
          </button>
        )}
        {isPO && it.category !== 'done' && (
          <button type="button" className="primary" onClick={() => void run(() => backlogApi.accept(it.id), `${it.key} accepted.`)}>
            Accept
          </button>
        )}
        {isPO && !splitting && (
          <button type="button" onClick={() => setSplitting(true)}>
            Split…
          </button>
        )}
      </div>
      {message && (
        <p className={`alert ${message.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {it.flags.length > 0 && (
        <p>
          {it.flags.map((f) => (
            <span key={f} className={`flag flag-${f}`}>
              {flagLabel(f)}
            </span>
          ))}
        </p>
      )}
      {editing && (
        <DetailsForm
          item={it}
          full={isPO}
          onCancel={() => setEditing(false)}
          onSave={async (c) => {
            const ok = await save(c);
            if (ok) setEditing(false);
            return ok;
          }}
        />
      )}
      {splitting && (
        <SplitDialog
          item={it}
          pointScale={s?.point_scale ?? []}
          onCancel={() => setSplitting(false)}
          onDone={() => {
            setSplitting(false);
            setMessage({ kind: 'ok', text: `${it.key} was split.` });
            item.refresh();
          }}
        />
      )}
      <dl className="facts">
        <dt>Key</dt>
        <dd className="mono">{it.key}</dd>
        <dt>
          <label htmlFor="item-status">Status</label>
        </dt>
        <dd>
          {canWork && s ? (
            <select id="item-status" value={it.status} onChange={(e) => void save({ status: e.target.value })}>
              {statusOptions.map((st) => (
                <option key={st.key} value={st.key}>
                  {st.name}
                </option>
              ))}
            </select>
          ) : (
            <span id="item-status">{s?.statuses.find((x) => x.key === it.status)?.name ?? it.status}</span>
          )}
        </dd>
        <dt>
          <label htmlFor="item-points">Points</label>
        </dt>
        <dd>
          {canWork && s ? (
            <select
              id="item-points"
              value={it.points === null ? '' : String(it.points)}
              onChange={(e) => void save({ points: e.target.value === '' ? null : Number(e.target.value) })}
            >
              <option value="">—</option>
              {s.point_scale.map((p) => (
                <option key={p} value={String(p)}>
                  {p}
                </option>
              ))}
            </select>
          ) : (
            <span id="item-points">{it.points ?? '—'}</span>
          )}
        </dd>
        <dt>
          <label htmlFor="item-priority">Priority</label>
        </dt>
        <dd>
          {canWork ? (
            <select
              id="item-priority"
              value={it.priority ?? 'medium'}
              onChange={(e) => void save({ priority: e.target.value as Priority })}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </select>
          ) : (
            <span id="item-priority">{priorityLabel(it.priority)}</span>
          )}
        </dd>
        <dt>
          <label htmlFor="item-assignee">Assignee</label>
        </dt>
        <dd>
          {canWork ? (
            <select
              id="item-assignee"
              value={it.assignee?.id ?? ''}
              onChange={(e) => void save({ assignee_id: e.target.value || null })}
            >
              <option value="">Unassigned</option>
              {(isPO ? people : people.filter((p) => p.id === me.user.id)).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {it.assignee && !people.some((p) => p.id === it.assignee!.id) && (
                <option value={it.assignee.id}>{it.assignee.name}</option>
              )}
            </select>
          ) : (
            <span id="item-assignee">{it.assignee?.name ?? 'Unassigned'}</span>
          )}
        </dd>
        <dt>Labels</dt>
        <dd>
          {it.labels.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            it.labels.map((l) => (
              <span key={l} className="label-chip">
                {l}
              </span>
            ))
          )}
        </dd>
        <dt>Parent</dt>
        <dd>
          <ParentLink item={it} productId={productId} />
        </dd>
        <dt>Goal</dt>
        <dd>
          {it.goal_id ? (
            <Link to={goalPath(productId, it.goal_id)}>{it.goal?.objective ?? it.goal_id}</Link>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Initiative</dt>
        <dd>
          {it.initiative_id ? (
            <Link to={initiativePath(productId, it.initiative_id)}>{it.initiative?.name ?? it.initiative_id}</Link>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Ready</dt>
        <dd>{it.ready ? 'Yes' : 'No'}</dd>
        {it.rollup && (
          <>
            <dt>Roll-up</dt>
            <dd>
              <progress max={it.rollup.total_points || 1} value={it.rollup.done_points} aria-label="Done points" />{' '}
              {it.rollup.done_points} / {it.rollup.total_points} points done
            </dd>
          </>
        )}
        {it.accepted_at && (
          <>
            <dt>Accepted</dt>
            <dd>
              {new Date(it.accepted_at).toLocaleString()}
              {typeof it.accepted_by === 'object' && it.accepted_by ? ` by ${it.accepted_by.name}` : ''}
            </dd>
          </>
        )}
      </dl>

      <ItemAlignment productId={productId} item={it} canEdit={isPO || isPM} onSave={save} />

      <section aria-labelledby="poker-heading" className="card">
        <h2 id="poker-heading">Planning poker</h2>
        {round && round.state !== 'closed' ? (
          <p>
            A round is {round.state === 'voting' ? 'open for votes' : 'revealed'}.{' '}
            <Link to={pokerPath(round.id)}>Open the poker room</Link>
          </p>
        ) : (
          <p className="muted">
            {round ? `Last round finished with ${round.final_points ?? '—'} points. ` : 'No round yet. '}
            {round && <Link to={pokerPath(round.id)}>See the last round</Link>}
          </p>
        )}
        {(isPO || isSM) && (!round || round.state === 'closed') && (
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                const r = await backlogApi.startPoker(it.id);
                navigate(pokerPath(r.id));
              })
            }
          >
            Start planning poker
          </button>
        )}
      </section>

      <Description item={it} canEdit={isPO} onSave={save} />
      <CriteriaEditor key={it.id} item={it} canEdit={isPO} canTick={canWork} onSaved={(saved) => item.setData(() => saved)} />
      {s && (
        <div className="checklists">
          <Checklist
            title="Definition of Ready"
            entries={s.definition_of_ready}
            checked={it.ready_checks}
            field="ready_checks"
            canTick={canWork}
            save={save}
          />
          <Checklist
            title="Definition of Done"
            entries={s.definition_of_done}
            checked={it.done_checks}
            field="done_checks"
            canTick={canWork}
            save={save}
          />
        </div>
      )}
      {s && <CustomFields item={it} settings={s} people={people} canEdit={isPO} save={save} />}
      <Links item={it} productId={productId} canEdit={isPO} onChanged={() => item.refresh()} />
      {(it.type === 'story' || it.type === 'bug') && <TestsPanel item={it} canEdit={isPO || isTeam} />}
      <Comments
        itemId={it.id}
        comments={comments.data ?? []}
        myId={me.user.id}
        people={people}
        onChanged={() => {
          comments.refresh();
          history.refresh();
        }}
      />
      <ItemHistory entries={history.data ?? []} />
    </article>
  );
}
