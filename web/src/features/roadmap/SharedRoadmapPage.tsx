import { useParams, useSearchParams } from 'react-router-dom';

import { roadmapApi, type Granularity } from '../../api/roadmap';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { GranularitySwitch } from './RoadmapPage';
import { RoadmapBoard, RoadmapTimeline } from './RoadmapView';

/** /shared/roadmap/:token — a published roadmap, read-only and without signing in. */
export function SharedRoadmapPage() {
  const { token = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const granularity = (params.get('granularity') as Granularity | null) ?? 'quarter';
  const roadmap = useAsync((signal) => roadmapApi.getPublic(token, { granularity }, signal), [token, granularity]);
  const data = roadmap.data;
  const gone = roadmap.status === 'error' && roadmap.error.status === 404;

  return (
    <main className="page roadmap shared-roadmap">
      <div className="heading-row">
        <PageHeading title="Roadmap">{data ? `${data.product.name} roadmap` : 'Roadmap'}</PageHeading>
        {data && (
          <GranularitySwitch
            value={granularity}
            onChange={(g) => {
              const next = new URLSearchParams(params);
              next.set('granularity', g);
              setParams(next);
            }}
          />
        )}
      </div>
      {gone && (
        <p className="alert alert-warn" role="alert">
          This roadmap link does not exist or has been revoked.
        </p>
      )}
      {roadmap.status === 'error' && !gone && !data && (
        <ErrorState error={roadmap.error} title="Could not load the roadmap" onRetry={roadmap.reload} />
      )}
      {!data && roadmap.status === 'loading' && <Loading />}
      {data && !gone && (
        <>
          <p className="muted">
            {data.from} – {data.to} · as of {data.today}
          </p>
          <h2>Timeline</h2>
          <RoadmapTimeline roadmap={data} />
          <h2>Now, next, later</h2>
          <RoadmapBoard roadmap={data} />
        </>
      )}
    </main>
  );
}
