// Wall-clock time in IANA time zones, from the platform's own tz database (Intl): offsets at an
// instant, and a zone's local date and time turned into the instant it names.
const minuteMs = 60_000;
const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Creating a formatter costs far more than using one, and matching asks the same few zones
    // thousands of times.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at an instant, read as if it were UTC (ms since the epoch). */
function wallClockMs(timeZone: string, instantMs: number): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
}

/** The offset by asking Intl: the truth, but some microseconds per call. */
function intlOffsetMinutes(timeZone: string, ms: number): number {
  // The formatter drops milliseconds, so compare against the instant's whole second.
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((wallClockMs(timeZone, wholeSecond) - wholeSecond) / minuteMs);
}

/** A zone's offsets through one UTC year: `offsets[i]` holds from `starts[i]` (ms) on. */
interface YearTable {
  starts: number[];
  offsets: number[];
}

const tables = new Map<string, YearTable>();
/** Zones change their offset at most twice a year and never twice within six hours. */
const probeMs = 6 * 3_600_000;

/**
 * Reads a year's offsets from Intl once — a probe every six hours and, at each change, a search
 * for the minute it happens — so that matching, which asks the same zones for millions of
 * instants, answers each from a table of two or three entries.
 */
function yearTable(timeZone: string, year: number): YearTable {
  const key = `${timeZone} ${year}`;
  let table = tables.get(key);
  if (table) return table;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  table = { starts: [from], offsets: [intlOffsetMinutes(timeZone, from)] };
  let previous = table.offsets[0]!;
  for (let t = from + probeMs; t < to + probeMs; t += probeMs) {
    const probe = Math.min(t, to);
    const offset = intlOffsetMinutes(timeZone, probe);
    if (offset !== previous) {
      let lo = probe - probeMs;
      let hi = probe;
      while (hi - lo > minuteMs) {
        const mid = lo + Math.floor((hi - lo) / 2 / minuteMs) * minuteMs;
        if (intlOffsetMinutes(timeZone, mid) === previous) lo = mid;
        else hi = mid;
      }
      if (hi < to) {
        table.starts.push(hi);
        table.offsets.push(intlOffsetMinutes(timeZone, hi));
      }
      previous = offset;
    }
    if (probe === to) break;
  }
  tables.set(key, table);
  return table;
}

/** Answers asked of Intl directly per zone and year, before its table is worth building. */
const directAnswers = new Map<string, number>();
/** A table costs about 1,500 Intl calls: a page converting a few windows never needs one. */
const directLimit = 256;

function offsetAt(timeZone: string, ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const key = `${timeZone} ${year}`;
  if (!tables.has(key)) {
    const asked = directAnswers.get(key) ?? 0;
    if (asked < directLimit) {
      directAnswers.set(key, asked + 1);
      return intlOffsetMinutes(timeZone, ms);
    }
  }
  const { starts, offsets } = yearTable(timeZone, year);
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > ms) i--;
  return offsets[i]!;
}

/** The instants (ms) from `fromMs` to `toMs` at which the zone changes its offset, in order. */
export function offsetChanges(timeZone: string, fromMs: number, toMs: number): number[] {
  const changes: number[] = [];
  const firstYear = new Date(fromMs).getUTCFullYear();
  const lastYear = new Date(toMs).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    const { starts, offsets } = yearTable(timeZone, year);
    for (let i = 0; i < starts.length; i++) {
      const at = starts[i]!;
      // A year's first entry is its start, a change only if the offset differs from the year before's last.
      const isChange = i > 0 || offsets[0] !== offsetAt(timeZone, at - 1);
      if (isChange && at >= fromMs && at <= toMs) changes.push(at);
    }
  }
  return changes;
}

/** Minutes the zone's clock is ahead of UTC at `instant` (Asia/Kolkata +330, New York −300/−240). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  return offsetAt(timeZone, instant.getTime());
}

/**
 * The instant at which the zone's clocks show `date` (`YYYY-MM-DD`) `time` (`HH:MM`).
 *
 * Where the clocks are turned back (an hour shown twice) it is the first, earlier instant. Where
 * they jump forward (a time never shown, e.g. 02:30 in Berlin on the last Sunday of March) it is
 * the first valid instant after the gap, the moment of the jump (03:00 CEST): a live window from
 * 02:00 to 04:00 that night really lasts one hour.
 */
export function localToUtc(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // A day either side of the wall time lies beyond any offset (±14 h), so these two offsets are
  // the ones in force before and after any change near the asked time.
  const before = offsetAt(timeZone, wall - dayMs);
  const after = offsetAt(timeZone, wall + dayMs);
  const valid = [before, after]
    .map((offset) => wall - offset * minuteMs)
    .filter((ms) => offsetAt(timeZone, ms) * minuteMs === wall - ms)
    .sort((x, y) => x - y);
  if (valid[0] !== undefined) return new Date(valid[0]);

  // In a gap: the old offset puts the wall time past the change, the new one before it. Search
  // the minute at which the new offset begins.
  let lo = Math.min(wall - before * minuteMs, wall - after * minuteMs);
  let hi = Math.max(wall - before * minuteMs, wall - after * minuteMs);
  const loOffset = offsetAt(timeZone, lo);
  while (hi - lo > minuteMs) {
    const mid = lo + Math.floor((hi - lo) / 2 / minuteMs) * minuteMs;
    if (offsetAt(timeZone, mid) === loOffset) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * The zone's offset throughout the local dates `from` to `to` (inclusive), or `undefined` when it
 * changes in or near them. Lets callers convert a whole day's windows with two look-ups; like
 * `localToUtc` it assumes no zone changes its offset twice within a few days.
 */
export function steadyOffsetMinutes(
  timeZone: string,
  from: string,
  to: string,
): number | undefined {
  const first = Date.parse(`${from}T00:00:00Z`) - dayMs;
  const last = Date.parse(`${to}T00:00:00Z`) + 2 * dayMs;
  const offset = offsetAt(timeZone, first);
  return offsetAt(timeZone, last) === offset ? offset : undefined;
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM`. */
  time: string;
}

/** What the zone's clocks and calendar show at `instant`. */
export function utcToLocal(instant: Date, timeZone: string): LocalTime {
  const wall = new Date(instant.getTime() + zoneOffsetMinutes(timeZone, instant) * minuteMs);
  const iso = wall.toISOString();
  return {
    date: iso.slice(0, 10),
    weekday: ((wall.getUTCDay() + 6) % 7) + 1,
    time: iso.slice(11, 16),
  };
}
