import type { BlockerPlace, ReleaseStatus, ScopeChangeKind, TestResult } from '../../api/releaseTypes';

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  released: 'Released',
};

export const PLACE_LABELS: Record<BlockerPlace, string> = {
  this_release: 'in this release',
  earlier: 'in an earlier release',
  later: 'in a later release',
  none: 'in no release',
};

export const RESULT_LABELS: Record<TestResult, string> = {
  pass: 'Pass',
  fail: 'Fail',
  blocked: 'Blocked',
};

/**
 * The entity types whose changes alter what release and test pages show: the releases and
 * test objects themselves, and items (their status, criteria, links and release).
 */
export const RELEASE_ENTITY_TYPES = new Set(['release', 'test_case', 'test_plan', 'test_run', 'item']);

export const SCOPE_CHANGE_LABELS: Record<ScopeChangeKind, string> = {
  added: 'Added',
  removed: 'Removed',
  re_estimated: 'Re-estimated',
};
