import { useState } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { marketApi } from '../../api/market';
import { THREATS, type Competitor, type CompetitorSummary, type Threat } from '../../api/marketTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { CompetitorForm } from './CompetitorForm';
import { competitorPath, THREAT_LABELS } from './marketModel';

export function ThreatBadge({ threat }: { threat: Threat }) {
  return <span className={`threat-badge threat-${threat}`}>{THREAT_LABELS[threat]}</span>;
}

/** A competitor's counts over the comparison matrix, in words. */
export function SummaryCounts({ summary }: { summary: Omit<CompetitorSummary, 'competitor_id' | 'edge' | 'gap'> }) {
  return (
    <span className="summary-counts">
      has {summary.has} · partial {summary.partial} · missing {summary.missing} · better {summary.better} · unknown{' '}
      {summary.unknown}
    </span>
  );
}

/** The competitors: threat, positioning, pricing and how they compare; the PM keeps the list. */
export function CompetitorsTab({ productId, canWrite }: { productId: string; canWrite: boolean }) {
  const [threat, setThreat] = useState<Threat | ''>('');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useAsync((signal) => marketApi.competitors(productId, { threat, q: q.trim() }, signal), [productId, threat, q]);
  const comparison = useAsync((signal) => marketApi.comparison(productId, signal), [productId]);

  useLiveEvents(
    (e) => e.product_id === productId && (e.entity_type === 'competitor' || e.entity_type === 'comparison_row'),
    () => {
      list.refresh();
      comparison.refresh();
    },
  );

  const summaryOf = new Map((comparison.data?.summary ?? []).map((s) => [s.competitor_id, s]));

  async function remove(c: Competitor) {
    if (!window.confirm(`Delete ${c.name}? Its comparison cells go too; notes about it stay.`)) return;
    setError(null);
    try {
      await marketApi.deleteCompetitor(c.id);
      list.setData((cs) => cs.filter((x) => x.id !== c.id));
      comparison.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <section aria-label="Competitors">
      <div className="toolbar">
        <label>
          Threat{' '}
          <select value={threat} onChange={(e) => setThreat(e.target.value as Threat | '')}>
            <option value="">All</option>
            {THREATS.map((t) => (
              <option key={t} value={t}>
                {THREAT_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New competitor
          </button>
        )}
      </div>
      {creating && (
        <CompetitorForm
          label="New competitor"
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            await marketApi.createCompetitor(productId, input);
            setCreating(false);
            list.refresh();
            comparison.refresh();
          }}
        />
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {list.status === 'error' && !list.data && (
        <ErrorState error={list.error} title="Could not load the competitors" onRetry={list.reload} />
      )}
      {!list.data && list.status === 'loading' && <Loading />}
      {list.data && list.data.length === 0 && <p className="muted">No competitors {threat || q ? 'match' : 'yet'}.</p>}
      {list.data && list.data.length > 0 && (
        <table className="table competitors-table">
          <caption className="visually-hidden">Competitors</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Threat</th>
              <th scope="col">Positioning</th>
              <th scope="col">Pricing</th>
              <th scope="col">Comparison</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => {
              const s = summaryOf.get(c.id);
              return editing === c.id ? (
                <tr key={c.id}>
                  <td colSpan={canWrite ? 6 : 5}>
                    <CompetitorForm
                      initial={c}
                      label={`Edit ${c.name}`}
                      onCancel={() => setEditing(null)}
                      onSave={async (input) => {
                        const next = await marketApi.updateCompetitor(c.id, c.version, input);
                        list.setData((cs) => cs.map((x) => (x.id === c.id ? next : x)));
                        setEditing(null);
                        comparison.refresh();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={c.id}>
                  <td>
                    <Link to={competitorPath(productId, c.id)}>{c.name}</Link>
                  </td>
                  <td>
                    <ThreatBadge threat={c.threat} />
                  </td>
                  <td>{c.positioning}</td>
                  <td>{c.pricing}</td>
                  <td>
                    {s ? (
                      <>
                        <strong>
                          edge {s.edge} · gap {s.gap}
                        </strong>
                        <div className="muted">
                          <SummaryCounts summary={s} />
                        </div>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  {canWrite && (
                    <td>
                      <button type="button" className="link-button" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c.id)}>
                        Edit
                      </button>{' '}
                      <button type="button" className="link-button" aria-label={`Delete ${c.name}`} onClick={() => void remove(c)}>
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
