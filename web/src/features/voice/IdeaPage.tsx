import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { voiceApi } from '../../api/voice';
import { IDEA_STATUSES, type Idea, type IdeaStatus } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Markdown } from '../items/Markdown';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { forgetCustomerVote, rememberCustomerVote, rememberedCustomerVotes } from './myVotes';
import {
  canReadMarket,
  canTriage,
  canWriteFeedback,
  formatRevenue,
  IDEA_STATUS_LABELS,
  IMPORTANCE_LABELS,
  SOURCE_LABELS,
} from './voiceModel';

/** The PM's and PO's decision on an idea: status, the reason of a decline, the planned item. */
function DecideForm({ idea, onSaved }: { idea: Idea; onSaved: (i: Idea) => void }) {
  const [status, setStatus] = useState<IdeaStatus>(idea.status);
  const [reason, setReason] = useState(idea.decline_reason ?? '');
  const [itemKey, setItemKey] = useState(idea.item?.key ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      onSaved(
        await voiceApi.updateIdea(idea.id, idea.version, {
          status,
          ...(status === 'declined' ? { decline_reason: reason.trim() } : {}),
          item_id: itemKey.trim() || null,
        }),
      );
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Decide" onSubmit={onSubmit}>
      <h2>Decide</h2>
      <div className="field-grid">
        <label className="field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as IdeaStatus)}>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {IDEA_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Epic, feature or story
          <input value={itemKey} placeholder="X2-12" onChange={(e) => setItemKey(e.target.value)} />
          {errors.item_id && <span className="field-error">{errors.item_id}</span>}
        </label>
      </div>
      {status === 'declined' && (
        <label className="field">
          Reason for declining
          <textarea rows={2} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          {errors.decline_reason && <span className="field-error">{errors.decline_reason}</span>}
        </label>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save decision
        </button>
      </div>
    </form>
  );
}

function EditIdeaForm({ idea, onSaved, onCancel }: { idea: Idea; onSaved: (i: Idea) => void; onCancel: () => void }) {
  const [title, setTitle] = useState(idea.title);
  const [problem, setProblem] = useState(idea.problem);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      onSaved(await voiceApi.updateIdea(idea.id, idea.version, { title: title.trim(), problem }));
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Edit idea" onSubmit={onSubmit}>
      <label className="field">
        Title <input value={title} required maxLength={300} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        Problem it solves
        <textarea rows={4} value={problem} maxLength={10000} onChange={(e) => setProblem(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save idea
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One idea: its problem, proposer and status (decided by the PM or PO, a decline with its
 * reason), votes of users and on behalf of customers, one's own vote, and the feedback linked.
 */
export function IdeaPage({ productId, ideaId }: { productId: string; ideaId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const decides = canTriage(roles);
  const mayVote = canWriteFeedback(roles);
  const idea = useAsync((signal) => voiceApi.idea(ideaId, signal), [ideaId]);
  const feedback = useAsync(
    async (signal) =>
      (await voiceApi.allFeedback(productId, signal)).filter((f) =>
        f.links.some((l) => l.target_type === 'idea' && l.target_id === ideaId),
      ),
    [productId, ideaId],
  );
  const [customerId, setCustomerId] = useState('');
  const customers = useAsync((signal) => (mayVote ? voiceApi.customers(productId, {}, signal) : Promise.resolve([])), [
    productId,
    mayVote,
  ]);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  useLiveEvents(
    (e) => (e.entity_type === 'idea' && e.entity_id === ideaId) || (e.product_id === productId && e.entity_type === 'feedback'),
    () => {
      idea.refresh();
      feedback.refresh();
    },
  );

  if (idea.status === 'error' && !idea.data) {
    return <ErrorState error={idea.error} title="Could not load the idea" onRetry={idea.reload} />;
  }
  if (!idea.data) return <Loading />;
  const i = idea.data;
  const base = `/products/${encodeURIComponent(productId)}`;
  const myVoteId = i.my_vote_id;
  const mayEdit = decides || i.proposer.id === me.user.id;
  const customerVotes = decides ? rememberedCustomerVotes(me.user.id, i.id) : [];

  async function act(action: () => Promise<void>, done: string) {
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(done);
      setTick((n) => n + 1);
      idea.refresh();
    } catch (e) {
      const err = toApiError(e);
      setError(err.status === 409 ? `${err.message}.` : err.message);
    }
  }

  const vote = () =>
    act(async () => {
      const v = await voiceApi.vote(i.id);
      if (v.idea) idea.setData(() => v.idea!);
    }, 'Your vote is counted.');
  const unvote = (voteId: string) =>
    act(async () => {
      await voiceApi.unvote(voteId);
    }, 'Your vote is taken back.');
  const voteForCustomer = () =>
    act(async () => {
      const v = await voiceApi.vote(i.id, customerId);
      rememberCustomerVote(me.user.id, i.id, customerId, v.id);
      if (v.idea) idea.setData(() => v.idea!);
      setCustomerId('');
    }, 'The customer’s vote is counted.');
  const unvoteCustomer = (cid: string, voteId: string) =>
    act(async () => {
      await voiceApi.unvote(voteId);
      forgetCustomerVote(me.user.id, i.id, cid);
    }, 'The customer’s vote is taken back.');

  async function remove() {
    if (!window.confirm(`Delete the idea “${i.title}” with its votes?`)) return;
    try {
      await voiceApi.deleteIdea(i.id);
      navigate(`${base}/ideas`);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  const customerName = (id: string) => customers.data?.find((c) => c.id === id)?.name ?? id;

  return (
    <article>
      <p>
        <Link to={`${base}/ideas`}>← Ideas</Link>
      </p>
      <div className="heading-row">
        <PageHeading title={i.title}>{i.title}</PageHeading>
        <span className="flag">{IDEA_STATUS_LABELS[i.status]}</span>
        {mayEdit && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {mayEdit && (
          <button type="button" className="link-button" onClick={() => void remove()}>
            Delete
          </button>
        )}
      </div>
      <p className="muted">
        Proposed by {i.proposer.name}
        {i.customer && <> for {i.customer.name}</>}
        {i.item && (
          <>
            {' '}
            · planned as <Link to={`${base}/items/${encodeURIComponent(i.item.key)}`}>{i.item.key} {i.item.title}</Link>
          </>
        )}
      </p>
      {i.status === 'declined' && i.decline_reason && (
        <p className="alert" role="note">
          Declined: {i.decline_reason}
        </p>
      )}
      {editing ? (
        <EditIdeaForm
          idea={i}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            idea.setData(() => next);
            setEditing(false);
          }}
        />
      ) : (
        <section aria-labelledby="problem-heading">
          <h2 id="problem-heading">Problem</h2>
          {i.problem ? <Markdown text={i.problem} /> : <p className="muted">No problem described.</p>}
        </section>
      )}
      <section aria-labelledby="votes-heading" className="card">
        <h2 id="votes-heading">Votes</h2>
        <dl className="facts">
          <dt>Votes</dt>
          <dd data-testid="idea-votes">{i.votes}</dd>
          <dt>Customer votes</dt>
          <dd>{i.customer_votes}</dd>
          {canReadMarket(roles) && (
            <>
              <dt>Revenue at stake</dt>
              <dd>{formatRevenue(i.revenue_at_stake)}</dd>
            </>
          )}
          <dt>Feedback</dt>
          <dd>{i.feedback_count}</dd>
        </dl>
        {notice && <p role="status">{notice}</p>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {mayVote && (
          <div className="inline-form">
            {!i.voted && (
              <button type="button" className="primary" onClick={() => void vote()}>
                Vote
              </button>
            )}
            {i.voted && <span>You voted for this idea.</span>}
            {i.voted && myVoteId && (
              <button type="button" onClick={() => void unvote(myVoteId)}>
                Take back my vote
              </button>
            )}
          </div>
        )}
        {mayVote && (customers.data?.length ?? 0) > 0 && (
          <div className="inline-form">
            <label>
              On behalf of{' '}
              <select value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
                <option value="">Choose a customer</option>
                {customers.data!.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!customerId} onClick={() => void voteForCustomer()}>
              Record customer vote
            </button>
          </div>
        )}
        {customerVotes.length > 0 && (
          <ul className="plain-list" aria-label="Customer votes you recorded">
            {customerVotes.map((v) => (
              <li key={v.voteId}>
                {customerName(v.customerId)}{' '}
                <button type="button" className="link-button" onClick={() => void unvoteCustomer(v.customerId, v.voteId)}>
                  Take back
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {decides && <DecideForm key={i.version} idea={i} onSaved={(next) => idea.setData(() => next)} />}
      <section aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">Linked feedback</h2>
        {feedback.data && feedback.data.length === 0 && <p className="muted">No feedback is linked to this idea.</p>}
        {feedback.data && feedback.data.length > 0 && (
          <ul className="voice-list">
            {feedback.data.map((f) => {
              const link = f.links.find((l) => l.target_type === 'idea' && l.target_id === ideaId);
              return (
                <li key={f.id} className="card feedback-card">
                  <p className="feedback-text">{f.text}</p>
                  <p className="muted">
                    {f.date} · {SOURCE_LABELS[f.source]}
                    {f.customer && ` · ${f.customer.name}`}
                    {link && ` · ${IMPORTANCE_LABELS[link.importance]}`}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
