// Ranks partners for one offer: hard constraints first (a candidate breaking one is never
// returned), then a reciprocal score from the parts, a bounded balance lift, and human reasons.
import { sdgs as sdgList } from '../vocabulary/sdgs.ts';
import { languageName } from '../vocabulary/languages.ts';
import { findTheme, formats } from '../vocabulary/themes.ts';
import { sharedLanguages, termOverlapDays } from './constraints.ts';
import {
  compatible,
  dayNumber,
  featuresOf,
  denseSimilarity,
  type DenseVector,
  sharedMinutesBound,
  textSimilarityOf,
  topicScoreOf,
  liveTogether,
  type LiveTogether,
  type OfferFeatures,
} from './features.ts';
import { liveOverlap } from './live-hours.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { fitSizeWeight, liveHoursScore, weeksScore } from './score-parts.ts';
import { describeSharedField, topicScore } from './topic.ts';

/*
 * Weights of the parts, in the order users feel them (PRODUCT.md): topic first — a partner must
 * teach something close; then live time together, which decides whether COIL can run at all
 * between Europe and East Asia; then language and calendar, which the hard constraints already
 * make workable, so here they only rank degrees; fit (class size, same format) last. They sum
 * to 1.
 *
 * Tuned with `pnpm eval:matching` (eval/matching.ts, evaluation.ts): 18 kinds of trade-off,
 * 40 seeded scenarios each, where two candidates are better in one part each and the winner is
 * written down from PRODUCT.md, searched over 162 vectors in steps of 0.05. The former weights
 * (topic .35, live .25, language .15, weeks .15, fit .10) agreed with 94.2 % of the scenarios
 * (rank 29): they let 3 h live with students just at the language minimum beat 2.5 h with a
 * comfortable language (6 of 40 agreed), and half an hour more live time beat a class 4× the
 * size (32/40). Moving 0.05 from live hours to language agrees with 98.1 % — rank 1 of the
 * search (98.3 %, tied first, when live time was still measured in the middle week only) —
 * with precision@1 100 % and MRR 1.000 on the planted fixtures unchanged; live time still wins
 * every case where the difference is real (0 or 0.5 h against 2–3 h) and comes right after
 * topic, and calendar stays above fit as PRODUCT.md orders them. Still disagreeing: 10 of 40
 * cases of 3 h live at the language minimum against 2.5 h with a comfortable one, and 2 of 40
 * of 1 h more live time against a class 4× the size.
 */
export const matchWeights = {
  topic: 0.35,
  liveHours: 0.2,
  language: 0.2,
  weeks: 0.15,
  fit: 0.1,
} as const;

/**
 * For the evaluation harness (`pnpm eval:matching`) only: runs `fn` with `weights` in place of
 * `matchWeights` and puts the defaults back afterwards, even when `fn` throws. The weights are
 * swapped in place, because `pairScore` and the scan's bounds (columns.ts) read them at call time;
 * so `fn` must be synchronous, and nothing else may score while it runs.
 */
export function withMatchWeights<T>(
  weights: Readonly<Record<keyof typeof matchWeights, number>>,
  fn: () => T,
): T {
  const live = matchWeights as Record<keyof typeof matchWeights, number>;
  const saved = { ...matchWeights };
  Object.assign(live, weights);
  try {
    return fn();
  } finally {
    Object.assign(live, saved);
  }
}

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
  /** What the score points the balance goals added (0 when they did not change it). */
  balanceLift: number;
  /** Why it fits (`explainPair`). */
  reasons: string[];
  /** What to watch out for (`explainPair`). */
  cautions: string[];
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

/** The parts of one pair's score, filled by `pairScore`; reused so the hot loop allocates nothing. */
interface Parts {
  topic: number;
  language: number;
  liveHours: number;
  weeks: number;
  fit: number;
  need: number;
  /** What the lift changed in the rounded score. */
  lift: number;
}

const scratch: Parts = {
  topic: 0,
  language: 0,
  liveHours: 0,
  weeks: 0,
  fit: 0,
  need: 0,
  lift: 0,
};
const live: LiveTogether = { shared: 0, aTotal: 0, bTotal: 0 };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The score of a compatible pair from precomputed features (the caller has checked the hard
 * constraints), rounded to 0.001; the parts land in `parts`. Each side has its own view of
 * language (does the partner clear *my* minimum?) and live time (how much of *my* weekly windows
 * the partner shares); the pair's score is the harmonic mean of the two views, so a pair good for
 * one side only ranks low. Live time is averaged over the actual shared term, each stretch
 * between clock changes with its own offsets (`liveTogether`). `need` (0–1) is the balance need
 * the lift answers. `textSim` undefined: the cosine of the features' own text vectors; a
 * DenseVector: `a`'s vector spread over the index's vocabulary (see `denseVector`), the fast way
 * to compare one with many. With a `threshold`, a pair that provably scores below it returns −1
 * before its costlier parts are computed.
 */
