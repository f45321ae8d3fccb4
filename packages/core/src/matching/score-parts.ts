// The non-topic parts of a match score, each in [0, 1]: language, live hours, calendar, fit.
// The ranker weighs them; here each says why a pair is better or worse on its own axis.
import type { OfferContent } from '../offers/offer-rules.ts';
import { cefrRank } from '../vocabulary/themes.ts';
import { formatsCompatible, sharedLanguages } from './constraints.ts';

/**
 * Best shared language, by the smaller of the two margins (each side's level above what the other
 * asks). Just clearing the bar scores 0.6: workable, but students at their limit talk less; each
 * CEFR step of headroom adds 0.1, up to 1. No shared language scores 0.
 */
export function languageScore(
  a: Pick<OfferContent, 'languages'>,
  b: Pick<OfferContent, 'languages'>,
): number {
  let best = 0;
  for (const { a: la, b: lb } of sharedLanguages(a, b)) {
    const margin = Math.min(
      cefrRank(la.level) - cefrRank(lb.minPartnerLevel),
      cefrRank(lb.level) - cefrRank(la.minPartnerLevel),
    );
    best = Math.max(best, Math.min(1, 0.6 + 0.1 * margin));
  }
  return best;
}

/** Piecewise-linear through the given points, flat beyond the last; 0 for nonsense input. */
function piecewise(points: readonly (readonly [number, number])[], x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  let previous: readonly [number, number] = [0, 0];
  for (const point of points) {
    if (x <= point[0]) {
      return (
        previous[1] + ((point[1] - previous[1]) * (x - previous[0])) / (point[0] - previous[0])
      );
    }
    previous = point;
  }
  return previous[1];
}

/**
 * Saturating: 0 h → 0, 1 h → 0.5, 2 h → 0.8, ≥ 3 h → 1. COIL needs one to three synchronous
 * hours a week (kick-off, team meetings, presentations); the first hour matters most, and more
 * than three adds little, since the rest of the work is asynchronous.
 */
export function liveHoursScore(hoursPerWeek: number): number {
  return piecewise(
    [
      [1, 0.5],
      [2, 0.8],
      [3, 1],
    ],
    hoursPerWeek,
  );
}

/**
 * 0.1 per shared week, so the 4-week minimum scores 0.4 and 10 weeks or more score 1: a COIL
 * module takes 4–8 weeks plus time to form teams and present, and a longer shared term leaves
 * room for both calendars' holidays and exams.
 */
export function weeksScore(overlapWeeks: number): number {
  if (!Number.isFinite(overlapWeeks) || overlapWeeks <= 0) return 0;
  return Math.min(1, 0.1 * overlapWeeks);
}

/** Weight of class sizes in `fitScore`; the rest goes to the format. */
export const fitSizeWeight = 0.5;

/**
 * Half class-size ratio (smaller / larger: 1 when equal, 0.5 at twice as large — mixed teams
 * need students from both sides), half format (the same format 1; COIL with virtual exchange
 * 0.7, as the two plan their work a little differently; incompatible 0).
 */
export function fitScore(
  a: Pick<OfferContent, 'classSize' | 'format'>,
  b: Pick<OfferContent, 'classSize' | 'format'>,
): number {
  const larger = Math.max(a.classSize, b.classSize);
  const sizeRatio = larger > 0 ? Math.min(a.classSize, b.classSize) / larger : 0;
  const formatPart = a.format === b.format ? 1 : formatsCompatible(a.format, b.format) ? 0.7 : 0;
  return fitSizeWeight * sizeRatio + (1 - fitSizeWeight) * formatPart;
}
