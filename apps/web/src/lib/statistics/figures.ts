// The headline figures the dashboard and the report both show, as [term, value] pairs.
import type { BalanceReport, StatsSummary } from '@twinning/contracts/stats';
import { m } from '$lib/paraglide/messages';
import { formatCount, formatDays, formatShare } from './format';

type Figure = [term: string, value: string];

/** The platform summary; with `institutions`, also the directory's size (the report). */
export function summaryFigures(s: StatsSummary, locale: string, institutions = false): Figure[] {
  return [
    [m.stats_col_offers(), formatCount(s.offers, locale)],
    [m.stats_col_open_offers(), formatCount(s.openOffers, locale)],
    [m.stats_col_requests(), formatCount(s.partnerships, locale)],
    [m.stats_col_accepted(), formatCount(s.accepted, locale)],
    [m.stats_col_completed(), formatCount(s.completed, locale)],
    [m.stats_col_acceptance_rate(), formatShare(s.acceptanceRate, locale)],
    [m.stats_col_median_days(), formatDays(s.medianDaysToMatch, locale)],
    [m.stats_countries_with_offers(), formatCount(s.countries, locale)],
    ...(institutions
      ? ([[m.report_institutions(), formatCount(s.institutions, locale)]] satisfies Figure[])
      : []),
  ];
}

/** The balance in figures: agreed partnerships and the students on each side. */
export function balanceFigures(b: BalanceReport, locale: string): Figure[] {
  return [
    [m.stats_agreed(), formatCount(b.agreed, locale)],
    [m.stats_col_students_asia(), formatCount(b.studentsAsia, locale)],
    [m.stats_col_students_europe(), formatCount(b.studentsEurope, locale)],
    [m.stats_students_asia_share(), formatShare(b.studentsAsiaShare, locale)],
  ];
}
