import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { marketApi } from '../../api/market';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { CompetitorForm } from './CompetitorForm';
import { SummaryCounts, ThreatBadge } from './CompetitorsTab';
import { WebLinks, isWebUrl } from './ListEditors';
import { canReadMarket, canWriteMarket, marketPath } from './marketModel';
import { NoteCard } from './ResearchTab';

/** One competitor: who they are, how they compare with us, and the market notes about them. */
export function CompetitorPage({ productId, competitorId }: { productId: string; competitorId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const mayRead = canReadMarket(roles);
  const canWrite = canWriteMarket(roles);
  const c = useAsync(
    (signal) => (mayRead ? marketApi.competitor(competitorId, signal) : Promise.resolve(null)),
    [competitorId, mayRead],
  );
  const notes = useAsync(
    (signal) =>
      mayRead ? marketApi.notesPage(productId, { competitor: competitorId, limit: 200 }, signal) : Promise.resolve(null),
    [productId, competitorId, mayRead],
  );
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useLiveEvents(
    (e) =>
      (e.entity_type === 'competitor' && e.entity_id === competitorId) ||
      (e.product_id === productId && e.entity_type === 'comparison_row'),
    () => c.refresh(),
  );
  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'market_note',
    () => notes.refresh(),
  );

  const back = (
    <p>
      <Link to={marketPath(productId)}>← Competitors</Link>
    </p>
  );
  if (!mayRead) {
    return (
      <section>
        {back}
        <PageHeading title="Competitor">Competitor</PageHeading>
        <p className="muted">Market and competition are for the product's team, managers and executives.</p>
      </section>
    );
  }
  if (c.status === 'error' && !c.data) {
    return <ErrorState error={c.error} title="Could not load the competitor" onRetry={c.reload} />;
  }
  if (!c.data) return <Loading />;
  const comp = c.data;

  async function remove() {
    if (!window.confirm(`Delete ${comp.name}? Its comparison cells go too; notes about it stay.`)) return;
    try {
      await marketApi.deleteCompetitor(comp.id);
      navigate(marketPath(productId));
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <article>
      {back}
      <div className="heading-row">
        <PageHeading title={comp.name}>{comp.name}</PageHeading>
        <ThreatBadge threat={comp.threat} />
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
        <CompetitorForm
          initial={comp}
          label="Edit competitor"
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            const next = await marketApi.updateCompetitor(comp.id, comp.version, input);
            c.setData((prev) => ({
              ...next,
              comparison: next.comparison ?? prev?.comparison,
              notes_count: next.notes_count ?? prev?.notes_count,
            }));
            setEditing(false);
          }}
        />
      ) : (
        <>
          <dl className="facts">
            <dt>Website</dt>
            <dd>
              {comp.website && isWebUrl(comp.website) ? (
                <a href={comp.website} target="_blank" rel="noopener noreferrer nofollow">
                  {comp.website}
                </a>
              ) : (
                comp.website || '—'
              )}
            </dd>
            <dt>Positioning</dt>
            <dd>{comp.positioning || '—'}</dd>
            <dt>Pricing</dt>
            <dd>{comp.pricing || '—'}</dd>
            {comp.notes && (
              <>
                <dt>Notes</dt>
                <dd className="feedback-text">{comp.notes}</dd>
              </>
            )}
          </dl>
          <div className="two-columns">
            <section aria-labelledby="strengths-heading">
              <h2 id="strengths-heading">Strengths</h2>
              {comp.strengths.length === 0 ? (
                <p className="muted">None recorded.</p>
              ) : (
                <ul className="plain-list" aria-label="Strengths">
                  {comp.strengths.map((s, n) => (
                    <li key={n}>{s}</li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="weaknesses-heading">
              <h2 id="weaknesses-heading">Weaknesses</h2>
              {comp.weaknesses.length === 0 ? (
                <p className="muted">None recorded.</p>
              ) : (
                <ul className="plain-list" aria-label="Weaknesses">
                  {comp.weaknesses.map((s, n) => (
                    <li key={n}>{s}</li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          {comp.links.length > 0 && (
            <section aria-labelledby="links-heading">
              <h2 id="links-heading">Links</h2>
              <WebLinks links={comp.links} label="Links" />
            </section>
          )}
        </>
      )}
      <section aria-labelledby="comparison-heading">
        <h2 id="comparison-heading">Comparison</h2>
        {comp.comparison ? (
          <p data-testid="competitor-comparison">
            <SummaryCounts summary={comp.comparison} />
          </p>
        ) : (
          <p className="muted">No comparison yet.</p>
        )}
        <p>
          <Link to={marketPath(productId, 'matrix')}>Open the comparison matrix</Link>
        </p>
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">
          Notes about {comp.name}
          {comp.notes_count !== undefined && <span className="muted"> ({comp.notes_count})</span>}
        </h2>
        {notes.status === 'error' && !notes.data && (
          <ErrorState error={notes.error} title="Could not load the notes" onRetry={notes.reload} />
        )}
        {notes.data && notes.data.data.length === 0 && <p className="muted">No notes about {comp.name} yet.</p>}
        {notes.data && notes.data.data.length > 0 && (
          <ul className="voice-list" aria-label={`Notes about ${comp.name}`}>
            {notes.data.data.map((n) => (
              <NoteCard key={n.id} note={n} productId={productId} canWrite={false} />
            ))}
          </ul>
        )}
        {notes.data?.next_cursor && (
          <p>
            <Link to={`${marketPath(productId, 'research')}&competitor=${encodeURIComponent(comp.id)}`}>All notes about {comp.name}</Link>
          </p>
        )}
      </section>
    </article>
  );
}
