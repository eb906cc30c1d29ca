import { NavLink, Outlet, useMatch } from 'react-router-dom';

import type { ChangeEvent, Role } from '../api/types';
import { useLiveEvents } from '../features/live/LiveEvents';
import { useInbox } from '../features/inbox/useInbox';
import { useMe, useSession } from '../features/session/SessionContext';
import { canReadMarket, canReadVoice } from '../features/voice/voiceModel';
import { LiveIndicator } from './LiveIndicator';
import { ProductSwitcher } from './ProductSwitcher';
import { UserMenu } from './UserMenu';

const PRODUCT_LINKS = [
  ['strategy', 'Strategy'],
  ['backlog', 'Backlog'],
  ['prioritisation', 'Prioritisation'],
  ['sprints', 'Sprints'],
  ['board', 'Board'],
  ['overview', 'Overview'],
  ['history', 'History'],
  ['settings', 'Settings'],
  // Releases and test planning.
  ['releases', 'Releases'],
  // The roadmap.
  ['roadmap', 'Roadmap'],
] as const;

// Customer voice, stakeholders and decisions: shown to the roles that may read them.
const VOICE_LINKS: readonly (readonly [string, string, (roles: readonly Role[]) => boolean])[] = [
  ['feedback', 'Feedback', canReadVoice],
  ['ideas', 'Ideas', canReadVoice],
  ['stakeholders', 'Stakeholders', canReadMarket],
  // Market and competition: personas, competitors, the comparison matrix, research.
  ['market', 'Market', canReadMarket],
  ['decisions', 'Decisions', canReadVoice],
];

/** Whether a change can alter GET /me: my products (switcher), my roles, my own account. */
export function changesMe(event: ChangeEvent, myId: string): boolean {
  switch (event.entity_type) {
    case 'product':
    case 'role_assignment':
      return true;
    case 'user':
      return event.entity_id === myId;
    default:
      return false;
  }
}

/** Header (product switcher, navigation, user menu) around every signed-in page. */
export function AppShell() {
  const me = useMe();
  const { refresh } = useSession();
  useLiveEvents(
    (e) => changesMe(e, me.user.id),
    () => void refresh(),
  );
  const { unread } = useInbox();
  const match = useMatch('/products/:productId/:page/*');
  const routeProductId = match?.params.productId ?? null;
  const pageKind = match?.params.page ?? null;

  // The product the nav links point at: the one in the URL, else the home product, else the first.
  const navProductId = routeProductId ?? me.home.product_id ?? me.products[0]?.id ?? null;
  const currentProduct = me.products.find((p) => p.id === navProductId) ?? null;
  const productBase = navProductId ? `/products/${encodeURIComponent(navProductId)}` : null;

  return (
    <div className="app">
      <header className="app-header">
        <div className="header-row">
          <span className="brand">Throughline</span>
          <span className="workspace muted">{me.workspace.name}</span>
          <ProductSwitcher
            products={me.products}
            currentId={routeProductId ?? navProductId}
            pageKind={pageKind}
          />
          <span className="spacer" />
          <LiveIndicator />
          <NavLink
            to="/inbox"
            className="inbox-link"
            aria-label={unread ? `Inbox, ${unread} unread` : 'Inbox'}
          >
            Inbox{unread ? <span className="unread-count">{unread}</span> : null}
          </NavLink>
          <UserMenu user={me.user} product={currentProduct} />
        </div>
        <nav className="main-nav" aria-label="Main">
          {productBase &&
            PRODUCT_LINKS.map(([kind, label]) => (
              <NavLink key={kind} to={`${productBase}/${kind}`}>
                {label}
              </NavLink>
            ))}
          {productBase &&
            VOICE_LINKS.filter(([, , may]) => may(currentProduct?.my_roles ?? [])).map(([kind, label]) => (
              <NavLink key={kind} to={`${productBase}/${kind}`}>
                {label}
              </NavLink>
            ))}
          <NavLink to="/portfolio">Portfolio</NavLink>
          {me.user.is_admin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
