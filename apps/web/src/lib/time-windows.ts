// How the pages show weekly live-session windows across time zones: which zones to show for
// the other region, zone and offset labels, the week to show, and whether a form's window row
// is complete. The time-zone maths itself is core's (`@twinning/core/matching/zones`,
// `window-zones`): the pages show exactly the hours matching counts.
import { isIsoDate } from '@twinning/core/offers/dates';
import type { WeeklyWindow } from '@twinning/core/offers/offer-rules';

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isWindowTime(value: string): boolean {
  return timePattern.test(value);
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

function pad(n: number): string {
  return String(n).padStart(2, '0');
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

/** A valid `YYYY-MM-DD` inside [start, end] closest to `today` (the week to show times for). */
export function referenceDate(today: string, startDate: string, endDate: string): string {
  const start = isIsoDate(startDate) ? startDate : null;
  const end = isIsoDate(endDate) ? endDate : null;
  if (start && today < start) return start;
  if (end && today > end) return start ?? end;
  return today;
}
