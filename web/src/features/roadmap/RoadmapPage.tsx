import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { roadmapApi, type Granularity, type Roadmap, type RoadmapInitiative, type Timeframe } from '../../api/roadmap';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { shiftedDates } from './roadmapModel';
import { RoadmapBoard, RoadmapTimeline, type RoadmapActions } from './RoadmapView';
import { ShareDialog } from './ShareDialog';

/** What changes a product's roadmap: initiatives, goals (lanes) and releases (milestones). */
export const ROADMAP_ENTITY_TYPES = new Set(['initiative', 'goal', 'release', 'item']);

export const GRANULARITIES: [Granularity, string][] = [
  ['quarter', 'Quarters'],
  ['half', 'Halves'],
  ['year', 'Years'],
];

export function GranularitySwitch({ value, onChange }: { value: Granularity; onChange: (g: Granularity) => void }) {
  return (
    <div className="segmented no-print" role="group" aria-label="Granularity">
      {GRANULARITIES.map(([g, label]) => (
        <button key={g} type="button" aria-pressed={value === g} onClick={() => onChange(g)}>
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * A product's roadmap: the timeline and the Now/Next/Later board. The PM reschedules by dragging
 * a bar to another period (or the earlier/later buttons) and moves cards between timeframes;
 * each change is the initiative's PATCH with If-Match. `?print=1` is the print (PDF) view.
 */
export function RoadmapPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPM = roles.includes('product_manager');
  const [params, setParams] = useSearchParams();
  const granularity = (params.get('granularity') as Granularity | null) ?? 'quarter';
  const print = params.get('print') === '1';
  const roadmap = useAsync(
    (signal) => roadmapApi.get(productId, { granularity }, signal),
    [productId, granularity],
  );
  const [error, setError] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);

  useLiveEvents(
    (e) => e.product_id === productId && ROADMAP_ENTITY_TYPES.has(e.entity_type),
    () => roadmap.refresh(),
  );

  async function save(i: RoadmapInitiative, changes: Parameters<typeof roadmapApi.reschedule>[2]) {
    setError(null);
    if (i.version === undefined) return;
    try {
      await roadmapApi.reschedule(i.id, i.version, changes);
    } catch (e) {
      const err = toApiError(e);
      setError(
        err.status === 412
          ? `${i.name} was changed by someone else meanwhile; the roadmap shows the current plan.`
          : `Could not move ${i.name}: ${err.message}`,
      );
    }
    roadmap.refresh();
  }

  const actions: RoadmapActions | undefined =
    isPM && !print
      ? {
          onMove: (i, periods) => void save(i, shiftedDates(i, granularity, periods)),
          onTimeframe: (i, timeframe: Timeframe) => void save(i, { timeframe }),
        }
      : undefined;

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next);
  }

  const data: Roadmap | undefined = roadmap.data;

  return (
    <section className={`roadmap${print ? ' roadmap-print' : ''}`}>
      <div className="heading-row">
        <PageHeading title="Roadmap">Roadmap{data ? ` · ${data.product.name}` : ''}</PageHeading>
        <GranularitySwitch value={granularity} onChange={(g) => setParam('granularity', g)} />
        {print ? (
          <>
            <button type="button" className="no-print" onClick={() => window.print()}>
              Print or save as PDF
            </button>
            <Link className="no-print" to={`?granularity=${granularity}`}>
              Back to the roadmap
            </Link>
          </>
        ) : (
          <Link className="no-print" to={`?granularity=${granularity}&print=1`}>
            Print view
          </Link>
        )}
        {isPM && !print && (
          <button type="button" className="no-print" onClick={() => setSharing(true)}>
            Share
          </button>
        )}
      </div>
      {data && (
        <p className="muted">
          {data.from} – {data.to}
        </p>
      )}
      {sharing && <ShareDialog productId={productId} onClose={() => setSharing(false)} />}
      {error && (
        <p className="alert alert-warn" role="alert">
          {error}
        </p>
      )}
      {roadmap.status === 'error' && !data && (
        <ErrorState error={roadmap.error} title="Could not load the roadmap" onRetry={roadmap.reload} />
      )}
      {!data && roadmap.status === 'loading' && <Loading />}
      {data && (
        <>
          <h2>Timeline</h2>
          <RoadmapTimeline roadmap={data} actions={actions} />
          <h2>Now, next, later</h2>
          <RoadmapBoard roadmap={data} actions={actions} />
        </>
      )}
    </section>
  );
}
