import { api } from './endpoints';
import type { Product, Role } from './types';

/** All visible products with their role assignments (fetching details where the list omits them). */
export async function productsWithRoles(signal?: AbortSignal): Promise<Product[]> {
  const list = await api.listProducts(signal);
  return Promise.all(list.map((p) => (Array.isArray(p.roles) ? p : api.getProduct(p.id, signal))));
}

export function holders(product: Product, role: Role): string[] {
  return (product.roles ?? []).filter((a) => a.role === role).map((a) => a.user.name);
}
