import type { BacklogSettings, Item } from '../api/backlogTypes';
import { bobMe, productX2 } from './fixtures';

const T = '2026-01-10T09:00:00Z';

export const settingsX2: BacklogSettings = {
  statuses: [
    { key: 'new', name: 'New', category: 'to_do', wip_limit: 0 },
    { key: 'ready', name: 'Ready', category: 'to_do', wip_limit: 0 },
    { key: 'in_progress', name: 'In progress', category: 'in_progress', wip_limit: 2 },
    { key: 'done', name: 'Done', category: 'done', wip_limit: 0 },
  ],
  transitions: [],
  point_scale: [0, 1, 2, 3, 5, 8, 13],
  split_threshold: 13,
  definition_of_ready: [{ id: 'dor_1', text: 'Criteria written' }],
  definition_of_done: [{ id: 'dod_1', text: 'Tested' }],
  fields: [
    { id: 'fld_1', key: 'risk', name: 'Risk', type: 'single_select', options: ['low', 'medium', 'high'] },
  ],
  version: 1,
};

export function item(n: number, fields: Partial<Item> = {}): Item {
  return {
    id: `itm_${n}`,
    key: `X2-${n}`,
    product_id: 'p-x2',
    type: 'story',
    title: `Story ${n}`,
    description: '',
    criteria: [],
    points: null,
    priority: 'medium',
    labels: [],
    assignee: null,
    status: 'new',
    category: 'to_do',
    parent: null,
    goal_id: null,
    initiative_id: null,
    rank: `r${n}`,
    fields: {},
    ready_checks: [],
    done_checks: [],
    ready: false,
    links: [],
    rollup: null,
    flags: [],
    accepted_at: null,
    accepted_by: null,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

/** Bob is the Product Owner of SkyLift X2 (bobMe). */
export const productForBob = { ...productX2, my_roles: bobMe.products[0].my_roles };

export function page<T>(data: T[]) {
  return { body: { data, next_cursor: null } };
}
