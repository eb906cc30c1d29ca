import { Link, useSearchParams } from 'react-router-dom';

import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../session/SessionContext';
import { CompetitorsTab } from './CompetitorsTab';
import { canReadMarket, canWriteMarket, MARKET_TABS, marketPath, marketTab } from './marketModel';
import { MatrixTab } from './MatrixTab';
import { PersonasTab } from './PersonasTab';
import { ResearchTab } from './ResearchTab';

/**
 * Market and competition: competitors, the feature comparison matrix, personas and research
 * notes, a tab each (`?tab=`). Every role but the stakeholder reads it; the PM writes.
 */
export function MarketPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const mayRead = canReadMarket(roles);
  const canWrite = canWriteMarket(roles);
  const [params] = useSearchParams();
  const tab = marketTab(params.get('tab'));

  if (!mayRead) {
    return (
      <section>
        <PageHeading title="Market">Market</PageHeading>
        <p className="muted">Market and competition are for the product's team, managers and executives.</p>
      </section>
    );
  }

  const label = MARKET_TABS.find(([t]) => t === tab)![1];
  return (
    <section>
      <PageHeading title={`Market · ${label}`}>Market</PageHeading>
      <nav className="sub-nav" aria-label="Market">
        {MARKET_TABS.map(([t, text]) => (
          <Link key={t} to={marketPath(productId, t)} aria-current={t === tab ? 'page' : undefined} className={t === tab ? 'active' : ''}>
            {text}
          </Link>
        ))}
      </nav>
      {tab === 'competitors' && <CompetitorsTab key={productId} productId={productId} canWrite={canWrite} />}
      {tab === 'matrix' && <MatrixTab key={productId} productId={productId} canWrite={canWrite} />}
      {tab === 'personas' && <PersonasTab key={productId} productId={productId} canWrite={canWrite} />}
      {tab === 'research' && <ResearchTab key={productId} productId={productId} canWrite={canWrite} />}
    </section>
  );
}
