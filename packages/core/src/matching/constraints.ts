// Hard constraints of PRODUCT.md ("The core: matching", 1.): a pair that breaks one is never
// suggested. Each rule yields at most one violation, named by its code, so callers can explain.
import { daysBetween } from '../offers/dates.ts';
import type { OfferLanguage } from '../offers/offer-rules.ts';
import { cefrRank } from '../vocabulary/themes.ts';
import type { Format } from '../vocabulary/themes.ts';
import type { MatchOffer } from './offer-for-matching.ts';

export type ViolationCode =
  'same_institution' | 'region' | 'language' | 'study_level' | 'format' | 'term' | 'not_open';

export interface Violation {
  code: ViolationCode;
  /** English, for logs and tests; the UI words each code itself. */
  message: string;
}

export interface MatchContext {
  /** `YYYY-MM-DD`, passed in so the rules stay deterministic. */
  today: string;
}

/** Days of overlapping term a partnership needs: four weeks of working together. */
export const minOverlapDays = 28;

export interface SharedLanguage {
  code: string;
  a: OfferLanguage;
  b: OfferLanguage;
}

/**
 * Languages both offers work in where each side's own level reaches what the other asks of its
 * partners. Order follows `a.languages`.
 */
export function sharedLanguages(
  a: Pick<MatchOffer, 'languages'>,
  b: Pick<MatchOffer, 'languages'>,
): SharedLanguage[] {
  const shared: SharedLanguage[] = [];
  for (const la of a.languages) {
    const lb = b.languages.find((l) => l.code === la.code);
    if (!lb) continue;
    if (
      cefrRank(la.level) >= cefrRank(lb.minPartnerLevel) &&
      cefrRank(lb.level) >= cefrRank(la.minPartnerLevel)
    ) {
      shared.push({ code: la.code, a: la, b: lb });
    }
  }
  return shared;
}

/** Same format, or COIL with virtual exchange (the same kind of online class-to-class work). */
export function formatsCompatible(a: Format, b: Format): boolean {
  if (a === b) return true;
  const pair = new Set([a, b]);
  return pair.has('coil') && pair.has('virtual_exchange');
}

/** Days both terms run, both end dates counted; 0 or less when they do not meet. */
export function termOverlapDays(
  a: Pick<MatchOffer, 'startDate' | 'endDate'>,
  b: Pick<MatchOffer, 'startDate' | 'endDate'>,
): number {
  const start = a.startDate > b.startDate ? a.startDate : b.startDate;
  const end = a.endDate < b.endDate ? a.endDate : b.endDate;
  return daysBetween(start, end) + 1;
}

export function hardConstraintViolations(
  a: MatchOffer,
  b: MatchOffer,
  context: MatchContext,
): Violation[] {
  const violations: Violation[] = [];
  const add = (code: ViolationCode, message: string) => violations.push({ code, message });

  if (a.institutionId === b.institutionId)
    add('same_institution', 'both offers are from one institution');
  const aAcceptsB = a.seekingRegion === 'any' || a.seekingRegion === b.region;
  const bAcceptsA = b.seekingRegion === 'any' || b.seekingRegion === a.region;
  if (!aAcceptsB || !bAcceptsA) add('region', 'a side does not seek the other side’s region');
  if (sharedLanguages(a, b).length === 0)
    add('language', 'no shared language in which each side reaches the other’s minimum level');
  if (!a.levels.some((level) => b.levels.includes(level)))
    add('study_level', 'no shared study level');
  if (!formatsCompatible(a.format, b.format))
    add('format', `${a.format} does not go with ${b.format}`);
  const overlap = termOverlapDays(a, b);
  if (overlap < minOverlapDays)
    add('term', `the terms overlap ${Math.max(0, overlap)} days, fewer than ${minOverlapDays}`);
  if (
    a.status !== 'open' ||
    b.status !== 'open' ||
    a.endDate < context.today ||
    b.endDate < context.today
  ) {
    add('not_open', 'an offer is no longer open');
  }
  return violations;
}

export function isCompatible(a: MatchOffer, b: MatchOffer, context: MatchContext): boolean {
  return hardConstraintViolations(a, b, context).length === 0;
}
