// Types of the releases and test planning API (docs/delivery.md, "Releases" and "Test planning").
import type { ItemBrief, ItemRef } from './backlogTypes';
import type { ScopeChange, SprintItemRef } from './sprintTypes';
import type { UserRef } from './types';

export const RELEASE_STATUSES = ['planned', 'in_progress', 'released'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export type BlockerPlace = 'this_release' | 'earlier' | 'later' | 'none';

export const TEST_RESULTS = ['pass', 'fail', 'blocked'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** An item as a release shows it. */
export type ReleaseItem = ItemBrief;

export interface ReleaseRef {
  id: string;
  version: string;
  target_date: string | null;
  status: ReleaseStatus;
}

export interface TestRun {
  id: string;
  plan_id: string;
  case_id: string;
  product_id: string;
  result: TestResult;
  notes: string;
  run_by: UserRef;
  run_at: string;
  bug_id: string | null;
  bug: ItemRef & { status: string } | null;
}

export interface OpenBlocker extends ReleaseItem {
  where: BlockerPlace;
  release: ReleaseRef | null;
  /** Keys of the release's items it blocks. */
  blocks: string[];
}

export interface FailingCase {
  case_id: string;
  title: string;
  item: { id: string; key: string; title: string };
  result: TestResult;
  run: TestRun;
}

export interface Readiness {
  items_total: number;
  items_done: number;
  criteria_total: number;
  criteria_covered: number;
  criteria_passing: number;
  open_blockers: OpenBlocker[];
  failing_cases: FailingCase[];
  ready: boolean;
}

export interface Dependency {
  item: ReleaseItem;
  blocked_by: { item: ReleaseItem; where: BlockerPlace; release: ReleaseRef | null; problem: boolean }[];
}

export interface Release {
  id: string;
  product_id: string;
  version: string;
  name: string;
  target_date: string | null;
  description: string;
  status: ReleaseStatus;
  released_at: string | null;
  created_by: UserRef | null;
  /** The concurrency counter (ETag / If-Match); `version` is the release's name. */
  revision: number;
  created_at: string;
  updated_at: string;
  /** When the plan was committed (ISO-8601), by whom, and its baseline; null before. */
  committed_at: string | null;
  committed_by: UserRef | null;
  baseline: ReleaseBaselineSummary | null;
  readiness: Readiness;
  /** On a single release (GET /releases/{id} and writes). */
  items?: ReleaseItem[];
  dependencies?: Dependency[];
}

export interface ReleaseInput {
  version?: string;
  name?: string;
  target_date?: string | null;
  description?: string;
  status?: ReleaseStatus;
}

export interface NotesGroup {
  group: 'new' | 'fixed' | 'improved';
  heading: string;
  items: ItemRef[];
}

export interface TestCase {
  id: string;
  product_id: string;
  item: ItemRef & { status: string };
  title: string;
  preconditions: string;
  steps: string;
  expected_result: string;
  /** Ids of the item's acceptance criteria. */
  criteria: string[];
  latest: TestRun | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TestCaseInput {
  title?: string;
  preconditions?: string;
  steps?: string;
  expected_result?: string;
  criteria?: string[];
}

export interface TestPlanSummary {
  total: number;
  pass: number;
  fail: number;
  blocked: number;
  not_run: number;
}

export interface TestPlan {
  id: string;
  product_id: string;
  name: string;
  sprint_id: string | null;
  release_id: string | null;
  release: { id: string; version: string } | null;
  case_ids: string[];
  /** Each with its latest run in this plan. */
  cases: TestCase[];
  summary: TestPlanSummary;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface NewTestPlan {
  name: string;
  sprint_id?: string;
  release_id?: string;
  case_ids?: string[];
}

export interface BugFromRun {
  bug: ItemRef & { status: string };
  created: boolean;
  run: TestRun;
}

export interface Coverage {
  item: { id: string; key: string; title: string };
  criteria: {
    id: string;
    text: string;
    done: boolean;
    covered: boolean;
    passing: boolean;
    cases: { id: string; title: string; latest: TestRun | null }[];
  }[];
  criteria_total: number;
  criteria_covered: number;
  criteria_passing: number;
}

// Release commitment and scope changes.

/** A committed release's baseline: items and points at the commit, and scope changes since. */
export interface ReleaseBaselineSummary {
  items: number;
  points: number;
  changes: number;
}

/** Releases record scope changes as sprints do, in the same shape. */
export type { ScopeChange, ScopeChangeKind } from './sprintTypes';
/** The item a scope change names, as it is now (`key` null once deleted). */
export type ScopeChangeItem = SprintItemRef;

/** GET /releases/{id}/scope-changes: the baseline and the changes since, oldest first. */
export interface ReleaseScopeChanges {
  release_id: string;
  committed_at: number | null;
  committed_by: UserRef | null;
  baseline: {
    taken_at: number | null;
    committed_points: number | null;
    items: { item: ScopeChangeItem; points: number | null }[];
  };
  data: ScopeChange[];
  next_cursor: string | null;
}
