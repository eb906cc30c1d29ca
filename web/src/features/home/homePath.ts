import type { Me } from '../../api/types';

/** Where a user lands after login and on "/": the home from /me. */
export function homePath(me: Pick<Me, 'home' | 'products'>): string {
  const { product_id: productId, page } = me.home;
  if (page === 'portfolio' || page === 'admin') return `/${page}`;
  if (productId) return `/products/${encodeURIComponent(productId)}/${page}`;
  return '/portfolio';
}
