import { describe, expect, it } from 'vitest';

import { burndown, planning, velocity } from '../../test/sprintFixtures';
import {
  burndownRows,
  burndownSummary,
  burnupSummary,
  capacityFigures,
  changeText,
  effectiveCapacity,
  velocityHint,
  velocitySummary,
  workingDates,
} from './sprintModel';

describe('sprint model', () => {
  it('lists the working dates between two days, by ISO weekday', () => {
    expect(workingDates('2026-11-20', '2026-11-24', [1, 2, 3, 4, 5])).toEqual(['2026-11-20', '2026-11-23', '2026-11-24']);
    expect(workingDates('2026-11-20', '2026-11-24', [6, 7])).toEqual(['2026-11-21', '2026-11-22']);
    expect(workingDates('', '2026-11-24', [1])).toEqual([]);
  });

  it('lowers a capacity proportionally for days off that are working days', () => {
    const working = workingDates('2026-11-23', '2026-12-04', [1, 2, 3, 4, 5]);
    expect(effectiveCapacity(10, ['2026-11-24'], working)).toBe(9);
    // A Saturday off changes nothing.
    expect(effectiveCapacity(10, ['2026-11-28'], working)).toBe(10);
    expect(effectiveCapacity(10, [], [])).toBe(0);
  });

  it('fills the capacity bar against the capacity, and marks it over', () => {
    const f = capacityFigures(planning({ committed_points: 34, capacity: 30, velocity: 28.5, velocity_window: 2 }));
    expect(f.over).toBe(true);
    expect(f.limit).toBe(30);
    expect(f.limitLabel).toBe('capacity');
    expect(f.percent).toBe(100);
    expect(f.limitAt).toBeCloseTo((30 / 34) * 100);
    expect(f.velocityAt).toBeCloseTo((28.5 / 34) * 100);
    expect(f.text).toBe('34 points planned of a capacity of 30');

    const under = capacityFigures(planning({ committed_points: 15, capacity: 30 }));
    expect(under.over).toBe(false);
    expect(under.percent).toBe(50);
  });

  it('compares an hours sprint with the velocity only', () => {
    const f = capacityFigures(
      planning({ committed_points: 20, capacity: 120, capacity_unit: 'hours', capacity_comparable: false, velocity: 18, velocity_window: 3 }),
    );
    expect(f.limitLabel).toBe('velocity');
    expect(f.limit).toBe(18);
    expect(f.over).toBe(true);
    expect(f.text).toBe('20 points planned (capacity 120 hours, not compared with points)');
  });

  it('hints at the velocity and how many sprints it averages', () => {
    expect(velocityHint(planning({ velocity: 28.5, velocity_window: 2 }))).toBe(
      'Velocity 28.5 points (average of the last 2 completed sprints).',
    );
    expect(velocityHint(planning({ velocity: 12, velocity_window: 1 }))).toBe(
      'Velocity 12 points (average of the last completed sprint).',
    );
    expect(velocityHint(planning())).toMatch(/No velocity yet/);
  });

  it('writes what a scope change did to the points', () => {
    expect(changeText({ kind: 'added', points_before: null, points_after: 13 })).toBe('+13');
    expect(changeText({ kind: 'removed', points_before: 5, points_after: null })).toBe('−5');
    expect(changeText({ kind: 're_estimated', points_before: 5, points_after: 8 })).toBe('5 → 8');
  });

  it('turns the burndown into chart rows and a summary naming the scope changes', () => {
    const keys = new Map([['itm_16', 'X2-16']]);
    const rows = burndownRows(burndown(), keys);
    expect(rows.map((r) => r.changes)).toEqual([['X2-16 +13'], [], []]);
    expect(rows[0].marks).toEqual(['+13']);
    expect(rows[2].remaining).toBeNull();
    expect(burndownSummary(burndown(), keys)).toBe(
      'On Tue 24 Nov: 18 of 23 points remaining, 5 done; ideal 3.3. Committed 10. Scope changes: X2-16 +13 on Mon 23 Nov.',
    );
    expect(burnupSummary(burndown(), keys)).toBe(
      'On Tue 24 Nov: 5 of 23 points done; the scope was 10 at the start and 23 at the end of the first day. ' +
        'Scope changes: X2-16 +13 on Mon 23 Nov.',
    );
    const planned = burndown({ status: 'planned', days: burndown().days.map((d) => ({ ...d, scope: null, done: null, remaining: null, changes: [] })) });
    expect(burndownSummary(planned, keys)).toBe(
      'Not started: 10 points planned, ideally burnt down to 0 by Wed 25 Nov. No scope changes.',
    );
  });

  it('summarises the velocity chart', () => {
    expect(velocitySummary(velocity())).toBe(
      'The last 2 completed sprints: Sprint 5 18 of 20, Sprint 6 21 of 24. Average completed: 19.5 points.',
    );
    expect(velocitySummary(velocity({ sprints: [], average: null }))).toBe('No completed sprint of this team on this product yet.');
  });
});
