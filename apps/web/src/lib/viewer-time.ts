// When something happened — a message sent, a request made, a notification — in the viewer's
// own time zone, on the server (pages read without JavaScript) as in the browser. When the
// zone is not known (no profile zone, no browser seen yet) times are shown in UTC and say so.

export type ViewerZoneSource = 'profile' | 'browser' | 'unknown';

export interface ViewerZone {
  /** An IANA zone name Intl knows. */
  zone: string;
  /** Where it came from: the user's profile, the browser (a cookie), or neither (UTC). */
  source: ViewerZoneSource;
}

export const unknownViewerZone: ViewerZone = { zone: 'UTC', source: 'unknown' };

/** The cookie the browser's zone is kept in, for pages rendered on the server. */
export const TIME_ZONE_COOKIE = 'tz';

/**
 * - `date`: "3 March 2026"
 * - `dateTime`: "3 Mar 2026, 14:05"
 * - `timeOrDate`: "14:05" today (in the viewer's zone), else "3 Mar 2026"
 * - `timeOrDateTime`: "14:05" today, else "3 Mar 2026, 14:05"
 */
export type InstantStyle = 'date' | 'dateTime' | 'timeOrDate' | 'timeOrDateTime';

const time = { hour: 'numeric', minute: '2-digit' } as const;

/**
 * dateStyle/timeStyle cannot be combined with timeZoneName, so times use components; the hour
 * is written as the locale's short time style writes it ("08:30" in en-GB, "8:30 AM" in en).
 */
const partsOptions = {
  date: { dateStyle: 'long' },
  shortDate: { dateStyle: 'medium' },
  time,
  dateTime: { year: 'numeric', month: 'short', day: 'numeric', ...time },
  full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', ...time },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: string,
  zone: string,
  parts: keyof typeof partsOptions,
  nameZone = false,
): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${parts}|${nameZone}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { ...partsOptions[parts], timeZone: zone };
    if ('hour' in options) options.hour = localeHour(locale);
    if (nameZone && !('dateStyle' in options)) options.timeZoneName = 'short';
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** Whether the locale's short time writes 8 o'clock as "08" or "8". */
function localeHour(locale: string): 'numeric' | '2-digit' {
  const eight = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' })
    .formatToParts(Date.UTC(2000, 0, 1, 8, 5))
    .find((part) => part.type === 'hour')?.value;
  return eight?.length === 2 ? '2-digit' : 'numeric';
}

/** Whether two instants fall on the same calendar day in `zone`. */
function sameDay(a: Date, b: Date, zone: string): boolean {
  const day = formatter('en-CA', zone, 'shortDate');
  return day.format(a) === day.format(b);
}

/** `iso` in the viewer's zone; the zone is named when it is a guess (UTC). */
export function formatInstant(
  iso: string,
  viewer: ViewerZone,
  locale: string,
  style: InstantStyle,
  now: number = Date.now(),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const nameZone = viewer.source === 'unknown';
  const today =
    (style === 'timeOrDate' || style === 'timeOrDateTime') &&
    sameDay(date, new Date(now), viewer.zone);
  if (today) return formatter(locale, viewer.zone, 'time', nameZone).format(date);
  if (style === 'date') return formatter(locale, viewer.zone, 'date').format(date);
  if (style === 'timeOrDate') return formatter(locale, viewer.zone, 'shortDate').format(date);
  return formatter(locale, viewer.zone, 'dateTime', nameZone).format(date);
}

/** The whole moment with its zone named, for a tooltip: "Tuesday, 3 March 2026 at 14:05 CET". */
export function describeInstant(iso: string, viewer: ViewerZone, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return formatter(locale, viewer.zone, 'full', true).format(date);
}
