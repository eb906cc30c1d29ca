import type { Readiness, Release, TestCase, TestPlan, TestRun } from '../api/releaseTypes';
import { meFor, myProduct, productX2, user } from './fixtures';

const T = '2026-05-01T09:00:00Z';

/** Dave is a team member of SkyLift X2. */
export const dave = user('u-dave', 'Dave Kim', 'dave@skylift.example');
export const daveMe = meFor(dave, [myProduct(productX2, ['team_member'])], { product_id: 'p-x2', page: 'board' });
export const productForDave = { ...productX2, my_roles: ['team_member' as const] };

export function readiness(fields: Partial<Readiness> = {}): Readiness {
  return {
    items_total: 0,
    items_done: 0,
    criteria_total: 0,
    criteria_covered: 0,
    criteria_passing: 0,
    open_blockers: [],
    failing_cases: [],
    ready: false,
    ...fields,
  };
}

export function release(id: string, version: string, fields: Partial<Release> = {}): Release {
  return {
    id,
    product_id: 'p-x2',
    version,
    name: '',
    target_date: null,
    description: '',
    status: 'planned',
    released_at: null,
    created_by: { id: 'u-bob', name: 'Bob Chen' },
    revision: 1,
    created_at: T,
    updated_at: T,
    committed_at: null,
    committed_by: null,
    baseline: null,
    readiness: readiness(),
    ...fields,
  };
}

export function run(id: string, caseId: string, fields: Partial<TestRun> = {}): TestRun {
  return {
    id,
    plan_id: 'tpl_1',
    case_id: caseId,
    product_id: 'p-x2',
    result: 'pass',
    notes: '',
    run_by: { id: 'u-dave', name: 'Dave Kim' },
    run_at: T,
    bug_id: null,
    bug: null,
    ...fields,
  };
}

export function testCase(id: string, title: string, fields: Partial<TestCase> = {}): TestCase {
  return {
    id,
    product_id: 'p-x2',
    item: { id: 'itm_7', key: 'X2-7', title: 'Night mode', type: 'story', status: 'in_progress' },
    title,
    preconditions: '',
    steps: '1. Take off\n2. Hover',
    expected_result: 'The preview stays readable',
    criteria: [],
    latest: null,
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function testPlan(id: string, name: string, cases: TestCase[], fields: Partial<TestPlan> = {}): TestPlan {
  const count = (r: string) => cases.filter((c) => c.latest?.result === r).length;
  return {
    id,
    product_id: 'p-x2',
    name,
    sprint_id: null,
    release_id: 'rel_1',
    release: { id: 'rel_1', version: '2.1' },
    case_ids: cases.map((c) => c.id),
    cases,
    summary: {
      total: cases.length,
      pass: count('pass'),
      fail: count('fail'),
      blocked: count('blocked'),
      not_run: cases.filter((c) => !c.latest).length,
    },
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}
