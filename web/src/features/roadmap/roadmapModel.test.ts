import { describe, expect, it } from 'vitest';

import type { RoadmapPeriod } from '../../api/roadmap';
import { addMonths, barColumns, periodIndex, shiftedDates } from './roadmapModel';

const periods: RoadmapPeriod[] = [
  { label: '2030 Q1', start: '2030-01-01', end: '2030-03-31' },
  { label: '2030 Q2', start: '2030-04-01', end: '2030-06-30' },
  { label: '2030 Q3', start: '2030-07-01', end: '2030-09-30' },
];

describe('roadmapModel', () => {
  it('finds the period of a date, before and after the timeline', () => {
    expect(periodIndex(periods, '2029-12-31')).toBe(-1);
    expect(periodIndex(periods, '2030-01-01')).toBe(0);
    expect(periodIndex(periods, '2030-06-30')).toBe(1);
    expect(periodIndex(periods, '2031-01-01')).toBe(3);
  });

  it('spans bars over their periods, held to the timeline', () => {
    expect(barColumns(periods, '2030-02-01', '2030-08-15')).toEqual({ first: 0, last: 2 });
    expect(barColumns(periods, '2029-02-01', '2030-02-15')).toEqual({ first: 0, last: 0 });
    expect(barColumns(periods, '2030-05-01', '2032-01-01')).toEqual({ first: 1, last: 2 });
  });

  it('adds months holding the day to the month end', () => {
    expect(addMonths('2030-01-31', 1)).toBe('2030-02-28');
    expect(addMonths('2030-03-31', -3)).toBe('2029-12-31');
    expect(addMonths('2030-11-15', 2)).toBe('2031-01-15');
  });

  it('moves an initiative by whole periods of the granularity', () => {
    const i = { start: '2030-02-01', end: '2030-03-31' };
    expect(shiftedDates(i, 'quarter', 1)).toEqual({ start_date: '2030-05-01', end_date: '2030-06-30' });
    expect(shiftedDates(i, 'half', -1)).toEqual({ start_date: '2029-08-01', end_date: '2029-09-30' });
    expect(shiftedDates(i, 'year', 2)).toEqual({ start_date: '2032-02-01', end_date: '2032-03-31' });
  });
});
