// Words for an offer's codes in the user's language: status, region sought, CEFR levels,
// weekdays, dates and windows. Vocabulary names (fields, SDGs, themes, formats, study levels)
// come from Twinning's data files, which are in English.
import type { Offer } from '@twinning/contracts/offers';
import { iscedName } from '@twinning/core/vocabulary/isced';
import { sdgs } from '@twinning/core/vocabulary/sdgs';
import { findTheme, formats, studyLevels } from '@twinning/core/vocabulary/themes';
import { m } from '$lib/paraglide/messages';

export type OfferStatusShown = Offer['status'] | 'ended';

/** The status to show: an open offer whose end date has passed has ended. */
export function shownStatus(status: Offer['status'], ended: boolean): OfferStatusShown {
  return status === 'open' && ended ? 'ended' : status;
}

export function offerStatusLabel(status: OfferStatusShown): string {
  switch (status) {
    case 'open':
      return m.offer_status_open();
    case 'matched':
      return m.offer_status_matched();
    case 'closed':
      return m.offer_status_closed();
    case 'ended':
      return m.offer_status_ended();
  }
}

export function seekingRegionLabel(region: string): string {
  switch (region) {
    case 'asia':
      return m.offer_seeking_asia();
    case 'europe':
      return m.offer_seeking_europe();
    default:
      return m.offer_seeking_any();
  }
}

export function cefrLabel(level: string): string {
  switch (level) {
    case 'A1':
      return m.offer_cefr_a1();
    case 'A2':
      return m.offer_cefr_a2();
    case 'B1':
      return m.offer_cefr_b1();
    case 'B2':
      return m.offer_cefr_b2();
    case 'C1':
      return m.offer_cefr_c1();
    case 'C2':
      return m.offer_cefr_c2();
    case 'native':
      return m.offer_cefr_native();
    default:
      return level;
  }
}

export const formatName = (id: string): string => formats.find((f) => f.id === id)?.name ?? id;
export const studyLevelName = (id: string): string =>
  studyLevels.find((l) => l.id === id)?.name ?? id;
/** An old (merged) theme id is named as the theme it became. */
export const themeName = (id: string): string => findTheme(id)?.name ?? id;
export const sdgName = (n: number): string => sdgs.find((s) => s.number === n)?.name ?? String(n);
export const fieldName = (code: string): string => iscedName(code) ?? code;

/** 1 = Monday … 7 = Sunday, named in `locale` (1 January 2024 was a Monday). */
export function weekdayName(weekday: number, locale: string, style: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** A `YYYY-MM-DD` date in words: "13 April 2026". */
export function formatDate(date: string, locale: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
}

/** "Tue 09:00–11:00", or "Fri 23:00 – Sat 01:00" for a window past midnight. */
export function windowText(
  window: { weekday: number; start: string; end: string; endWeekday: number },
  locale: string,
): string {
  const day = weekdayName(window.weekday, locale, 'short');
  if (window.endWeekday === window.weekday) {
    return m.offer_window_range({ day, start: window.start, end: window.end });
  }
  return m.offer_window_range_overnight({
    day,
    start: window.start,
    endDay: weekdayName(window.endWeekday, locale, 'short'),
    end: window.end,
  });
}

/** The weekday a window written in its own zone ends on (the next day past midnight). */
export function endWeekdayOf(window: { weekday: number; start: string; end: string }): number {
  return window.end <= window.start ? (window.weekday % 7) + 1 : window.weekday;
}

export function applicationStatusLabel(
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn',
): string {
  switch (status) {
    case 'pending':
      return m.owner_apps_status_pending();
    case 'accepted':
      return m.owner_apps_status_accepted();
    case 'declined':
      return m.owner_apps_status_declined();
    case 'withdrawn':
      return m.owner_apps_status_withdrawn();
  }
}
