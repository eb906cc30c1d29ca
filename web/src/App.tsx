import { Navigate, Route, Routes } from 'react-router-dom';

import { AppShell } from './components/AppShell';
import { NotFound } from './components/NotFound';
import { AdminPage } from './features/admin/AdminPage';
import { HomeRedirect } from './features/home/HomeRedirect';
import { InboxPage } from './features/inbox/InboxPage';
import { LiveEventsProvider } from './features/live/LiveEvents';
import { LoginPage } from './features/login/LoginPage';
import { PortfolioPage } from './features/portfolio/PortfolioPage';
import { ItemRoute, PokerRoute, ProductPage, ReleaseRoute, TestPlanRoute } from './features/product/ProductPage';
import { RetroRoute } from './features/reviews/RetroPage';
import { ReviewRoute } from './features/reviews/ReviewPage';
import { RequireSession } from './features/session/RequireSession';
import { SessionProvider } from './features/session/SessionContext';

/** The routes; the router itself is supplied by main.tsx (browser) or tests (memory). */
export function App() {
  return (
    <SessionProvider>
      <LiveEventsProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
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
            {/* Sprint review and retrospective. */}
            <Route path="products/:productId/sprints/:sprintId/review" element={<ReviewRoute />} />
            <Route path="products/:productId/sprints/:sprintId/retro" element={<RetroRoute />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </LiveEventsProvider>
    </SessionProvider>
  );
}
