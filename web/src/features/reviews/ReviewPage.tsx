import { Link, useParams } from 'react-router-dom';

import { reviewApi } from '../../api/reviews';
import type { AgendaItem, Review } from '../../api/reviewTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { typeLabel } from '../backlog/itemLabels';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { FeedbackPanel } from './FeedbackPanel';
import { NotesEditor } from './NotesEditor';
import { formatTime, REVIEW_ENTITY_TYPES, sprintPaths } from './reviewLabels';

function points(n: number | null): string {
  if (n === null) return 'no estimate';
  return `${n} ${n === 1 ? 'point' : 'points'}`;
}

function Agenda({ review, itemPath }: { review: Review; itemPath: (key: string) => string }) {
  const items = review.agenda;
  return (
    <section aria-labelledby="agenda-heading" className="card review-agenda">
      <h2 id="agenda-heading">Agenda</h2>
      <p>
        {items.length === 0
          ? 'No item of this sprint has been accepted yet.'
          : `${items.length} accepted ${items.length === 1 ? 'item' : 'items'}, ${points(review.agenda_points)}.`}
      </p>
      {items.length > 0 && (
        <ol className="agenda-list">
          {items.map((it: AgendaItem) => (
            <li key={it.id}>
              <p className="agenda-item">
                <Link to={itemPath(it.key)} className="mono">
                  {it.key}
                </Link>{' '}
                <span className={`type type-${it.type}`}>{typeLabel(it.type)}</span> <strong>{it.title}</strong> ·{' '}
                {points(it.points)}
                {it.accepted_by && (
                  <span className="muted">
                    {' '}
                    · accepted by {it.accepted_by.name}
                    {it.accepted_at ? `, ${formatTime(it.accepted_at)}` : ''}
                  </span>
                )}
              </p>
              {it.criteria.length === 0 ? (
                <p className="muted">No acceptance criteria.</p>
              ) : (
                <ul className="agenda-criteria" aria-label={`Acceptance criteria of ${it.key}`}>
                  {it.criteria.map((c) => (
                    <li key={c.id} className={c.done ? 'criterion-done' : undefined}>
                      <span aria-hidden="true">{c.done ? '☑' : '☐'}</span>
                      <span className="visually-hidden">{c.done ? 'Met: ' : 'Not met: '}</span> {c.text}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A sprint's review: the agenda of accepted items, the notes and the feedback captured. */
export function ReviewPage({ productId, sprintId }: { productId: string; sprintId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = roles.includes('product_owner');
  const canEditNotes = isPO || roles.includes('scrum_master');
  const canAddFeedback = roles.length > 0;

  const review = useAsync((signal) => reviewApi.getReview(sprintId, signal), [sprintId]);
  const sprintItems = useAsync((signal) => reviewApi.sprintItems(sprintId, signal), [sprintId]);

  useLiveEvents(
    (e) =>
      e.product_id === productId &&
      (REVIEW_ENTITY_TYPES.has(e.entity_type) || (e.entity_type === 'sprint' && e.entity_id === sprintId)) &&
      (e.entity_type !== 'review' || e.entity_id === sprintId),
    (events) => {
      review.refresh();
      if (events.some((e) => e.entity_type !== 'review')) sprintItems.refresh();
    },
  );

  const paths = sprintPaths(productId, sprintId);
  if (review.status === 'error' && !review.data) {
    return <ErrorState error={review.error} title="Could not load the sprint review" onRetry={review.reload} />;
  }
  if (!review.data) return <Loading />;
  const r = review.data;

  return (
    <article className="review-page">
      <p className="breadcrumbs">
        <Link to={paths.sprints}>Sprints</Link> / <Link to={paths.sprint}>{r.sprint.name}</Link> / Review
      </p>
      <div className="heading-row">
        <PageHeading title={`Review: ${r.sprint.name}`}>Sprint review: {r.sprint.name}</PageHeading>
        <Link to={paths.retro}>Retrospective</Link>
      </div>
      <dl className="facts">
        <dt>Team</dt>
        <dd>{r.sprint.team.name}</dd>
        <dt>Dates</dt>
        <dd>
          {r.sprint.start_date} to {r.sprint.end_date}
        </dd>
        {r.sprint.goal && (
          <>
            <dt>Goal</dt>
            <dd>{r.sprint.goal}</dd>
          </>
        )}
      </dl>
      <Agenda review={r} itemPath={paths.item} />
      <NotesEditor review={r} canEdit={canEditNotes} onReview={(next) => review.setData(() => next)} />
      {sprintItems.status === 'error' && !sprintItems.data && (
        <ErrorState error={sprintItems.error} title="Could not load the sprint's items" onRetry={sprintItems.reload} />
      )}
      <FeedbackPanel
        sprintId={sprintId}
        feedback={r.feedback}
        items={sprintItems.data ?? []}
        canAdd={canAddFeedback}
        isPO={isPO}
        userId={me.user.id}
        itemPath={paths.item}
        onAdded={(f) => review.setData((prev) => ({ ...prev, feedback: [f, ...prev.feedback.filter((x) => x.id !== f.id)] }))}
        onDeleted={(id) => review.setData((prev) => ({ ...prev, feedback: prev.feedback.filter((x) => x.id !== id) }))}
      />
    </article>
  );
}

/** /products/:productId/sprints/:sprintId/review */
export function ReviewRoute() {
  const { productId = '', sprintId = '' } = useParams();
  return <ReviewPage key={sprintId} productId={productId} sprintId={sprintId} />;
}
