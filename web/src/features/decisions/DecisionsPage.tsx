import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { voiceApi } from '../../api/voice';
import { DECISION_LINK_TYPES, DECISION_STATUSES, type DecisionLinkType, type DecisionStatus } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canWriteDecisions, DECISION_STATUS_LABELS, LINK_TYPE_LABELS } from '../voice/voiceModel';
import { linkLabel } from './decisionModel';

/** The decision log, newest first, filtered by status, words and a linked object. */
export function DecisionsPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const [status, setStatus] = useState<DecisionStatus | ''>('');
  const [q, setQ] = useState('');
  const [linkType, setLinkType] = useState<DecisionLinkType>('item');
  const [linkId, setLinkId] = useState('');
  const linked = linkId.trim() ? `${linkType}:${linkId.trim()}` : '';
  const list = useAsync(
    (signal) => voiceApi.decisions(productId, { status, q: q.trim(), linked }, signal),
    [productId, status, q, linked],
  );

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'decision',
    () => list.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Decisions">Decision log</PageHeading>
        {canWriteDecisions(roles) && (
          <button type="button" className="primary" onClick={() => navigate(`${base}/decisions/new`)}>
            New decision
          </button>
        )}
      </div>
      <div className="toolbar">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as DecisionStatus | '')}>
            <option value="">All</option>
            {DECISION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DECISION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Text <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          Linked to{' '}
          <select value={linkType} onChange={(e) => setLinkType(e.target.value as DecisionLinkType)}>
            {DECISION_LINK_TYPES.map((t) => (
              <option key={t} value={t}>
                {LINK_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <input
          aria-label="Linked id or key"
          placeholder={linkType === 'item' ? 'X2-12' : 'id'}
          size={14}
          value={linkId}
          onChange={(e) => setLinkId(e.target.value)}
        />
      </div>
      {list.status === 'error' && (
        <ErrorState error={list.error} title="Could not load the decisions" onRetry={list.reload} />
      )}
      {!list.data && list.status === 'loading' && <Loading />}
      {list.status !== 'error' && list.data && list.data.length === 0 && <p className="muted">No decisions here.</p>}
      {list.status !== 'error' && list.data && list.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Decisions</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Date</th>
              <th scope="col">Links</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`${base}/decisions/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  {d.decision && <div className="muted">{d.decision}</div>}
                </td>
                <td>{DECISION_STATUS_LABELS[d.status]}</td>
                <td>{d.owner?.name ?? '—'}</td>
                <td>{d.date ?? '—'}</td>
                <td>{d.links.map((l) => linkLabel(l)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
