// Live time together: when both sides' weekly windows overlap once time zones (and their DST
// changes) are applied. `liveOverlap` walks every day of the shared term, for reasons and the final
// score; `weeklyUtcMinutes` + `overlapMinutes` are the fast path a ranker precomputes per offer.
import { daysBetween } from '../offers/dates.ts';
import { minutesOfDay, type OfferContent } from '../offers/offer-rules.ts';
import { localToUtc, steadyOffsetMinutes, utcToLocal } from './zones.ts';

export type LiveSide = Pick<OfferContent, 'startDate' | 'endDate' | 'timeZone' | 'windows'>;

/** One overlap as each side sees it: "Tue 09:00–11:00 Berlin = Tue 16:00–18:00 Tokyo". */
export interface LiveSlot {
  aWeekday: number;
  aStart: string;
  aEnd: string;
  bWeekday: number;
  bStart: string;
  bEnd: string;
  /** Average minutes per week this slot contributes over the shared term. */
  minutesPerWeek: number;
}

export interface LiveOverlap {
  /** Average live hours per week both sides share, over the shared term. */
  hoursPerWeek: number;
  /** Weeks the two terms overlap (days / 7, not rounded). */
  weeks: number;
  /** Most minutes per week first. Slots differ within a term when one side changes to DST. */
  slots: LiveSlot[];
}

type Interval = [number, number];

const minuteMs = 60_000;
const dayMs = 86_400_000;
const weekMinutes = 7 * 1440;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday of a calendar date. */
function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/**
 * A window's occurrence on `date` (its own zone) as UTC ms; a window ending before it starts ends
 * the next day. `steadyOffset`, when the zone keeps one offset over both days, spares the look-ups.
 */
function occurrence(
  date: string,
  window: OfferContent['windows'][number],
  timeZone: string,
  steadyOffset?: number,
): Interval {
  const overnight = minutesOfDay(window.end) <= minutesOfDay(window.start);
  if (steadyOffset !== undefined) {
    const midnight = Date.parse(`${date}T00:00:00Z`) - steadyOffset * minuteMs;
    const start = midnight + minutesOfDay(window.start) * minuteMs;
    const end = midnight + (minutesOfDay(window.end) + (overnight ? 1440 : 0)) * minuteMs;
    return [start, end];
  }
  const start = localToUtc(date, window.start, timeZone).getTime();
  const end = localToUtc(overnight ? addDays(date, 1) : date, window.end, timeZone).getTime();
  return [start, end];
}

/** Sorted, merged: windows of one offer never overlap, but a DST night could make them touch. */
export function unionOfIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Every occurrence of the side's windows that starts on a local date from `from` to `to`. */
function occurrences(side: LiveSide, from: string, to: string): Interval[] {
  const found: Interval[] = [];
  const first = Date.parse(`${from}T00:00:00Z`) / dayMs;
  const last = Date.parse(`${to}T00:00:00Z`) / dayMs;
  // Day numbers, not date strings, for the walk: only days with a window become dates.
  for (let day = first; day <= last; day++) {
    const weekday = ((day + 3) % 7) + 1;
    let date: string | undefined;
    let steady: number | undefined;
    for (const window of side.windows) {
      if (window.weekday !== weekday) continue;
      if (date === undefined) {
        date = new Date(day * dayMs).toISOString().slice(0, 10);
        steady = steadyOffsetMinutes(side.timeZone, date, addDays(date, 1));
      }
      found.push(occurrence(date, window, side.timeZone, steady));
    }
  }
  return unionOfIntervals(found);
}

/** Intersection of two sorted, disjoint interval lists, by a linear merge. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const start = Math.max(x[0], y[0]);
    const end = Math.min(x[1], y[1]);
    if (end > start) pieces.push([start, end]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return pieces;
}

/**
 * Live hours both sides share, walking every day from the later start to the earlier end so each
 * DST change (Berlin's last Sundays of March and October; Tokyo has none) falls on its real date.
 * The average over the shared days is what a lecturer plans with: "about 1.5 h a week".
 */
