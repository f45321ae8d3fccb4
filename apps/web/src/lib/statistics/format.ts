// Numbers for the statistics pages, formatted one way everywhere: counts with grouping,
// shares as whole percentages, days and indices with fixed decimals, months and days in UTC.
// Pure (the locale is passed in), so the dashboard, the report and the tests agree.

/** What a missing figure (no decision yet, no data) shows. */
export const NONE = '—';

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A share from 0 to 1 as a percentage: 0.4567 → "46 %" (one decimal when asked). */
export function formatShare(share: number | null, locale: string, decimals = 0): string {
  if (share === null || !Number.isFinite(share)) return NONE;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(share);
}

/** Days with at most one decimal: 12.25 → "12.3". */
export function formatDays(days: number | null, locale: string): string {
  if (days === null || !Number.isFinite(days)) return NONE;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(days);
}

/** An index from 0 to 1 (HHI, Gini) with three decimals: 0.1 → "0.100". */
export function formatIndex(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return NONE;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 3,
    maximumFractionDigits: 3,
  }).format(value);
}

/** `2026-03` → "Mar 2026". */
export function formatMonth(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** `2026-03-05` (or a full timestamp) → "5 Mar 2026", read in UTC. */
export function formatDay(iso: string, locale: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
