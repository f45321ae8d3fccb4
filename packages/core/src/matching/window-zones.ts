// A weekly live-session window as it falls in another time zone: "Tuesday 09:00–11:00 in
// Berlin" is "Tuesday 16:00–18:00 in Tokyo" in October and 17:00–19:00 in November, so the
// conversion is always for a given week. Offer pages and forms show it; matching counts the
// same hours in live-hours.ts. Only zones.ts and dates.ts: light enough for the browser.
import { addDays, isoWeekdayOf } from '../offers/dates.ts';
import type { WeeklyWindow } from '../offers/offer-rules.ts';
import { localToUtc, utcToLocal, zoneOffsetMinutes } from './zones.ts';

/** A window as it falls in another zone. */
export interface ZonedWindow {
  timeZone: string;
  /** Weekday (1–7) on which the window starts in `timeZone`. */
  weekday: number;
  start: string;
  /** Weekday (1–7) on which the window ends in `timeZone`. */
  endWeekday: number;
  end: string;
  /** Whole days between the start's and the end's calendar day in `timeZone` (0 or 1). */
  endDayOffset: number;
  /** How the start's weekday moved against the source window: -1, 0 or +1. */
  dayShift: number;
}

const dayMs = 86_400_000;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

/**
 * `window`, written in `fromZone`, as it falls in `toZone` in the week that starts on
 * `onDate` (`YYYY-MM-DD`; the window's first occurrence on or after it decides the offsets).
 * A time the clocks skip (02:30 on a spring-forward night) is the moment of the jump, as
 * matching reads it.
 */
export function convertWindow(
  window: WeeklyWindow,
  fromZone: string,
  toZone: string,
  onDate: string,
): ZonedWindow {
  const date = addDays(onDate, (window.weekday - isoWeekdayOf(onDate) + 7) % 7);
  const endsNextDay = minutesOf(window.end) <= minutesOf(window.start);
  const start = utcToLocal(localToUtc(date, window.start, fromZone), toZone);
  const end = utcToLocal(
    localToUtc(endsNextDay ? addDays(date, 1) : date, window.end, fromZone),
    toZone,
  );
  return {
    timeZone: toZone,
    weekday: start.weekday,
    start: start.time,
    endWeekday: end.weekday,
    end: end.time,
    endDayOffset: dayNumber(end.date) - dayNumber(start.date),
    dayShift: dayNumber(start.date) - dayNumber(date),
  };
}

/**
 * Whether the gap between two zones changes between two dates (one of them changes its clocks
 * during the term, and the other not the same way), so a window's time on the other side moves.
 */
export function gapChangesBetween(
  zoneA: string,
  zoneB: string,
  fromDate: string,
  toDate: string,
): boolean {
  const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);
  const gap = (instant: number) =>
    zoneOffsetMinutes(zoneA, new Date(instant)) - zoneOffsetMinutes(zoneB, new Date(instant));
  const from = noon(fromDate);
  const to = noon(toDate);
  if (!(to > from)) return false;
  const first = gap(from);
  // Offsets change at most a few times a year: weekly samples find every change of gap.
  for (let instant = from; instant < to; instant += 7 * dayMs) {
    if (gap(instant) !== first) return true;
  }
  return gap(to) !== first;
}