export function liveOverlap(a: LiveSide, b: LiveSide): LiveOverlap {
  const from = a.startDate > b.startDate ? a.startDate : b.startDate;
  const to = a.endDate < b.endDate ? a.endDate : b.endDate;
  const days = daysBetween(from, to) + 1;
  if (days <= 0) return { hoursPerWeek: 0, weeks: 0, slots: [] };

  const pieces = intersect(occurrences(a, from, to), occurrences(b, from, to));
  const slotMinutes = new Map<
    string,
    { slot: Omit<LiveSlot, 'minutesPerWeek'>; minutes: number }
  >();
  let total = 0;
  for (const [start, end] of pieces) {
    const minutes = (end - start) / minuteMs;
    total += minutes;
    const aFrom = utcToLocal(new Date(start), a.timeZone);
    const aTo = utcToLocal(new Date(end), a.timeZone);
    const bFrom = utcToLocal(new Date(start), b.timeZone);
    const bTo = utcToLocal(new Date(end), b.timeZone);
    const slot = {
      aWeekday: aFrom.weekday,
      aStart: aFrom.time,
      aEnd: aTo.time,
      bWeekday: bFrom.weekday,
      bStart: bFrom.time,
      bEnd: bTo.time,
    };
    const key = Object.values(slot).join(' ');
    const seen = slotMinutes.get(key);
    if (seen) seen.minutes += minutes;
    else slotMinutes.set(key, { slot, minutes });
  }
  const slots = [...slotMinutes.values()]
    .map(({ slot, minutes }) => ({ ...slot, minutesPerWeek: (minutes / days) * 7 }))
    .sort(
      (x, y) =>
        y.minutesPerWeek - x.minutesPerWeek ||
        x.aWeekday - y.aWeekday ||
        x.aStart.localeCompare(y.aStart) ||
        x.bStart.localeCompare(y.bStart),
    );
  return { hoursPerWeek: ((total / days) * 7) / 60, weeks: days / 7, slots };
}

/**
 * Fast path: the offer's windows in one reference week — the Monday-to-Sunday (its own calendar)
 * holding `referenceDate` — as UTC minutes of the week (0 = Monday 00:00 UTC), sorted and
 * merged, each within [0, 10080]: a span running past Sunday midnight UTC is split in two, so
 * `overlapMinutes` needs no wrap-around logic. Unlike `liveOverlap` it sees one week only: give
 * both offers the same reference date (e.g. the middle of their shared term); a DST change
 * between that week and others is ignored.
 */
export function weeklyUtcMinutes(offer: LiveSide, referenceDate: string): Interval[] {
  const monday = addDays(referenceDate, 1 - isoWeekday(referenceDate));
  const spans: Interval[] = [];
  for (const window of offer.windows) {
    const [start, end] = occurrence(addDays(monday, window.weekday - 1), window, offer.timeZone);
    const startDate = new Date(start);
    const startMinute =
      ((startDate.getUTCDay() + 6) % 7) * 1440 +
      startDate.getUTCHours() * 60 +
      startDate.getUTCMinutes();
    const endMinute = startMinute + (end - start) / minuteMs;
    if (endMinute <= startMinute) continue;
    if (endMinute > weekMinutes) {
      spans.push([startMinute, weekMinutes], [0, endMinute - weekMinutes]);
    } else spans.push([startMinute, endMinute]);
  }
  return unionOfIntervals(spans);
}

/** Minutes of the week two offers share: a linear merge of sorted, disjoint spans from `weeklyUtcMinutes`. */
export function overlapMinutes(aSpans: readonly Interval[], bSpans: readonly Interval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < aSpans.length && j < bSpans.length) {
    const x = aSpans[i] as Interval;
    const y = bSpans[j] as Interval;
    const overlap = Math.min(x[1], y[1]) - Math.max(x[0], y[0]);
    if (overlap > 0) total += overlap;
    if (x[1] < y[1]) i++;
    else j++;
  }
  return total;
}
