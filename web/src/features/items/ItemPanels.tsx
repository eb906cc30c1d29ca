// The smaller sections of the item page: Definition of Ready / Done, custom fields, links,
// comments and history.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import {
  LINK_KINDS,
  type BacklogSettings,
  type ChecklistEntry,
  type Comment,
  type CustomField,
  type FieldValue,
  type Item,
  type ItemChanges,
  type LinkKind,
} from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import type { HistoryEntry, UserRef } from '../../api/types';
import { formatValue } from '../history/HistoryPage';
import { typeLabel } from '../backlog/itemLabels';
import { Markdown } from './Markdown';

export type Save = (changes: ItemChanges) => Promise<boolean>;

export function Checklist({
  title,
  entries,
  checked,
  field,
  canTick,
  save,
}: {
  title: string;
  entries: ChecklistEntry[];
  checked: string[];
  field: 'ready_checks' | 'done_checks';
  canTick: boolean;
  save: Save;
}) {
  if (entries.length === 0) return null;
  return (
    <fieldset className="checklist">
      <legend>{title}</legend>
      {entries.map((e) => (
        <label key={e.id} className="checkbox">
          <input
            type="checkbox"
            checked={checked.includes(e.id)}
            disabled={!canTick}
            onChange={(ev) =>
              void save({
                [field]: ev.target.checked ? [...checked, e.id] : checked.filter((c) => c !== e.id),
              })
            }
          />{' '}
          {e.text}
        </label>
      ))}
    </fieldset>
  );
}

function fieldInput(
  f: CustomField,
  value: FieldValue | undefined,
  set: (v: FieldValue) => void,
  people: UserRef[],
  disabled: boolean,
) {
  const id = `field-${f.key}`;
  switch (f.type) {
    case 'number':
      return (
        <input
          id={id}
          type="number"
          disabled={disabled}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => set(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'date':
      return (
        <input
          id={id}
          type="date"
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? null : e.target.value)}
        />
      );
    case 'single_select':
      return (
        <select id={id} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || null)}>
          <option value="">—</option>
          {(f.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'multi_select': {
      const list = Array.isArray(value) ? value : [];
      return (
        <span id={id} role="group" aria-label={f.name} className="multi-select">
          {(f.options ?? []).map((o) => (
            <label key={o} className="checkbox">
              <input
                type="checkbox"
                disabled={disabled}
                checked={list.includes(o)}
                onChange={(e) => set(e.target.checked ? [...list, o] : list.filter((x) => x !== o))}
              />{' '}
              {o}
            </label>
          ))}
        </span>
      );
    }
    case 'user':
      return (
        <select id={id} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || null)}>
          <option value="">—</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <input
          id={id}
          disabled={disabled}
          maxLength={2000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value === '' ? null : e.target.value)}
        />
      );
  }
}

export function CustomFields({
  item,
  settings,
  people,
  canEdit,
  save,
}: {
  item: Item;
  settings: BacklogSettings;
  people: UserRef[];
  canEdit: boolean;
  save: Save;
}) {
  const [values, setValues] = useState<Record<string, FieldValue>>(item.fields ?? {});
  const [dirty, setDirty] = useState(false);
  const [shownVersion, setShownVersion] = useState(item.version);
  if (!dirty && shownVersion !== item.version) {
    setShownVersion(item.version);
    setValues(item.fields ?? {});
  }
  if (settings.fields.length === 0) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await save({ fields: values })) setDirty(false);
  }

  return (
    <form className="custom-fields card" aria-label="Custom fields" onSubmit={onSubmit}>
      <h2>Fields</h2>
      <div className="form-grid">
        {settings.fields.map((f) => (
          <div className="field" key={f.id}>
            {f.type === 'multi_select' ? (
              <span>{f.name}</span>
            ) : (
              <label htmlFor={`field-${f.key}`}>
                {f.name}
                {f.required && ' (required)'}
              </label>
            )}
            {fieldInput(
              f,
              values[f.key],
              (v) => {
                setValues((vs) => ({ ...vs, [f.key]: v }));
                setDirty(true);
              },
              people,
              !canEdit,
            )}
          </div>
        ))}
      </div>
      {canEdit && (
        <button type="submit" disabled={!dirty}>
          Save fields
        </button>
      )}
    </form>
  );
}

const LINK_LABELS: Record<LinkKind, string> = {
  blocks: 'blocks',
  blocked_by: 'is blocked by',
  relates: 'relates to',
  duplicates: 'duplicates',
  duplicated_by: 'is duplicated by',
};

