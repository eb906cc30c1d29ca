// /products/:productId/strategy/* — the strategy home, goals and initiatives; and the
// alignment reports of a sprint and a release.
import { Route, Routes, useParams } from 'react-router-dom';

import { NotFound } from '../../components/NotFound';
import { AlignmentPage } from './AlignmentPage';
import { GoalPage } from './GoalPage';
import { GoalsPage } from './GoalsPage';
import { InitiativePage } from './InitiativePage';
import { InitiativesPage } from './InitiativesPage';
import { StrategyPage } from './StrategyPage';

function GoalRoute({ productId }: { productId: string }) {
  const { goalId = '' } = useParams();
  return <GoalPage key={goalId} productId={productId} goalId={goalId} />;
}

function InitiativeRoute({ productId }: { productId: string }) {
  const { initiativeId = '' } = useParams();
  return <InitiativePage key={initiativeId} productId={productId} initiativeId={initiativeId} />;
}

export function StrategyRoutes() {
  const { productId = '' } = useParams();
  return (
    <Routes>
      <Route index element={<StrategyPage key={productId} productId={productId} />} />
      <Route path="goals" element={<GoalsPage key={productId} productId={productId} />} />
      <Route path="goals/:goalId" element={<GoalRoute productId={productId} />} />
      <Route path="initiatives" element={<InitiativesPage key={productId} productId={productId} />} />
      <Route path="initiatives/:initiativeId" element={<InitiativeRoute productId={productId} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
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
