// Dates, time zones and weekly windows for the demo data: everything is relative to the
// Monday (UTC) of the week the seed runs in, so the demo always looks current.

export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;
export const weekMs = 7 * dayMs;

export interface Window {
  weekday: number;
  start: string;
  end: string;
}

/** Midnight UTC of the Monday on or before `now`. */
export function mondayOf(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const weekday = (now.getUTCDay() + 6) % 7; // Monday = 0
  return midnight - weekday * dayMs;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "3 March 2025" */
export function longDate(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(ms));
}

export function hm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `timeZone` is at instant `at` ("GMT+05:30" → 330). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const part = format.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export const weekdayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

const weekMinutes = 7 * 1440;

/** The windows as [start, end) minutes of the UTC week, split where they wrap past Sunday. */
function utcIntervals(windows: Window[], offset: number): [number, number, Window][] {
  const out: [number, number, Window][] = [];
  for (const w of windows) {
    const from = (w.weekday - 1) * 1440 + minutesOf(w.start) - offset;
    const to = (w.weekday - 1) * 1440 + minutesOf(w.end) - offset;
    const start = ((from % weekMinutes) + weekMinutes) % weekMinutes;
    const end = start + (to - from);
    if (end <= weekMinutes) out.push([start, end, w]);
    else {
      out.push([start, weekMinutes, w]);
      out.push([0, end - weekMinutes, w]);
    }
  }
  return out;
}

export interface LiveOverlap {
  /** Hours a week both sides' windows share. */
  hours: number;
  /** The first shared slot, in each side's own local time. */
  first?: { weekdayA: number; startA: string; endA: string; startB: string; endB: string };
}

export function liveOverlap(
  a: { windows: Window[]; timeZone: string },
  b: { windows: Window[]; timeZone: string },
  at: number,
): LiveOverlap {
  const offsetA = utcOffsetMinutes(a.timeZone, at);
  const offsetB = utcOffsetMinutes(b.timeZone, at);
  let total = 0;
  let first: LiveOverlap['first'];
  let firstStart = Infinity;
  for (const [sa, ea] of utcIntervals(a.windows, offsetA)) {
    for (const [sb, eb] of utcIntervals(b.windows, offsetB)) {
      const start = Math.max(sa, sb);
      const end = Math.min(ea, eb);
      if (end - start <= 0) continue;
      total += end - start;
      if (end - start >= 30 && start < firstStart) {
        firstStart = start;
        const localA = start + offsetA;
        first = {
          weekdayA: Math.floor((((localA % weekMinutes) + weekMinutes) % weekMinutes) / 1440) + 1,
          startA: hm(localA),
          endA: hm(end + offsetA),
          startB: hm(start + offsetB),
          endB: hm(end + offsetB),
        };
      }
    }
  }
  return { hours: total / 60, ...(first ? { first } : {}) };
}
