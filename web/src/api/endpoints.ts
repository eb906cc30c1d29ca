// One function per API call the SPA makes.
import { getJson, request } from './client';
import type {
  HistoryEntry,
  LoginResponse,
  Me,
  NewUser,
  Page,
  Product,
  ProductChanges,
  Role,
  RoleAssignment,
  User,
} from './types';

const enc = encodeURIComponent;

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Follows next_cursor until the collection is exhausted (small collections only). */
async function getAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = cursor === null ? path : `${path}${sep}cursor=${enc(cursor)}`;
    const page: Page<T> = await getJson<Page<T>>(url, { signal });
    out.push(...(page.data ?? []));
    cursor = page.next_cursor ?? null;
    if (cursor === null) break;
  }
  return out;
}

export const api = {
  async login(email: string, password: string): Promise<LoginResponse> {
    const res = await request<LoginResponse>('POST', '/auth/login', {
      body: { email, password },
      skipAuthRedirect: true,
    });
    return res.data;
  },

  async logout(): Promise<void> {
    await request<void>('POST', '/auth/logout', { skipAuthRedirect: true });
  },

  me(signal?: AbortSignal): Promise<Me> {
    return getJson<Me>('/me', { signal });
  },

  listProducts(signal?: AbortSignal): Promise<Product[]> {
    return getAll<Product>('/products', signal);
  },

  getProduct(id: string, signal?: AbortSignal): Promise<Product> {
    return getJson<Product>(`/products/${enc(id)}`, { signal });
  },

  /**
   * PATCH with If-Match: a stale `version` fails with a 412 ApiError whose body holds the
   * current product under `current`.
   */
  async updateProduct(id: string, version: number, changes: ProductChanges): Promise<Product> {
    const res = await request<Product>('PATCH', `/products/${enc(id)}`, {
      body: changes,
      headers: { 'If-Match': `"${version}"` },
    });
    return res.data;
  },

  listUsers(signal?: AbortSignal): Promise<User[]> {
    return getAll<User>('/users', signal);
  },

  async createUser(user: NewUser): Promise<User> {
    return (await request<User>('POST', '/users', { body: user })).data;
  },

  async assignRole(productId: string, userId: string, role: Role): Promise<RoleAssignment> {
    const res = await request<RoleAssignment>('POST', `/products/${enc(productId)}/roles`, {
      body: { user_id: userId, role },
    });
    return res.data;
  },

  async removeRole(productId: string, assignmentId: string): Promise<void> {
    await request<void>('DELETE', `/products/${enc(productId)}/roles/${enc(assignmentId)}`);
  },

  history(
    productId: string,
    opts: { limit?: number; cursor?: string | null } = {},
    signal?: AbortSignal,
  ): Promise<Page<HistoryEntry>> {
    return getJson<Page<HistoryEntry>>(
      `/products/${enc(productId)}/history${query({ limit: opts.limit, cursor: opts.cursor })}`,
      { signal },
    );
  },
};
