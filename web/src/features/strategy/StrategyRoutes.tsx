// /products/:productId/strategy/:section/* — goals and initiatives (the strategy home itself is
// a ProductPage); and the alignment reports of a sprint and a release.
import { useParams } from 'react-router-dom';

import { NotFound } from '../../components/NotFound';
import { AlignmentPage } from './AlignmentPage';
import { GoalPage } from './GoalPage';
import { GoalsPage } from './GoalsPage';
import { InitiativePage } from './InitiativePage';
import { InitiativesPage } from './InitiativesPage';

/** Goals (list, one goal) and initiatives (list, one initiative) by the URL below /strategy/. */
export function StrategyRoutes() {
  const { productId = '', section = '', '*': rest = '' } = useParams();
  const id = rest.split('/')[0];
  const extra = rest.includes('/');
  if (section === 'goals' && !extra) {
    return id ? <GoalPage key={id} productId={productId} goalId={id} /> : <GoalsPage key={productId} productId={productId} />;
  }
  if (section === 'initiatives' && !extra) {
    return id ? (
      <InitiativePage key={id} productId={productId} initiativeId={id} />
    ) : (
      <InitiativesPage key={productId} productId={productId} />
    );
  }
  return <NotFound />;
}

/** /products/:productId/sprints/:sprintId/alignment */
export function SprintAlignmentRoute() {
  const { productId = '', sprintId = '' } = useParams();
  return <AlignmentPage key={sprintId} productId={productId} scope={{ type: 'sprint', id: sprintId }} />;
}

/** /products/:productId/releases/:releaseId/alignment */
export function ReleaseAlignmentRoute() {
  const { productId = '', releaseId = '' } = useParams();
  return <AlignmentPage key={releaseId} productId={productId} scope={{ type: 'release', id: releaseId }} />;
}
