import { lazy, Suspense } from 'react';
import { Navigate, useParams } from 'react-router-dom';

import { Loading } from '../../components/Loading';
import { NotFound } from '../../components/NotFound';
import { BacklogPage } from '../backlog/BacklogPage';
import { BoardPage } from '../board/BoardPage';
import { HistoryPage } from '../history/HistoryPage';
import { ItemPage } from '../items/ItemPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PokerRoom } from '../poker/PokerRoom';
import { PrioritisationPage } from '../prioritisation/PrioritisationPage';
import { RefinementPage } from '../refinement/RefinementPage';
import { ReleasePage } from '../releases/ReleasePage';
import { ReleasesPage } from '../releases/ReleasesPage';
import { SprintPage } from '../sprints/SprintPage';
import { SprintsPage } from '../sprints/SprintsPage';
import { StrategyPage } from '../strategy/StrategyPage';
import { TestPlanPage } from '../testing/TestPlanPage';
import { TestPlansPage } from '../testing/TestPlansPage';
// Customer voice, stakeholders and decisions.
import { DecisionPage } from '../decisions/DecisionPage';
import { DecisionsPage } from '../decisions/DecisionsPage';
import { StakeholderPage } from '../stakeholders/StakeholderPage';
import { StakeholdersPage } from '../stakeholders/StakeholdersPage';
import { StakeholderUpdatePage } from '../stakeholders/StakeholderUpdatePage';
import { CustomersPage } from '../voice/CustomersPage';
import { DemandPage } from '../voice/DemandPage';
import { FeedbackPage } from '../voice/FeedbackPage';
import { IdeaPage } from '../voice/IdeaPage';
import { IdeasPage } from '../voice/IdeasPage';
import { RoadmapPage } from '../roadmap/RoadmapPage';
// Market and competition.
import { CompetitorPage } from '../market/CompetitorPage';
import { MarketPage } from '../market/MarketPage';

// The settings page is visited rarely and mostly by one person per product: it loads on demand.
const SettingsPage = lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** Dispatches /products/:productId/:page to the page of that kind. */
export function ProductPage() {
  const { productId = '', page = '' } = useParams();
  switch (page) {
    case 'strategy':
      return <StrategyPage key={productId} productId={productId} />;
    case 'board':
      return <BoardPage key={productId} productId={productId} />;
    case 'backlog':
      return <BacklogPage key={productId} productId={productId} />;
    case 'refinement':
      return <RefinementPage key={productId} productId={productId} />;
    case 'overview':
      return <OverviewPage key={productId} productId={productId} />;
    case 'history':
      return <HistoryPage key={productId} productId={productId} />;
    case 'settings':
      return (
        <Suspense fallback={<Loading />}>
          <SettingsPage key={productId} productId={productId} />
        </Suspense>
      );
    // Releases and test planning.
    case 'releases':
      return <ReleasesPage key={productId} productId={productId} />;
    case 'test-plans':
      return <TestPlansPage key={productId} productId={productId} />;
    // Sprints; "sprint" is the Scrum Master's home page kind in GET /me.
    case 'sprints':
      return <SprintsPage key={productId} productId={productId} />;
    case 'sprint':
      return <Navigate to={`/products/${encodeURIComponent(productId)}/sprints`} replace />;
    // Customer voice, stakeholders and decisions.
    case 'feedback':
      return <FeedbackPage key={productId} productId={productId} />;
    case 'customers':
      return <CustomersPage key={productId} productId={productId} />;
    case 'ideas':
      return <IdeasPage key={productId} productId={productId} />;
    case 'demand':
      return <DemandPage key={productId} productId={productId} />;
    case 'stakeholders':
      return <StakeholdersPage key={productId} productId={productId} />;
    case 'stakeholder-update':
      return <StakeholderUpdatePage key={productId} productId={productId} />;
    case 'decisions':
      return <DecisionsPage key={productId} productId={productId} />;
    // The roadmap (docs/strategy.md, "Roadmap").
    case 'roadmap':
      return <RoadmapPage key={productId} productId={productId} />;
    // Market and competition: competitors, the comparison matrix, personas, research (?tab=).
    case 'market':
      return <MarketPage key={productId} productId={productId} />;
    // Prioritisation.
    case 'prioritisation':
      return <PrioritisationPage key={productId} productId={productId} />;
    default:
      return <NotFound />;
  }
}

/** /products/:productId/items/:itemKey — one item, deep-linkable by key. */
export function ItemRoute() {
  const { productId = '', itemKey = '' } = useParams();
  return <ItemPage key={itemKey} productId={productId} itemKey={itemKey} />;
}

/** /products/:productId/poker/:roundId — a planning poker room. */
export function PokerRoute() {
  const { productId = '', roundId = '' } = useParams();
  return <PokerRoom key={roundId} productId={productId} roundId={roundId} />;
}

/** /products/:productId/releases/:releaseId — one release. */
export function ReleaseRoute() {
  const { productId = '', releaseId = '' } = useParams();
  return <ReleasePage key={releaseId} productId={productId} releaseId={releaseId} />;
}

/** /products/:productId/test-plans/:planId — one test plan and its runs. */
export function TestPlanRoute() {
  const { productId = '', planId = '' } = useParams();
  return <TestPlanPage key={planId} productId={productId} planId={planId} />;
}

/** /products/:productId/sprints/:sprintId — one sprint: planning, charts and report. */
export function SprintRoute() {
  const { productId = '', sprintId = '' } = useParams();
  return <SprintPage key={sprintId} productId={productId} sprintId={sprintId} />;
}

// Customer voice, stakeholders and decisions.

/** /products/:productId/ideas/:ideaId — one idea with its votes and linked feedback. */
export function IdeaRoute() {
  const { productId = '', ideaId = '' } = useParams();
  return <IdeaPage key={ideaId} productId={productId} ideaId={ideaId} />;
}

/** /products/:productId/stakeholders/:stakeholderId — one stakeholder and the communication log. */
export function StakeholderRoute() {
  const { productId = '', stakeholderId = '' } = useParams();
  return <StakeholderPage key={stakeholderId} productId={productId} stakeholderId={stakeholderId} />;
}

/** /products/:productId/decisions/:decisionId — one decision, or `new` to record one. */
export function DecisionRoute() {
  const { productId = '', decisionId = '' } = useParams();
  return <DecisionPage key={decisionId} productId={productId} decisionId={decisionId} />;
}

// Market and competition.

/** /products/:productId/market/competitors/:competitorId — one competitor, its comparison and notes. */
export function CompetitorRoute() {
  const { productId = '', competitorId = '' } = useParams();
  return <CompetitorPage key={competitorId} productId={productId} competitorId={competitorId} />;
}