export function Links({
  item,
  productId,
  canEdit,
  onChanged,
}: {
  item: Item;
  productId: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [kind, setKind] = useState<LinkKind>('relates');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (target.trim() === '') return;
    setError(null);
    try {
      await backlogApi.addLink(item.id, kind, target.trim().toUpperCase());
      setTarget('');
      onChanged();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  async function remove(linkId: string) {
    setError(null);
    try {
      await backlogApi.removeLink(item.id, linkId);
      onChanged();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">Links</h2>
      {item.links.length === 0 && <p className="muted">No links.</p>}
      <ul className="links">
        {item.links.map((l) => (
          <li key={l.id}>
            {LINK_LABELS[l.kind] ?? l.kind}{' '}
            <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(l.item.key)}`}>
              {l.item.key} {l.item.title}
            </Link>{' '}
            <span className="muted">({l.item.status})</span>
            {canEdit && (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove link to ${l.item.key}`}
                onClick={() => void remove(l.id)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="inline-form" aria-label="Add a link" onSubmit={add}>
          <label>
            Link kind{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
              {LINK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LINK_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Target item key <input value={target} size={10} onChange={(e) => setTarget(e.target.value)} />
          </label>
          <button type="submit">Add link</button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function CommentView({ comment, mine, onSaved }: { comment: Comment; mine: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await backlogApi.editComment(comment.id, text);
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author.name}</strong>{' '}
        <span className="muted">{new Date(comment.created_at).toLocaleString()}</span>
        {mine && !editing && (
          <button type="button" className="link-like" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
      </p>
      {editing ? (
        <form onSubmit={save} aria-label="Edit comment">
          <label className="visually-hidden" htmlFor={`comment-${comment.id}`}>
            Comment text
          </label>
          <textarea id={`comment-${comment.id}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="inline-form">
            <button type="submit" className="primary">
              Save comment
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <Markdown text={comment.body} />
      )}
    </li>
  );
}

export function Comments({
  itemId,
  comments,
  myId,
  people,
  onChanged,
}: {
  itemId: string;
  comments: Comment[];
  myId: string;
  people: UserRef[];
  onChanged: () => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The @word being typed at the end, for mention suggestions.
  const mention = /(?:^|\s)@([\w.-]*)$/.exec(body)?.[1];
  const candidates =
    mention === undefined
      ? []
      : people
          .map((p) => ({ p, handle: (p.email ?? '').split('@')[0] }))
          .filter(({ p, handle }) => handle && (handle.startsWith(mention.toLowerCase()) || p.name.toLowerCase().startsWith(mention.toLowerCase())))
          .slice(0, 6);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (body.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await backlogApi.addComment(itemId, body);
      setBody('');
      onChanged();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {comments.length === 0 && <p className="muted">No comments yet.</p>}
      <ul className="comments">
        {comments.map((c) => (
          <CommentView key={c.id} comment={c} mine={c.author.id === myId} onSaved={onChanged} />
        ))}
      </ul>
      <form onSubmit={add} aria-label="Add a comment" className="form-grid">
        <label htmlFor="new-comment">Comment (Markdown; @name mentions someone)</label>
        <textarea id="new-comment" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        {candidates.length > 0 && (
          <div className="mention-suggestions" role="group" aria-label="Mention">
            {candidates.map(({ p, handle }) => (
              <button
                key={p.id}
                type="button"
                onClick={() => setBody((b) => b.replace(/@[\w.-]*$/, `@${handle} `))}
              >
                @{handle} ({p.name})
              </button>
            ))}
          </div>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy || body.trim() === ''}>
            Add comment
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

export function ItemHistory({ entries }: { entries: HistoryEntry[] }) {
  return (
    <section aria-labelledby="item-history-heading">
      <h2 id="item-history-heading">History</h2>
      {entries.length === 0 && <p className="muted">No history yet.</p>}
      <ol className="item-history">
        {entries.map((h) => (
          <li key={h.id}>
            <span className="muted">{new Date(h.at).toLocaleString()}</span> {h.actor?.name ?? 'System'}{' '}
            {h.action} {h.entity_type !== 'item' && <span className="muted">({h.entity_type.replace('_', ' ')})</span>}
            {h.changes && Object.keys(h.changes).length > 0 && (
              <ul className="changes">
                {Object.entries(h.changes).map(([field, c]) => (
                  <li key={field}>
                    <span className="field-name">{field}</span>: <span className="before">{formatValue(c?.before)}</span>
                    {' → '}
                    <span className="after">{formatValue(c?.after)}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ParentLink({ item, productId }: { item: Item; productId: string }) {
  if (!item.parent) return <span className="muted">None</span>;
  return (
    <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(item.parent.key)}`}>
      {item.parent.key} {item.parent.title} ({typeLabel(item.parent.type)})
    </Link>
  );
}
