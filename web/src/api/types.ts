// Types of the Throughline JSON API (base /api/v1). Ids are opaque strings.

export const ROLES = [
  'product_manager',
  'product_owner',
  'scrum_master',
  'team_member',
  'stakeholder',
  'executive',
] as const;
export type Role = (typeof ROLES)[number];

export const STAGES = [
  'conception',
  'development',
  'launch',
  'growth',
  'maturity',
  'decline',
  'retired',
] as const;
export type Stage = (typeof STAGES)[number];

export const PRODUCT_PAGES = ['strategy', 'backlog', 'sprint', 'board', 'overview', 'history'] as const;
export type ProductPageKind = (typeof PRODUCT_PAGES)[number];
export type HomePage = Exclude<ProductPageKind, 'history'> | 'portfolio' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRef {
  id: string;
  name: string;
  email?: string;
}

export interface RoleAssignment {
  id: string;
  product_id?: string;
  user: UserRef;
  role: Role;
  created_at: string;
}

export interface Warning {
  code: string;
  message: string;
}

export interface Product {
  id: string;
  key: string;
  name: string;
  description: string;
  stage: Stage;
  version: number;
  created_at: string;
  updated_at: string;
  my_roles: Role[];
  roles?: RoleAssignment[];
  warnings?: Warning[];
}

export interface MyProduct {
  id: string;
  key: string;
  name: string;
  stage: Stage;
  my_roles: Role[];
}

export interface Me {
  user: User;
  workspace: { id: string; name: string };
  products: MyProduct[];
  home: { product_id: string | null; page: HomePage };
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  entity_type: string;
  entity_id: string;
  /** The product the object belongs to; null for users, tokens, the workspace. */
  product_id?: string | null;
  action: string;
  changes: Record<string, FieldChange> | null;
}

/** A `change` message of the live event stream: a history entry as it is written. */
export type ChangeEvent = HistoryEntry & { product_id: string | null };

/** The fields of a product an editor may change (PATCH /products/{id}). */
export interface ProductChanges {
  name?: string;
  description?: string;
  stage?: Stage;
}

export interface LoginResponse {
  token: string;
  expires_at: string;
  user: User;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  is_admin: boolean;
}

export interface ErrorDetail {
  field: string;
  issue: string;
}
