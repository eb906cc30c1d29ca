import type { Me } from '../../api/types';

/** Where a user lands after login and on "/": the home from /me. */
export function homePath(me: Pick<Me, 'home' | 'products'>): string {
  const { product_id: productId, page } = me.home;
  if (page === 'portfolio' || page === 'admin') return `/${page}`;
  // The Scrum Master's home, "sprint", is the product's sprints page.
  if (productId) return `/products/${encodeURIComponent(productId)}/${page === 'sprint' ? 'sprints' : page}`;
  return '/portfolio';
}
