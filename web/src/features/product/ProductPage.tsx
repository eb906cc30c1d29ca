import { useParams } from 'react-router-dom';

import { NotFound } from '../../components/NotFound';
import { HistoryPage } from '../history/HistoryPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PlaceholderPage } from './PlaceholderPage';

/** Dispatches /products/:productId/:page to the page of that kind. */
export function ProductPage() {
  const { productId = '', page = '' } = useParams();
  switch (page) {
    case 'strategy':
    case 'backlog':
    case 'sprint':
    case 'board':
      return <PlaceholderPage key={productId} kind={page} />;
    case 'overview':
      return <OverviewPage key={productId} productId={productId} />;
    case 'history':
      return <HistoryPage key={productId} productId={productId} />;
    default:
      return <NotFound />;
  }
}
