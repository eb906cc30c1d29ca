import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { voiceApi } from '../../api/voice';
import {
  FEEDBACK_SOURCES,
  FEEDBACK_STATUSES,
  IMPORTANCES,
  SENTIMENTS,
  type Customer,
  type Feedback,
  type FeedbackInput,
  type FeedbackKind,
  type FeedbackSource,
  type FeedbackStatus,
  type Idea,
  type Importance,
  type Sentiment,
} from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import {
  canTriage,
  canWriteFeedback,
  FEEDBACK_STATUS_LABELS,
  IMPORTANCE_LABELS,
  SENTIMENT_LABELS,
  SOURCE_LABELS,
  todayUtc,
} from './voiceModel';

/** The "Give feedback" form: text, source, kind (and score), sentiment, date, customer, contact. */
export function GiveFeedbackForm({
  productId,
  customers,
  onCreated,
  onCancel,
}: {
  productId: string;
  customers: Customer[];
  onCreated: (f: Feedback) => void;
  onCancel?: () => void;
}) {
  const [text, setText] = useState('');
  const [source, setSource] = useState<FeedbackSource>('interview');
  const [kind, setKind] = useState<FeedbackKind>('qualitative');
  const [score, setScore] = useState('');
  const [sentiment, setSentiment] = useState<Sentiment>('neutral');
  const [date, setDate] = useState(todayUtc());
  const [customerId, setCustomerId] = useState('');
  const [contactId, setContactId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const contacts = customers.find((c) => c.id === customerId)?.contacts ?? [];

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const input: FeedbackInput = { text: text.trim(), source, kind, sentiment, date };
    if (kind === 'quantitative' && score !== '') input.score = Number(score);
    if (customerId) input.customer_id = customerId;
    if (contactId) input.contact_id = contactId;
    setBusy(true);
    try {
      const created = await voiceApi.createFeedback(productId, input);
      setText('');
      setScore('');
      onCreated(created);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Give feedback" onSubmit={onSubmit}>
      <label className="field">
        What did you hear?
        <textarea value={text} required rows={3} maxLength={10000} onChange={(e) => setText(e.target.value)} />
        {errors.text && <span className="field-error">{errors.text}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Source
          <select value={source} onChange={(e) => setSource(e.target.value as FeedbackSource)}>
            {FEEDBACK_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as FeedbackKind)}>
            <option value="qualitative">Qualitative</option>
            <option value="quantitative">Quantitative</option>
          </select>
        </label>
        {kind === 'quantitative' && (
          <label className="field">
            Score (0–100)
            <input type="number" min={0} max={100} step="any" value={score} onChange={(e) => setScore(e.target.value)} />
            {errors.score && <span className="field-error">{errors.score}</span>}
          </label>
        )}
        <label className="field">
          Sentiment
          <select value={sentiment} onChange={(e) => setSentiment(e.target.value as Sentiment)}>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {SENTIMENT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Date
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          {errors.date && <span className="field-error">{errors.date}</span>}
        </label>
        <label className="field">
          Customer
          <select
            value={customerId}
            onChange={(e) => {
              setCustomerId(e.target.value);
              setContactId('');
            }}
          >
            <option value="">None</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.customer_id && <span className="field-error">{errors.customer_id}</span>}
        </label>
        <label className="field">
          Contact
          <select value={contactId} disabled={contacts.length === 0} onChange={(e) => setContactId(e.target.value)}>
            <option value="">None</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.contact_id && <span className="field-error">{errors.contact_id}</span>}
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          Submit feedback
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The PM's and PO's triage of one feedback: link it to an item or idea, mark triaged or archived. */
function TriageControls({
  feedback,
  ideas,
  onChanged,
}: {
  feedback: Feedback;
  ideas: Idea[];
  onChanged: (f: Feedback) => void;
}) {
  const [targetType, setTargetType] = useState<'item' | 'idea'>('item');
  const [itemKey, setItemKey] = useState('');
  const [ideaId, setIdeaId] = useState('');
  const [importance, setImportance] = useState<Importance>('important');
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<Feedback>) {
    setError(null);
    try {
      onChanged(await action());
    } catch (e) {
      const err = toApiError(e);
      const fields = err.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
      setError(fields ? `${err.message} (${fields})` : err.message);
    }
  }

  function link(e: FormEvent) {
    e.preventDefault();
    const targetId = targetType === 'item' ? itemKey.trim() : ideaId;
    if (!targetId) {
      setError(targetType === 'item' ? 'Name an item by its key.' : 'Choose an idea.');
      return;
    }
    void run(async () => {
      const res = await voiceApi.linkFeedback(feedback.id, { target_type: targetType, target_id: targetId, importance });
      setItemKey('');
      setIdeaId('');
      return res.feedback;
    });
  }

  const label = `Link feedback from ${feedback.date}`;
  return (
    <div className="triage">
      <form className="inline-form" aria-label={label} onSubmit={link}>
        <select aria-label="Link to" value={targetType} onChange={(e) => setTargetType(e.target.value as 'item' | 'idea')}>
          <option value="item">Epic, feature or story</option>
          <option value="idea">Idea</option>
        </select>
        {targetType === 'item' ? (
          <input aria-label="Item key" placeholder="X2-12" size={10} value={itemKey} onChange={(e) => setItemKey(e.target.value)} />
        ) : (
          <select aria-label="Idea" value={ideaId} onChange={(e) => setIdeaId(e.target.value)}>
            <option value="">Choose an idea</option>
            {ideas.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
        <select aria-label="Importance" value={importance} onChange={(e) => setImportance(e.target.value as Importance)}>
          {IMPORTANCES.map((i) => (
            <option key={i} value={i}>
              {IMPORTANCE_LABELS[i]}
            </option>
          ))}
        </select>
        <button type="submit">Link</button>
        {feedback.status !== 'triaged' && (
          <button
            type="button"
            onClick={() => void run(() => voiceApi.updateFeedback(feedback.id, feedback.version, { status: 'triaged' }))}
          >
            Mark triaged
          </button>
        )}
        {feedback.status !== 'archived' && (
          <button
            type="button"
            onClick={() => void run(() => voiceApi.updateFeedback(feedback.id, feedback.version, { status: 'archived' }))}
          >
            Archive
          </button>
        )}
        {feedback.status !== 'new' && (
          <button
            type="button"
            onClick={() => void run(() => voiceApi.updateFeedback(feedback.id, feedback.version, { status: 'new' }))}
          >
            Back to inbox
          </button>
        )}
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FeedbackCard({
  feedback,
  base,
  ideas,
  triage,
  mayDelete,
  onChanged,
  onUnlink,
  onDelete,
}: {
  feedback: Feedback;
  base: string;
  ideas: Idea[];
  triage: boolean;
  /** Its author, the PM and the PO delete feedback. */
  mayDelete: boolean;
  onChanged: (f: Feedback) => void;
  onUnlink: (linkId: string) => void;
  onDelete: () => void;
}) {
  const f = feedback;
  return (
    <li className="card feedback-card" aria-label={`Feedback: ${f.text.slice(0, 60)}`}>
      <p className="feedback-text">{f.text}</p>
      <p className="muted">
        {f.date} · {SOURCE_LABELS[f.source]} · {SENTIMENT_LABELS[f.sentiment]}
        {f.score !== null && ` · score ${f.score}`}
        {f.customer && ` · ${f.customer.name}`}
        {f.contact && ` (${f.contact.name})`} · by {f.author.name} ·{' '}
        <span className="flag">{FEEDBACK_STATUS_LABELS[f.status]}</span>
        {mayDelete && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={onDelete}>
              Delete
            </button>
          </>
        )}
      </p>
      {f.links.length > 0 && (
        <ul className="feedback-links">
          {f.links.map((l) => (
            <li key={l.id}>
              {IMPORTANCE_LABELS[l.importance]} for{' '}
              {l.target === null ? (
                <span className="muted">a deleted {l.target_type}</span>
              ) : l.target_type === 'item' ? (
                <Link to={`${base}/items/${encodeURIComponent(l.target.key ?? l.target.id)}`}>
                  {l.target.key} {l.target.title}
                </Link>
              ) : (
                <Link to={`${base}/ideas/${encodeURIComponent(l.target.id)}`}>idea “{l.target.title}”</Link>
              )}
              {triage && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={() => onUnlink(l.id)} aria-label={`Remove link to ${l.target?.title ?? l.target_type}`}>
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {triage && <TriageControls feedback={f} ideas={ideas} onChanged={onChanged} />}
    </li>
  );
}

/**
 * The feedback inbox: new feedback newest first for triage by the PM and PO (link it to an epic,
 * feature, story or idea with an importance; mark it triaged or archived), the other statuses
 * on their tabs, and a "Give feedback" form for everyone.
 */
export function FeedbackPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const triage = canTriage(roles);
  const [status, setStatus] = useState<FeedbackStatus | ''>('new');
  const [giving, setGiving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [more, setMore] = useState<{ items: Feedback[]; cursor: string | null } | null>(null);
  const list = useAsync(
    (signal) => voiceApi.feedbackPage(productId, { status, limit: 50 }, signal),
    [productId, status],
  );
  const customers = useAsync((signal) => voiceApi.customers(productId, {}, signal), [productId]);
  const ideas = useAsync((signal) => (triage ? voiceApi.ideas(productId, {}, signal) : Promise.resolve([])), [productId, triage]);

  useLiveEvents(
    (e) => e.product_id === productId && (e.entity_type === 'feedback' || e.entity_type === 'customer'),
    () => {
      list.refresh();
      customers.refresh();
    },
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  const shown = [...(list.data?.data ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (list.data?.next_cursor ?? null);

  function replace(next: Feedback) {
    // Feedback that left the shown status drops out of the list.
    const keep = status === '' || next.status === status;
    list.setData((page) => ({
      ...page,
      data: keep ? page.data.map((f) => (f.id === next.id ? next : f)) : page.data.filter((f) => f.id !== next.id),
    }));
    setMore((m) =>
      m && {
        ...m,
        items: keep ? m.items.map((f) => (f.id === next.id ? next : f)) : m.items.filter((f) => f.id !== next.id),
      },
    );
    setNotice(keep ? 'Feedback updated.' : `Feedback moved to ${FEEDBACK_STATUS_LABELS[next.status]}.`);
  }

  async function unlink(linkId: string) {
    try {
      await voiceApi.unlinkFeedback(linkId);
      list.refresh();
      setMore(null);
    } catch (e) {
      setNotice(toApiError(e).message);
    }
  }

  async function remove(f: Feedback) {
    if (!window.confirm('Delete this feedback and its links?')) return;
    try {
      await voiceApi.deleteFeedback(f.id);
      list.setData((page) => ({ ...page, data: page.data.filter((x) => x.id !== f.id) }));
      setMore((m) => m && { ...m, items: m.items.filter((x) => x.id !== f.id) });
      setNotice('Feedback deleted.');
    } catch (e) {
      setNotice(toApiError(e).message);
    }
  }

  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await voiceApi.feedbackPage(productId, { status, limit: 50, cursor });
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.data], cursor: page.next_cursor }));
    } catch (e) {
      setNotice(toApiError(e).message);
    }
  }

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Feedback">Feedback</PageHeading>
        <Link to={`${base}/customers`}>Customers</Link>
        <Link to={`${base}/ideas`}>Ideas</Link>
        {canWriteFeedback(roles) && !giving && (
          <button type="button" className="primary" onClick={() => setGiving(true)}>
            Give feedback
          </button>
        )}
      </div>
      {giving && (
        <GiveFeedbackForm
          productId={productId}
          customers={customers.data ?? []}
          onCancel={() => setGiving(false)}
          onCreated={() => {
            setGiving(false);
            setNotice('Thank you: your feedback is in the inbox.');
            setMore(null);
            list.refresh();
          }}
        />
      )}
      {notice && <p role="status">{notice}</p>}
      <div className="toolbar status-tabs" role="group" aria-label="Status">
        {([...FEEDBACK_STATUSES, ''] as const).map((s) => (
          <button
            key={s || 'all'}
            type="button"
            aria-pressed={status === s}
            onClick={() => {
              setStatus(s);
              setMore(null);
            }}
          >
            {s === 'new' ? 'Inbox (new)' : s ? FEEDBACK_STATUS_LABELS[s] : 'All'}
          </button>
        ))}
      </div>
      {list.status === 'error' && !list.data && (
        <ErrorState error={list.error} title="Could not load the feedback" onRetry={list.reload} />
      )}
      {!list.data && list.status === 'loading' && <Loading />}
      {list.data && shown.length === 0 && (
        <p className="muted">{status === 'new' ? 'The inbox is empty: all feedback is triaged.' : 'No feedback here.'}</p>
      )}
      {shown.length > 0 && (
        <ul className="voice-list" aria-label="Feedback">
          {shown.map((f) => (
            <FeedbackCard
              key={f.id}
              feedback={f}
              base={base}
              ideas={ideas.data ?? []}
              triage={triage}
              mayDelete={triage || f.author.id === me.user.id}
              onChanged={replace}
              onUnlink={(id) => void unlink(id)}
              onDelete={() => void remove(f)}
            />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}