export function pairScore(
  a: OfferFeatures,
  b: OfferFeatures,
  textSim: number | DenseVector | undefined,
  need: number,
  balanceWeight: number,
  threshold = -Infinity,
  parts: Parts = scratch,
): number {
  const start = Math.max(a.startDay, b.startDay);
  const end = Math.min(a.endDay, b.endDay);
  const weeks = weeksScore(Math.max(0, end - start + 1) / 7);
  // fitScore (score-parts.ts) for a compatible pair: formats are the same or COIL with virtual exchange.
  const larger = Math.max(a.offer.classSize, b.offer.classSize);
  const sizeRatio = larger > 0 ? Math.min(a.offer.classSize, b.offer.classSize) / larger : 0;
  const fit = fitSizeWeight * sizeRatio + (1 - fitSizeWeight) * (a.format === b.format ? 1 : 0.7);

  // Language as each side sees it (how far the partner clears what it asks), and both at once.
  let languageA = 0;
  let languageB = 0;
  let language = 0;
  for (const la of a.languages) {
    for (const lb of b.languages) {
      if (la.code !== lb.code || la.level < lb.minPartner || lb.level < la.minPartner) continue;
      const marginForA = lb.level - la.minPartner;
      const marginForB = la.level - lb.minPartner;
      languageA = Math.max(languageA, Math.min(1, 0.6 + 0.1 * marginForA));
      languageB = Math.max(languageB, Math.min(1, 0.6 + 0.1 * marginForB));
      language = Math.max(language, Math.min(1, 0.6 + 0.1 * Math.min(marginForA, marginForB)));
    }
  }
  const clampedNeed = Math.min(1, Math.max(0, need));
  const lift = maxBalanceLift * Math.min(1, Math.max(0, balanceWeight)) * clampedNeed;
  const after = matchWeights.weeks * weeks + matchWeights.fit * fit;

  // Pruning for top-k: the harmonic mean never exceeds the better view, so a bound with the
  // parts not yet computed at 1 that stays a rounding step below `threshold` cannot get in.
  let rest = matchWeights.language * Math.max(languageA, languageB) + after + lift;
  if (threshold > -Infinity) {
    const sharedBound = sharedMinutesBound(a, b);
    rest +=
      matchWeights.liveHours *
      (0.5 * liveHoursScore(sharedBound / 60) + (sharedBound > 0 ? 0.5 : 0));
  }
  if (
    threshold > -Infinity &&
    matchWeights.topic * topicScoreOf(a, b, 1) + rest < threshold - 0.001
  )
    return -1;
  const topic = topicScoreOf(
    a,
    b,
    textSim === undefined
      ? textSimilarityOf(a, b)
      : typeof textSim === 'number'
        ? textSim
        : denseSimilarity(textSim, b),
  );
  if (threshold > -Infinity && matchWeights.topic * topic + rest < threshold - 0.001) return -1;

  const { shared, aTotal, bTotal } = liveTogether(a, b, start, end, live);
  const liveShared = liveHoursScore(shared / 60);

  const common = matchWeights.topic * topic;
  const fromA =
    common +
    matchWeights.liveHours *
      (0.5 * liveShared + 0.5 * (aTotal > 0 ? Math.min(1, shared / aTotal) : 0)) +
    matchWeights.language * languageA +
    after;
  const fromB =
    common +
    matchWeights.liveHours *
      (0.5 * liveShared + 0.5 * (bTotal > 0 ? Math.min(1, shared / bTotal) : 0)) +
    matchWeights.language * languageB +
    after;
  const base = fromA + fromB > 0 ? (2 * fromA * fromB) / (fromA + fromB) : 0;

  parts.topic = topic;
  parts.language = language;
  parts.liveHours = liveShared;
  parts.weeks = weeks;
  parts.fit = fit;
  parts.need = clampedNeed;
  const score = round3(Math.min(1, base + lift));
  parts.lift = round3(score - round3(Math.min(1, base)));
  return score;
}

/** `pairScore` with its breakdown, as a suggestion card shows it (reasons come from `explainPair`). */
export function scoreFeatures(
  a: OfferFeatures,
  b: OfferFeatures,
  textSim: number,
  balance: { need: number; weight: number },
): RankedMatch {
  const parts: Parts = { ...scratch };
  const score = pairScore(a, b, textSim, balance.need, balance.weight, -Infinity, parts);
  return {
    offerId: b.id,
    score,
    breakdown: {
      topic: round3(parts.topic),
      language: round3(parts.language),
      liveHours: round3(parts.liveHours),
      weeks: round3(parts.weeks),
      fit: round3(parts.fit),
      balance: round3(parts.need),
    },
    balanceLift: parts.lift,
    reasons: [],
    cautions: [],
  };
}

