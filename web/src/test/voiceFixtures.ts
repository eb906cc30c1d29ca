// Fixtures of the customer voice, stakeholder and decision pages.
import type { Role } from '../api/types';
import type { Customer, Decision, Demand, Feedback, Idea, Stakeholder } from '../api/voiceTypes';
import { alice, bob, meFor, myProduct, productX2, user } from './fixtures';

const T = 1_790_000_000_000;

export const erin = user('u-erin', 'Erin Walsh', 'erin@skylift.example');
export const erinMe = meFor(erin, [myProduct(productX2, ['stakeholder'])], { product_id: 'p-x2', page: 'overview' });
export const daveMe = meFor(user('u-dave', 'Dave Kim', 'dave@skylift.example'), [myProduct(productX2, ['team_member'])], {
  product_id: 'p-x2',
  page: 'board',
});

export function productAs(roles: Role[]) {
  return { ...productX2, my_roles: roles };
}

export function customer(id: string, name: string, fields: Partial<Customer> = {}): Customer {
  return {
    id,
    product_id: 'p-x2',
    name,
    segment: 'inspection',
    revenue_per_year: 420000,
    region: 'Nordics',
    notes: '',
    contacts: [],
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export const nordic = customer('cus_1', 'Nordic Grid Inspection AS', {
  contacts: [
    {
      id: 'cct_1',
      customer_id: 'cus_1',
      name: 'Lars Holm',
      email: 'lars@nordic.example',
      role: 'Pilot',
      version: 1,
      created_at: T,
      updated_at: T,
    },
  ],
});
export const alpine = customer('cus_2', 'Alpine Survey GmbH', { revenue_per_year: 180000, region: 'DACH' });

export function feedback(id: string, text: string, fields: Partial<Feedback> = {}): Feedback {
  return {
    id,
    product_id: 'p-x2',
    text,
    source: 'interview',
    kind: 'qualitative',
    sentiment: 'neutral',
    score: null,
    date: '2026-11-03',
    customer: null,
    contact: null,
    status: 'new',
    author: { id: erin.id, name: erin.name },
    links: [],
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function idea(id: string, title: string, fields: Partial<Idea> = {}): Idea {
  return {
    id,
    product_id: 'p-x2',
    title,
    problem: '',
    proposer: { id: alice.id, name: alice.name },
    customer: null,
    status: 'new',
    decline_reason: null,
    item: null,
    votes: 0,
    customer_votes: 0,
    revenue_at_stake: 0,
    voted: false,
    my_vote_id: null,
    feedback_count: 0,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function demand(key: string, title: string, fields: Partial<Demand> = {}): Demand {
  return {
    item: { id: `itm_${key}`, key, title, type: 'epic' },
    customers: 1,
    revenue_at_stake: 420000,
    feedback_count: 1,
    votes: 0,
    by_importance: { nice_to_have: 0, important: 1, critical: 0 },
    customer_list: [{ id: 'cus_1', name: 'Nordic Grid Inspection AS', revenue_per_year: 420000 }],
    ...fields,
  };
}

export function stakeholder(id: string, name: string, fields: Partial<Stakeholder> = {}): Stakeholder {
  return {
    id,
    product_id: 'p-x2',
    name,
    kind: 'external',
    organisation: 'Nordic Grid',
    title: 'Head of operations',
    email: '',
    influence: 3,
    interest: 5,
    quadrant: 'manage_closely',
    channel: 'meeting',
    notes: '',
    user: null,
    last_contact: null,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function decision(id: string, title: string, fields: Partial<Decision> = {}): Decision {
  return {
    id,
    product_id: 'p-x2',
    title,
    context: '',
    options: [],
    decision: '',
    rationale: '',
    owner: { id: alice.id, name: alice.name },
    date: null,
    status: 'proposed',
    links: [],
    created_by: { id: bob.id, name: bob.name },
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}
