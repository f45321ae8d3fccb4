// A matching round: the secretariat pairs all open offers at once. PRODUCT.md frames it as a
// bipartite assignment, Asia × Europe: each Asian offer with at most one European one, the total
// of the pairs' reciprocal scores (with the balance lift) as large as possible, every pair within
// the hard constraints. A round proposes; the two lecturers decide.
//
// Scoring every Asia × Europe pair is 25 million pairs at 5,000 × 5,000; the round keeps only each
// offer's k best partners (from both sides, so a pair either side ranks highly is in), then
// solves that sparse graph exactly (assignment.ts). A pair outside every top-k list could only
// enter an optimal matching when both of its offers lose all k better partners to others —
// rare at k = 12; the benchmark and `pnpm eval:matching` measure the gap to the optimum over
// all pairs.
import { auctionMatching, hungarianMatching, type WeightedEdge } from './assignment.ts';
import { compatible, dayNumber, type OfferFeatures } from './features.ts';
import { balanceNeedCache, type BalanceState, type MatchingIndex } from './matching-index.ts';
import { pairScore } from './rank.ts';

/** Partners kept per offer in the round's graph. */
export const roundCandidatesPerOffer = 12;

export interface RoundOptions {
  today: string;
  balance: BalanceState;
  /** Partners kept per offer; default `roundCandidatesPerOffer`. */
  k?: number;
}

export interface RoundProposal {
  /** The Asian offer. */
  offerId: string;
  /** The European offer. */
  partnerOfferId: string;
  score: number;
}

export interface RoundResult {
  proposals: RoundProposal[];
  /** Sum of the proposals' scores. */
  totalScore: number;
  asiaOffers: number;
  europeOffers: number;
  /** Pairs in the sparse graph the assignment was solved on. */
  candidatePairs: number;
}

export type RoundProgress =
  | { phase: 'candidates'; done: number; total: number }
  | { phase: 'assignment'; done: number; total: number };

/**
 * A pair's weight in a round: its score with the balance lift for both sides at once (the mean
 * of the two countries' needs), since a proposal serves both.
 */
export function roundPairScore(
  a: OfferFeatures,
  b: OfferFeatures,
  need: (country: string) => number,
  balanceWeight: number,
): number {
  const mean = (need(a.offer.country) + need(b.offer.country)) / 2;
  return pairScore(a, b, undefined, mean, balanceWeight);
}

/**
 * Runs a round step by step: yields progress while it builds the candidate graph (every 200
 * offers) and before it solves, and returns the result. A server drives it between other work;
 * `solveRound` runs it to the end.
 */
export function* runRound(
  index: MatchingIndex,
  options: RoundOptions,
): Generator<RoundProgress, RoundResult, void> {
  const k = options.k ?? roundCandidatesPerOffer;
  const today = dayNumber(options.today);
  const need = balanceNeedCache(options.balance);
  const weight = options.balance.goals.balanceWeight;
  const asia = index.region(1).filter((f) => f.open && f.endDay >= today);
  const europe = index.region(2).filter((f) => f.open && f.endDay >= today);
  const asiaAt = new Map(asia.map((f, i) => [f.id, i]));
  const europeAt = new Map(europe.map((f, i) => [f.id, i]));
  const pairs = new Map<number, WeightedEdge>();
  const total = asia.length + europe.length;
  const keep = (a: OfferFeatures, b: OfferFeatures) => {
    const left = asiaAt.get(a.id);
    const right = europeAt.get(b.id);
    if (left === undefined || right === undefined) return;
    const key = left * europe.length + right;
    if (pairs.has(key)) return;
    const score = roundPairScore(a, b, need, weight);
    pairs.set(key, { left, right, weight: Math.round(score * 1000) });
  };
  let done = 0;
  for (const [side, other] of [
    [asia, 2],
    [europe, 1],
  ] as const) {
    for (const offer of side) {
      const top = index.topPartners(offer, today, k, need, weight, other);
      for (const partner of top.items) {
        if (offer.region === 1) keep(offer, partner);
        else keep(partner, offer);
      }
      if (++done % 200 === 0) yield { phase: 'candidates', done, total };
    }
  }
  yield { phase: 'candidates', done: total, total };
  yield { phase: 'assignment', done: 0, total: 1 };
  const matching = auctionMatching(asia.length, europe.length, [...pairs.values()]);
  yield { phase: 'assignment', done: 1, total: 1 };
  const proposals = matching.pairs
    .map(([l, r]) => ({
      offerId: asia[l]!.id,
      partnerOfferId: europe[r]!.id,
      score: roundPairScore(asia[l]!, europe[r]!, need, weight),
    }))
    .sort((x, y) => y.score - x.score || (x.offerId < y.offerId ? -1 : 1));
  return {
    proposals,
    totalScore: Math.round(proposals.reduce((sum, p) => sum + p.score * 1000, 0)) / 1000,
    asiaOffers: asia.length,
    europeOffers: europe.length,
    candidatePairs: pairs.size,
  };
}

export function solveRound(index: MatchingIndex, options: RoundOptions): RoundResult {
  const run = runRound(index, options);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * The best total over every compatible Asia × Europe pair of the given offers (no top-k), by
 * the Hungarian method: the yardstick for a round. O(n³): for samples of a few thousand offers.
 */
export function exactRoundTotal(
  asia: readonly OfferFeatures[],
  europe: readonly OfferFeatures[],
  options: RoundOptions,
): number {
  const today = dayNumber(options.today);
  const need = balanceNeedCache(options.balance);
  const weight = options.balance.goals.balanceWeight;
  const weights = asia.map((a) =>
    europe.map((b) =>
      compatible(a, b, today) ? Math.round(roundPairScore(a, b, need, weight) * 1000) : 0,
    ),
  );
  return hungarianMatching(weights).total / 1000;
}
