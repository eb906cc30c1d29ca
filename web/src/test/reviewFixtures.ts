import type { Feedback, Retro, RetroAction, RetroCard, Review, SprintBrief } from '../api/reviewTypes';
import { meFor, myProduct, productX2, user } from './fixtures';

const T = Date.parse('2026-05-15T09:00:00Z');

/** Sam is the Scrum Master, Erin a stakeholder of SkyLift X2. */
export const sam = user('u-sam', 'Sam Rivera', 'sam@skylift.example');
export const samMe = meFor(sam, [myProduct(productX2, ['scrum_master'])], { product_id: 'p-x2', page: 'sprint' });
export const productForSam = { ...productX2, my_roles: ['scrum_master' as const] };
export const erin = user('u-erin', 'Erin Walsh', 'erin@skylift.example');
export const erinMe = meFor(erin, [myProduct(productX2, ['stakeholder'])], { product_id: 'p-x2', page: 'overview' });
export const productForErin = { ...productX2, my_roles: ['stakeholder' as const] };

export const sprint3: SprintBrief = {
  id: 'spr_3',
  name: 'Sprint 3',
  goal: 'Night flights',
  status: 'completed',
  start_date: '2026-05-04',
  end_date: '2026-05-15',
  team: { id: 'tm_1', name: 'Falcons' },
};

export function feedback(id: string, text: string, fields: Partial<Feedback> = {}): Feedback {
  return {
    id,
    sprint_id: 'spr_3',
    text,
    from: '',
    sentiment: 'neutral',
    item_ids: [],
    items: [],
    author: { id: 'u-bob', name: 'Bob Chen' },
    created_at: T,
    ...fields,
  };
}

export function review(fields: Partial<Review> = {}): Review {
  return {
    sprint_id: 'spr_3',
    sprint: sprint3,
    agenda: [
      {
        id: 'itm_7',
        key: 'X2-7',
        title: 'Night mode',
        type: 'story',
        status: 'done',
        category: 'done',
        points: 5,
        accepted_at: T,
        accepted_by: { id: 'u-bob', name: 'Bob Chen' },
        criteria: [
          { id: 'acc_1', text: 'Given dusk, the preview stays readable', done: true },
          { id: 'acc_2', text: 'The LED dims at night', done: false },
        ],
      },
      {
        id: 'itm_9',
        key: 'X2-9',
        title: 'Battery warning',
        type: 'bug',
        status: 'done',
        category: 'done',
        points: 3,
        accepted_at: null,
        accepted_by: null,
        criteria: [],
      },
    ],
    agenda_points: 8,
    notes: '## Demo\n\nNight mode shown outdoors.',
    version: 3,
    updated_by: { id: 'u-bob', name: 'Bob Chen' },
    updated_at: T,
    feedback: [],
    ...fields,
  };
}

export const sprintItems = [
  { id: 'itm_7', key: 'X2-7', title: 'Night mode', type: 'story' as const, status: 'done', category: 'done' as const, points: 5 },
  { id: 'itm_8', key: 'X2-8', title: 'Obstacle stop', type: 'story' as const, status: 'new', category: 'to_do' as const, points: 3 },
];

export function card(id: string, column: RetroCard['column'], text: string, fields: Partial<RetroCard> = {}): RetroCard {
  return {
    id,
    sprint_id: 'spr_3',
    column,
    text,
    author: { id: 'u-bob', name: 'Bob Chen' },
    votes: 0,
    voted: false,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function action(id: string, text: string, fields: Partial<RetroAction> = {}): RetroAction {
  return {
    id,
    sprint_id: 'spr_3',
    sprint: { id: 'spr_3', name: 'Sprint 3' },
    team_id: 'tm_1',
    text,
    owner: null,
    card_id: null,
    done: false,
    done_at: null,
    done_by: null,
    created_by: { id: 'u-bob', name: 'Bob Chen' },
    carried_from: null,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function retro(fields: Partial<Retro> = {}): Retro {
  return {
    sprint_id: 'spr_3',
    sprint: sprint3,
    cards: { went_well: [], to_improve: [], action: [] },
    actions: [],
    ...fields,
  };
}
