import type { Me, MyProduct, Product, Role, User } from '../api/types';

const T = '2025-01-15T09:00:00Z';

export function user(id: string, name: string, email: string, is_admin = false): User {
  return { id, email, name, is_admin, version: 1, created_at: T, updated_at: T };
}

export const alice = user('u-alice', 'Alice Moreau', 'alice@skylift.example');
export const bob = user('u-bob', 'Bob Chen', 'bob@skylift.example');
export const admin = user('u-admin', 'Ada Admin', 'admin@skylift.example', true);

function assignment(id: string, u: User, role: Role) {
  return { id, user: { id: u.id, name: u.name, email: u.email }, role, created_at: T };
}

export const productX2: Product = {
  id: 'p-x2',
  key: 'X2',
  name: 'SkyLift X2',
  description: 'The next drone series.',
  stage: 'development',
  version: 3,
  created_at: T,
  updated_at: T,
  my_roles: ['product_manager'],
  roles: [assignment('ra-1', alice, 'product_manager'), assignment('ra-2', bob, 'product_owner')],
  warnings: [],
};

export const productAI: Product = {
  id: 'p-ai',
  key: 'AI',
  name: 'SkyLift AI',
  description: 'AI-powered drones.',
  stage: 'conception',
  version: 1,
  created_at: T,
  updated_at: T,
  my_roles: ['product_manager', 'product_owner'],
  roles: [assignment('ra-3', alice, 'product_manager'), assignment('ra-4', alice, 'product_owner')],
  warnings: [
    {
      code: 'pm_is_po',
      message: 'Alice Moreau is both Product Manager and Product Owner of SkyLift AI.',
    },
  ],
};

export function myProduct(p: Product, roles: Role[] = p.my_roles): MyProduct {
  return { id: p.id, key: p.key, name: p.name, stage: p.stage, my_roles: roles };
}

export function meFor(u: User, products: MyProduct[], home: Me['home']): Me {
  return { user: u, workspace: { id: 'w-1', name: 'SkyLift Drones' }, products, home };
}

export const aliceMe = meFor(alice, [myProduct(productX2), myProduct(productAI)], {
  product_id: 'p-x2',
  page: 'strategy',
});
export const bobMe = meFor(bob, [myProduct(productX2, ['product_owner'])], {
  product_id: 'p-x2',
  page: 'backlog',
});
export const adminMe = meFor(admin, [], { product_id: null, page: 'admin' });
