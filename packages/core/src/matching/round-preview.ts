// What a matching round would propose, told before it is stored: the spread of the scores, a
// sample of the pairs from best to weakest, and a fingerprint of the whole result. The
// secretariat confirms a preview by its fingerprint; the round that is then stored must have
// the same one, so what was confirmed is exactly what lecturers are told.
import { median } from '../statistics/median.ts';
import type { RoundResult } from './round.ts';

export interface ScoreBand {
  /** Lower bound of the band, inclusive (0–1). */
  from: number;
  /** Upper bound, exclusive — except the last band, which holds scores up to and above 1. */
  to: number;
  count: number;
}

export interface ScoreSpread {
  min: number | null;
  median: number | null;
  max: number | null;
  /** Ten bands of 0.1 from 0 to 1, every one present (zero counts included). */
  bands: ScoreBand[];
}

/** Bands of the spread: 0–0.1, 0.1–0.2, … 0.9–1. */
export const scoreBandCount = 10;

/** Minimum, median, maximum and the count in each tenth of the scale. */
export function scoreSpread(scores: readonly number[]): ScoreSpread {
  const bands: ScoreBand[] = Array.from({ length: scoreBandCount }, (_, i) => ({
    from: i / scoreBandCount,
    to: (i + 1) / scoreBandCount,
    count: 0,
  }));
  let min = Infinity;
  let max = -Infinity;
  for (const score of scores) {
    min = Math.min(min, score);
    max = Math.max(max, score);
    // Scores carry a balance lift of up to 0.05, so they may pass 1: the last band holds them.
    const band = Math.min(scoreBandCount - 1, Math.max(0, Math.floor(score * scoreBandCount)));
    bands[band]!.count += 1;
  }
  return {
    min: scores.length > 0 ? min : null,
    median: median(scores),
    max: scores.length > 0 ? max : null,
    bands,
  };
}

/**
 * Ranks (0-based) of `size` proposals spread evenly from the best to the weakest of `count`,
 * both ends included, so a sample shows the whole range, not only the top.
 */
export function sampleRanks(count: number, size: number): number[] {
  if (count <= size) return Array.from({ length: count }, (_, i) => i);
  if (size <= 1) return size === 1 ? [0] : [];
  return Array.from({ length: size }, (_, i) => Math.round((i * (count - 1)) / (size - 1)));
}

/**
 * The result as canonical text: its figures and every pair with its score (to 1e-9). Two
 * results with the same fingerprint propose the same pairs with the same scores. A caller
 * hashes it into a token.
 */
export function roundFingerprint(result: RoundResult): string {
  const lines = [
    `round v1 ${result.asiaOffers} ${result.europeOffers} ${result.candidatePairs}`,
    ...result.proposals.map((p) => `${p.offerId} ${p.partnerOfferId} ${p.score.toFixed(9)}`),
  ];
  return lines.join('\n');
}
