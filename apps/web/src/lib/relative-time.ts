// "3 days ago" for a past instant, with Intl.RelativeTimeFormat; the caller passes `now` so
// the server and the browser word the same moment alike.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface RelativeAmount {
  value: number;
  unit: 'hour' | 'day' | 'week' | 'month' | 'year';
}

/** How long ago `then` was, in the largest fitting unit; null within the last hour (or later). */
export function relativeAmount(then: number, now: number): RelativeAmount | null {
  const ago = now - then;
  if (!(ago >= HOUR)) return null;
  if (ago < DAY) return { value: Math.floor(ago / HOUR), unit: 'hour' };
  if (ago < 14 * DAY) return { value: Math.floor(ago / DAY), unit: 'day' };
  if (ago < 60 * DAY) return { value: Math.floor(ago / (7 * DAY)), unit: 'week' };
  if (ago < 365 * DAY) return { value: Math.floor(ago / (30 * DAY)), unit: 'month' };
  return { value: Math.floor(ago / (365 * DAY)), unit: 'year' };
}

/** `then` as "3 days ago" / "yesterday" in `locale`; null within the last hour. */
export function formatTimeAgo(then: number, now: number, locale: string): string | null {
  const amount = relativeAmount(then, now);
  if (!amount) return null;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
    -amount.value,
    amount.unit,
  );
}
