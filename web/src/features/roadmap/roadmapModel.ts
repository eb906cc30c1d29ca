// Pure helpers of the roadmap page: where a bar sits among the period columns, and the dates
// an initiative gets when it is moved by whole periods.
import type { Granularity, RoadmapInitiative, RoadmapPeriod } from '../../api/roadmap';

export const MONTHS: Record<Granularity, number> = { quarter: 3, half: 6, year: 12 };

/** The index of the period holding `date`, or -1 before the first, periods.length after the last. */
export function periodIndex(periods: RoadmapPeriod[], date: string): number {
  if (periods.length === 0 || date < periods[0].start) return -1;
  const i = periods.findIndex((p) => p.start <= date && date <= p.end);
  return i === -1 ? periods.length : i;
}

/** The columns a bar spans (0-based, inclusive), held to the timeline. */
export function barColumns(periods: RoadmapPeriod[], start: string, end: string): { first: number; last: number } {
  const first = Math.max(0, periodIndex(periods, start));
  const last = Math.min(periods.length - 1, periodIndex(periods, end));
  return { first, last: Math.max(first, last) };
}

/** The day `months` months after `date` (negative: before), held to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12; // 0-based
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The dates an initiative gets when its bar moves `periods` periods (negative: earlier). */
export function shiftedDates(
  initiative: Pick<RoadmapInitiative, 'start' | 'end'>,
  granularity: Granularity,
  periods: number,
): { start_date: string; end_date: string } {
  const months = MONTHS[granularity] * periods;
  return { start_date: addMonths(initiative.start, months), end_date: addMonths(initiative.end, months) };
}

/** "Placed by its dates", … : how the bar was placed, for its title. */
export const PLACEMENT_LABELS: Record<RoadmapInitiative['placement'], string> = {
  dates: 'its dates',
  start: 'its start and horizon',
  end: 'its end and horizon',
  timeframe: 'its timeframe (no dates)',
};

export const STATUS_LABELS: Record<RoadmapInitiative['status'], string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
