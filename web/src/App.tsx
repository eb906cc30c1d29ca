import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { AppShell } from './components/AppShell';
import { Loading } from './components/Loading';
import { NotFound } from './components/NotFound';
import { AdminPage } from './features/admin/AdminPage';
import { HomeRedirect } from './features/home/HomeRedirect';
import { InboxPage } from './features/inbox/InboxPage';
import { LiveEventsProvider } from './features/live/LiveEvents';
import { LoginPage } from './features/login/LoginPage';
import { PortfolioPage } from './features/portfolio/PortfolioPage';
import { ItemRoute, PokerRoute, ProductPage, ReleaseRoute, SprintRoute, TestPlanRoute } from './features/product/ProductPage';
// Customer voice, stakeholders and decisions.
import { DecisionRoute, IdeaRoute, StakeholderRoute } from './features/product/ProductPage';
// Market and competition.
import { CompetitorRoute } from './features/product/ProductPage';
import { RequireSession } from './features/session/RequireSession';
import { SessionProvider } from './features/session/SessionContext';
import { SharedRoadmapPage } from './features/roadmap/SharedRoadmapPage';

// The sprint review and retrospective are visited about once per sprint: they load on demand.
const ReviewRoute = lazy(() => import('./features/reviews/ReviewPage').then((m) => ({ default: m.ReviewRoute })));
const RetroRoute = lazy(() => import('./features/reviews/RetroPage').then((m) => ({ default: m.RetroRoute })));
// Goals, initiatives and alignment reports load on demand (with their charts); the strategy
// home itself is a ProductPage.
const strategyRoutes = () => import('./features/strategy/StrategyRoutes');
const StrategyRoutes = lazy(() => strategyRoutes().then((m) => ({ default: m.StrategyRoutes })));
const SprintAlignmentRoute = lazy(() => strategyRoutes().then((m) => ({ default: m.SprintAlignmentRoute })));
const ReleaseAlignmentRoute = lazy(() => strategyRoutes().then((m) => ({ default: m.ReleaseAlignmentRoute })));

/** The routes; the router itself is supplied by main.tsx (browser) or tests (memory). */
export function App() {
  return (
    <SessionProvider>
      <LiveEventsProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          {/* A published roadmap: read-only, no login. */}
          <Route path="/shared/roadmap/:token" element={<SharedRoadmapPage />} />
          <Route
            index
            element={
              <RequireSession>
                <HomeRedirect />
              </RequireSession>
            }
          />
          <Route
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          >
            <Route path="portfolio" element={<PortfolioPage />} />
            <Route path="admin" element={<AdminPage />} />
            <Route path="products/:productId" element={<Navigate to="overview" replace />} />
            <Route path="products/:productId/:page" element={<ProductPage />} />
            <Route path="products/:productId/items/:itemKey" element={<ItemRoute />} />
            <Route path="products/:productId/poker/:roundId" element={<PokerRoute />} />
            <Route path="products/:productId/releases/:releaseId" element={<ReleaseRoute />} />
            <Route path="products/:productId/test-plans/:planId" element={<TestPlanRoute />} />
            <Route path="products/:productId/sprints/:sprintId" element={<SprintRoute />} />
            {/* Sprint review and retrospective. */}
            <Route
              path="products/:productId/sprints/:sprintId/review"
              element={
                <Suspense fallback={<Loading />}>
                  <ReviewRoute />
                </Suspense>
              }
            />
            <Route
              path="products/:productId/sprints/:sprintId/retro"
              element={
                <Suspense fallback={<Loading />}>
                  <RetroRoute />
                </Suspense>
              }
            />
            {/* Strategy: goals, initiatives, alignment of a sprint and of a release. */}
            <Route
              path="products/:productId/strategy/:section/*"
              element={
                <Suspense fallback={<Loading />}>
                  <StrategyRoutes />
                </Suspense>
              }
            />
            <Route
              path="products/:productId/sprints/:sprintId/alignment"
              element={
                <Suspense fallback={<Loading />}>
                  <SprintAlignmentRoute />
                </Suspense>
              }
            />
            <Route
              path="products/:productId/releases/:releaseId/alignment"
              element={
                <Suspense fallback={<Loading />}>
                  <ReleaseAlignmentRoute />
                </Suspense>
              }
            />
            <Route path="inbox" element={<InboxPage />} />
            {/* Customer voice, stakeholders and decisions. */}
            <Route path="products/:productId/ideas/:ideaId" element={<IdeaRoute />} />
            <Route path="products/:productId/stakeholders/:stakeholderId" element={<StakeholderRoute />} />
            <Route path="products/:productId/decisions/:decisionId" element={<DecisionRoute />} />
            {/* Market and competition. */}
            <Route path="products/:productId/market/competitors/:competitorId" element={<CompetitorRoute />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </LiveEventsProvider>
    </SessionProvider>
  );
}
