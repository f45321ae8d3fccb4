// Weekly live-session windows across time zones, with `Intl` only: what "Tuesday 09:00–11:00
// in Berlin" is in Tokyo in a given week (so daylight saving time is right), including
// half-hour zones and windows that run past midnight.

export interface WeeklyWindow {
  /** 1 = Monday … 7 = Sunday, in the zone the window is written in. */
  weekday: number;
  /** `HH:MM`. */
  start: string;
  /** `HH:MM`; earlier than (or equal to) `start` runs into the next day. */
  end: string;
}

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

const MINUTE = 60_000;
const DAY = 86_400_000;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isWindowTime(value: string): boolean {
  return timePattern.test(value);
}

export function isWindowDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whether a window is complete and well-formed enough to convert. */
export function isCompleteWindow(window: WeeklyWindow): boolean {
  return (
    Number.isInteger(window.weekday) &&
    window.weekday >= 1 &&
    window.weekday <= 7 &&
    isWindowTime(window.start) &&
    isWindowTime(window.end)
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at `instant` (ms since the epoch). */
export function wallClockAt(timeZone: string, instant: number): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    // Some engines still say 24 for midnight despite h23.
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Berlin in summer: 120; Kolkata: 330). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  const wall = wallClockAt(timeZone, instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((asUtc - whole) / MINUTE);
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a DST change is
 * read with the offset from before the change (02:30 on a spring-forward night is 03:30).
 */
export function instantOf(timeZone: string, date: string, time: string, dayOffset = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d + dayOffset, hh, mm);
  const before = zoneOffsetMinutes(timeZone, asUtc - DAY);
  const after = zoneOffsetMinutes(timeZone, asUtc + DAY);
  // Try the offsets on either side of the moment; keep the first whose wall clock reads back
  // as asked (a time that happens twice when clocks go back is its first occurrence).
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = asUtc - offset * MINUTE;
    if (zoneOffsetMinutes(timeZone, instant) === offset) return instant;
  }
  return asUtc - before * MINUTE;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date. */
export function weekdayOfDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `date` moved by `days` days, as `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first date on or after `date` that falls on `weekday`. */
export function nextWeekday(date: string, weekday: number): string {
  return addDays(date, (weekday - weekdayOfDate(date) + 7) % 7);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Length of a window in minutes, past midnight when it ends before it starts. */
export function windowLengthMinutes(window: WeeklyWindow): number {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return end > start ? end - start : 24 * 60 - start + end;
}

function dayNumber(wall: WallClock): number {
  return Math.floor(Date.UTC(wall.year, wall.month - 1, wall.day) / DAY);
}

function isoWeekdayOf(wall: WallClock): number {
  const day = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * `window`, written in `fromZone`, as it falls in `toZone` in the week that starts on
 * `onDate` (`YYYY-MM-DD`; the window's first occurrence on or after it decides the offsets).
 */
export function convertWindow(
  window: WeeklyWindow,
  fromZone: string,
  toZone: string,
  onDate: string,
): ZonedWindow {
  const date = nextWeekday(onDate, window.weekday);
  const startInstant = instantOf(fromZone, date, window.start);
  const endsNextDay = minutesOf(window.end) <= minutesOf(window.start);
  const endInstant = instantOf(fromZone, date, window.end, endsNextDay ? 1 : 0);
  const startWall = wallClockAt(toZone, startInstant);
  const endWall = wallClockAt(toZone, endInstant);
  const sourceDay = Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
  return {
    timeZone: toZone,
    weekday: isoWeekdayOf(startWall),
    start: `${pad(startWall.hour)}:${pad(startWall.minute)}`,
    endWeekday: isoWeekdayOf(endWall),
    end: `${pad(endWall.hour)}:${pad(endWall.minute)}`,
    endDayOffset: dayNumber(endWall) - dayNumber(startWall),
    dayShift: dayNumber(startWall) - sourceDay,
  };
}

export type ZoneRegion = 'asia' | 'europe';

/** Which side of ASEM a zone lies on by its IANA area, or null (UTC, the Americas, Africa). */
export function zoneRegion(timeZone: string): ZoneRegion | null {
  const area = timeZone.split('/')[0];
  if (area === 'Europe' || area === 'Atlantic') return 'europe';
  if (area === 'Asia' || area === 'Australia' || area === 'Pacific' || area === 'Indian') {
    return 'asia';
  }
  return null;
}

export const asianReferenceZones = [
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Bangkok',
] as const;
export const europeanReferenceZones = ['Europe/Berlin', 'Europe/London'] as const;

/**
 * The other region's main zones to show a window in: the side opposite the offer's own zone;
 * for a zone on neither side (UTC, the Americas), the region the offer seeks, else both.
 * The offer's own zone is left out.
 */
export function referenceZones(timeZone: string, seeking?: string | null): string[] {
  const own = zoneRegion(timeZone);
  const target: ZoneRegion | null =
    own === 'europe'
      ? 'asia'
      : own === 'asia'
        ? 'europe'
        : seeking === 'asia' || seeking === 'europe'
          ? seeking
          : null;
  const zones =
    target === 'asia'
      ? [...asianReferenceZones]
      : target === 'europe'
        ? [...europeanReferenceZones]
        : [...europeanReferenceZones, ...asianReferenceZones];
  return zones.filter((zone) => zone !== timeZone);
}

/** The city part of an IANA name, for people: `America/Argentina/Buenos_Aires` → `Buenos Aires`. */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').at(-1) ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** `+09:00`, `-03:30`, `+00:00`: an offset in minutes, written as people read it. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Whether the gap between two zones changes between two dates (one of them changes its
 * clocks during the term), so a window's time on the other side moves by an hour.
 */
export function gapChangesBetween(
  zoneA: string,
  zoneB: string,
  fromDate: string,
  toDate: string,
): boolean {
  const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);
  const gap = (instant: number) =>
    zoneOffsetMinutes(zoneA, instant) - zoneOffsetMinutes(zoneB, instant);
  const from = noon(fromDate);
  const to = noon(toDate);
  if (!(to > from)) return false;
  const first = gap(from);
  // Offsets change at most a few times a year: weekly samples find every change of gap.
  for (let instant = from; instant < to; instant += 7 * DAY) {
    if (gap(instant) !== first) return true;
  }
  return gap(to) !== first;
}

/** A valid `YYYY-MM-DD` inside [start, end] closest to `today` (the week to show times for). */
export function referenceDate(today: string, startDate: string, endDate: string): string {
  const start = isWindowDate(startDate) ? startDate : null;
  const end = isWindowDate(endDate) ? endDate : null;
  if (start && today < start) return start;
  if (end && today > end) return start ?? end;
  return today;
}
