// Ranks partners for one offer: hard constraints first (a candidate breaking one is never
// returned), then a reciprocal score from the parts, a bounded balance lift, and human reasons.
import { sdgs as sdgList } from '../vocabulary/sdgs.ts';
import { languageName } from '../vocabulary/languages.ts';
import { daysBetween } from '../offers/dates.ts';
import { isCompatible, sharedLanguages, termOverlapDays } from './constraints.ts';
import { liveOverlap, overlapMinutes, weeklyUtcMinutes } from './live-hours.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { fitScore, languageScore, liveHoursScore, weeksScore } from './score-parts.ts';
import { describeSharedField, topicScore } from './topic.ts';
import { cefrRank } from '../vocabulary/themes.ts';

/*
 * Weights of the parts, in the order users feel them (PRODUCT.md): topic first — a partner must
 * teach something close; then live time together, which decides whether COIL can run at all
 * between Europe and East Asia; then language and calendar, which the hard constraints already
 * make workable, so here they only rank degrees; fit (class size, same format) last. They sum
 * to 1. The evaluation harness of the matching issue is where they are to be tuned.
 */
export const matchWeights = {
  topic: 0.35,
  liveHours: 0.25,
  language: 0.15,
  weeks: 0.15,
  fit: 0.1,
} as const;

/**
 * Balance never moves a score by more than this, whatever the secretariat's balanceWeight: it
 * tips ties and near-ties (within 0.05 on a 0–1 scale) and cannot lift a clearly worse match.
 */
export const maxBalanceLift = 0.05;

export interface Breakdown {
  topic: number;
  language: number;
  liveHours: number;
  weeks: number;
  fit: number;
  balance: number;
}

export interface RankedMatch {
  offerId: string;
  score: number;
  breakdown: Breakdown;
  reasons: string[];
}

export interface RankContext {
  today: string;
  /** Cosine similarity of the two offers' texts (0–1), e.g. from a TextIndex. */
  textSimilarity: (aId: string, bId: string) => number;
  /** How much the candidate's side deserves a lift (0–1): few partnerships, a short flow. */
  balanceNeed: (candidate: MatchOffer) => number;
  /** The secretariat's balanceWeight (0–1); scaled into [0, maxBalanceLift]. */
  balanceWeight: number;
}