/** One pair's score, or null when a hard constraint is broken (see `scoreFeatures`). */
export function scorePair(a: MatchOffer, b: MatchOffer, context: RankContext): RankedMatch | null {
  const fa = featuresOf(a);
  const fb = featuresOf(b);
  if (!compatible(fa, fb, dayNumber(context.today))) return null;
  return scoreFeatures(fa, fb, context.textSimilarity(a.id, b.id), {
    need: context.balanceNeed(b),
    weight: context.balanceWeight,
  });
}

function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The shared term below this many weeks is tight for a COIL module (4–8 weeks plus teaming). */
const tightTermWeeks = 6;

/** Class sizes further apart than this ratio make mixed teams lopsided. */
const lopsidedClassRatio = 0.5;

/** What a person reads on a suggestion card: why it fits, and what to watch out for. */
export interface PairExplanation {
  reasons: string[];
  cautions: string[];
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Why a pair fits, most telling first, and what to watch out for — apart, so a weakness (no
 * live hours in common, a tight term) never reads as a reason. Every shared field, SDG and
 * theme is named. The balance reason appears only when the balance goals changed the score.
 */
export function explainPair(
  a: MatchOffer,
  b: MatchOffer,
  match: RankedMatch,
  textSimilarity: number,
): PairExplanation {
  const reasons: string[] = [];
  const cautions: string[] = [];

  const live = liveOverlap(a, b);
  const slot = live.slots[0];
  if (slot && live.hoursPerWeek > 0) {
    const hours = Math.round(live.hoursPerWeek * 10) / 10;
    const when = `${weekdayNames[slot.aWeekday - 1]} ${slot.aStart}–${slot.aEnd} ${cityOf(a.timeZone)} = ${weekdayNames[slot.bWeekday - 1]} ${slot.bStart}–${slot.bEnd} ${cityOf(b.timeZone)}`;
    // With several slots (another window, or a clock change during the term) the first is the
    // largest, not the whole: say so, so the hours and the times do not seem to disagree.
    const others = live.slots.length - 1;
    const line =
      others > 0
        ? `${hours} h/week live on average, mostly ${when} (and ${others} other slot${others > 1 ? 's' : ''})`
        : `${hours} h/week live: ${when}`;
    // Under an hour a week leaves no room for a live session of any length: a warning.
    if (live.hoursPerWeek >= 1) reasons.push(line);
    else cautions.push(`only ${line}: little time for live sessions`);
  } else {
    cautions.push('no live hours in common: the work would be asynchronous');
  }

  const topic = topicScore(a, b, textSimilarity);
  for (const field of topic.sharedFields) reasons.push(describeSharedField(field));
  if (topic.sharedFields.length === 0) {
    cautions.push('no field of study in common');
  }
  const goals = topic.sharedSdgs
    .map((n) => sdgList.find((g) => g.number === n))
    .filter((goal) => goal !== undefined)
    .map((goal) => `SDG ${goal.number} ${goal.name}`);
  if (goals.length > 0) reasons.push(`both work on ${listInWords(goals)}`);
  const themeNames = topic.sharedThemes
    .map((id) => findTheme(id)?.name)
    .filter((name) => name !== undefined);
  if (themeNames.length > 0) {
    reasons.push(
      `both name the ASEM theme${themeNames.length > 1 ? 's' : ''} ${listInWords(themeNames)}`,
    );
  }

  const language = sharedLanguages(a, b)[0];
  if (language) {
    reasons.push(
      `shared language: ${languageName(language.code)} ${language.a.level}/${language.b.level}`,
    );
    // 0.6 is the language part of a pair that only just clears what each side asks.
    if (match.breakdown.language <= 0.6) {
      cautions.push(
        `in ${languageName(language.code)} one side only just reaches the level the other asks`,
      );
    }
  }

  const weeks = Math.floor(Math.max(0, termOverlapDays(a, b)) / 7);
  if (weeks >= tightTermWeeks) reasons.push(`${weeks} weeks of overlapping term`);
  else cautions.push(`only ${weeks} weeks of overlapping term`);

  if (a.classSize && b.classSize) {
    const ratio = Math.min(a.classSize, b.classSize) / Math.max(a.classSize, b.classSize);
    if (ratio >= lopsidedClassRatio) reasons.push(`class sizes ${a.classSize} and ${b.classSize}`);
    else cautions.push(`class sizes differ a lot: ${a.classSize} and ${b.classSize}`);
  }
  if (a.format !== b.format) {
    const name = (id: string) => formats.find((f) => f.id === id)?.name ?? id;
    cautions.push(`different formats: ${name(a.format)} and ${name(b.format)}`);
  }

  if (match.balanceLift > 0) {
    reasons.push('a partner from a country or institution with few partnerships so far');
  }
  return { reasons, cautions };
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
    Object.assign(
      match,
      explainPair(offer, candidate, match, context.textSimilarity(offer.id, candidate.id)),
    );
  }
  return top;
}
