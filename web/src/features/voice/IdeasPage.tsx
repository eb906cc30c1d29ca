import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { voiceApi } from '../../api/voice';
import { IDEA_STATUSES, type Customer, type IdeaStatus } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canReadMarket, canWriteFeedback, formatRevenue, IDEA_STATUS_LABELS } from './voiceModel';

function NewIdeaForm({
  productId,
  customers,
  onCancel,
}: {
  productId: string;
  customers: Customer[];
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      const created = await voiceApi.createIdea(productId, {
        title: title.trim(),
        problem,
        ...(customerId ? { customer_id: customerId } : {}),
      });
      navigate(`/products/${encodeURIComponent(productId)}/ideas/${encodeURIComponent(created.id)}`);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="New idea" onSubmit={onSubmit}>
      <label className="field">
        Title <input value={title} required maxLength={300} onChange={(e) => setTitle(e.target.value)} />
        {errors.title && <span className="field-error">{errors.title}</span>}
      </label>
      <label className="field">
        Problem it solves
        <textarea rows={3} value={problem} maxLength={10000} onChange={(e) => setProblem(e.target.value)} />
      </label>
      <label className="field">
        For customer
        <select value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
          <option value="">None</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Propose idea
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The product's ideas with their votes, by status; anyone proposes one. */
export function IdeasPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const showRevenue = canReadMarket(roles);
  const [status, setStatus] = useState<IdeaStatus | ''>('');
  const [sort, setSort] = useState<'votes' | 'newest'>('votes');
  const [creating, setCreating] = useState(false);
  const ideas = useAsync((signal) => voiceApi.ideas(productId, { status, sort }, signal), [productId, status, sort]);
  const customers = useAsync(
    (signal) => (creating ? voiceApi.customers(productId, {}, signal) : Promise.resolve([])),
    [productId, creating],
  );

  useLiveEvents(
    (e) => e.product_id === productId && (e.entity_type === 'idea' || e.entity_type === 'feedback'),
    () => ideas.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Ideas">Ideas</PageHeading>
        <Link to={`${base}/demand`}>Demand</Link>
        <Link to={`${base}/feedback`}>Feedback</Link>
        {canWriteFeedback(roles) && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New idea
          </button>
        )}
      </div>
      {creating && <NewIdeaForm productId={productId} customers={customers.data ?? []} onCancel={() => setCreating(false)} />}
      <div className="toolbar">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as IdeaStatus | '')}>
            <option value="">All</option>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {IDEA_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as 'votes' | 'newest')}>
            <option value="votes">Most votes</option>
            <option value="newest">Newest</option>
          </select>
        </label>
      </div>
      {ideas.status === 'error' && !ideas.data && (
        <ErrorState error={ideas.error} title="Could not load the ideas" onRetry={ideas.reload} />
      )}
      {!ideas.data && ideas.status === 'loading' && <Loading />}
      {ideas.data && ideas.data.length === 0 && <p className="muted">No ideas here.</p>}
      {ideas.data && ideas.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Ideas</caption>
          <thead>
            <tr>
              <th scope="col">Idea</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Votes
              </th>
              <th scope="col" className="num">
                Customer votes
              </th>
              {showRevenue && (
                <th scope="col" className="num">
                  Revenue at stake
                </th>
              )}
              <th scope="col" className="num">
                Feedback
              </th>
              <th scope="col">Proposed by</th>
            </tr>
          </thead>
          <tbody>
            {ideas.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`${base}/ideas/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                  {i.voted && <span className="flag"> You voted</span>}
                  {i.item && <div className="muted mono">{i.item.key}</div>}
                </td>
                <td>{IDEA_STATUS_LABELS[i.status]}</td>
                <td className="num">{i.votes}</td>
                <td className="num">{i.customer_votes}</td>
                {showRevenue && <td className="num">{formatRevenue(i.revenue_at_stake)}</td>}
                <td className="num">{i.feedback_count}</td>
                <td>
                  {i.proposer.name}
                  {i.customer && <div className="muted">for {i.customer.name}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