function middleOfOverlap(a: MatchOffer, b: MatchOffer): string {
  const start = a.startDate > b.startDate ? a.startDate : b.startDate;
  const end = a.endDate < b.endDate ? a.endDate : b.endDate;
  const days = Math.max(0, daysBetween(start, end));
  return new Date(Date.parse(`${start}T00:00:00Z`) + Math.floor(days / 2) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

function totalMinutes(spans: readonly (readonly [number, number])[]): number {
  return spans.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** The language part as `from` sees it: how far the partner's level clears what `from` asks. */
function languageFrom(from: MatchOffer, to: MatchOffer): number {
  let best = 0;
  for (const shared of sharedLanguages(from, to)) {
    const margin = cefrRank(shared.b.level) - cefrRank(shared.a.minPartnerLevel);
    best = Math.max(best, Math.min(1, 0.6 + 0.1 * margin));
  }
  return best;
}

/**
 * One pair's score, or null when a hard constraint is broken. Each side has its own view of
 * language (does the partner clear *my* minimum?) and live time (how much of *my* weekly
 * windows the partner shares); the pair's score is the harmonic mean of the two views, so a
 * pair good for one side only ranks low.
 */
export function scorePair(a: MatchOffer, b: MatchOffer, context: RankContext): RankedMatch | null {
  if (!isCompatible(a, b, { today: context.today })) return null;
  const reference = middleOfOverlap(a, b);
  const aSpans = weeklyUtcMinutes(a, reference);
  const bSpans = weeklyUtcMinutes(b, reference);
  const shared = overlapMinutes(aSpans, bSpans);
  const hours = shared / 60;
  const liveShared = liveHoursScore(hours);
  const coverage = (spans: typeof aSpans) =>
    totalMinutes(spans) > 0 ? Math.min(1, shared / totalMinutes(spans)) : 0;

  const topic = topicScore(a, b, context.textSimilarity(a.id, b.id));
  const weeks = weeksScore(Math.max(0, termOverlapDays(a, b)) / 7);
  const fit = fitScore(a, b);
  const language = languageScore(a, b);

  const view = (languagePart: number, spans: typeof aSpans) =>
    matchWeights.topic * topic.score +
    matchWeights.liveHours * (0.5 * liveShared + 0.5 * coverage(spans)) +
    matchWeights.language * languagePart +
    matchWeights.weeks * weeks +
    matchWeights.fit * fit;
  const fromA = view(languageFrom(a, b), aSpans);
  const fromB = view(languageFrom(b, a), bSpans);
  const base = fromA + fromB > 0 ? (2 * fromA * fromB) / (fromA + fromB) : 0;

  const need = Math.min(1, Math.max(0, context.balanceNeed(b)));
  const lift = maxBalanceLift * Math.min(1, Math.max(0, context.balanceWeight)) * need;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    offerId: b.id,
    score: round(Math.min(1, base + lift)),
    breakdown: {
      topic: round(topic.score),
      language: round(language),
      liveHours: round(liveShared),
      weeks: round(weeks),
      fit: round(fit),
      balance: round(need),
    },
    reasons: [],
  };
}

function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The reasons a person reads on a suggestion card, most telling first. */
export function explainPair(
  a: MatchOffer,
  b: MatchOffer,
  match: RankedMatch,
  textSimilarity: number,
): string[] {
  const reasons: string[] = [];
  const live = liveOverlap(a, b);
  const slot = live.slots[0];
  if (slot && live.hoursPerWeek > 0) {
    const hours = Math.round(live.hoursPerWeek * 10) / 10;
    const when = `${weekdayNames[slot.aWeekday - 1]} ${slot.aStart}–${slot.aEnd} ${cityOf(a.timeZone)} = ${weekdayNames[slot.bWeekday - 1]} ${slot.bStart}–${slot.bEnd} ${cityOf(b.timeZone)}`;
    // With several slots (another window, or a clock change during the term) the first is the
    // largest, not the whole: say so, so the hours and the times do not seem to disagree.
    const others = live.slots.length - 1;
    reasons.push(
      others > 0
        ? `${hours} h/week live on average, mostly ${when} (and ${others} other slot${others > 1 ? 's' : ''})`
        : `${hours} h/week live: ${when}`,
    );
  } else {
    reasons.push('no live hours in common: the work would be asynchronous');
  }
  const topic = topicScore(a, b, textSimilarity);
  const field = topic.sharedFields[0];
  if (field) reasons.push(describeSharedField(field));
  for (const n of topic.sharedSdgs.slice(0, 2)) {
    const goal = sdgList.find((g) => g.number === n);
    if (goal) reasons.push(`both work on SDG ${n} ${goal.name}`);
  }
  const language = sharedLanguages(a, b)[0];
  if (language) {
    reasons.push(
      `shared language: ${languageName(language.code)} ${language.a.level}/${language.b.level}`,
    );
  }
  const weeks = Math.floor(Math.max(0, termOverlapDays(a, b)) / 7);
  reasons.push(`${weeks} weeks of overlapping term`);
  if (a.classSize && b.classSize) {
    reasons.push(`class sizes ${a.classSize} and ${b.classSize}`);
  }
  if (match.breakdown.balance > 0) {
    reasons.push('a partner from a country or institution with few partnerships so far');
  }
  return reasons;
}

/** All compatible candidates for `offer`, best first (ties by id), with reasons for the top `limit`. */
export function rankPartners(
  offer: MatchOffer,
  candidates: readonly MatchOffer[],
  context: RankContext,
  limit: number,
): RankedMatch[] {
  const scored: RankedMatch[] = [];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const candidate of candidates) {
    if (candidate.id === offer.id) continue;
    const match = scorePair(offer, candidate, context);
    if (match) scored.push(match);
  }
  scored.sort((x, y) => y.score - x.score || (x.offerId < y.offerId ? -1 : 1));
  const top = scored.slice(0, limit);
  for (const match of top) {
    const candidate = byId.get(match.offerId)!;
    match.reasons = explainPair(
      offer,
      candidate,
      match,
      context.textSimilarity(offer.id, candidate.id),
    );
  }
  return top;
}
