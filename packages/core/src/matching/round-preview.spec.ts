import { describe, expect, it } from 'vitest';
import { roundFingerprint, sampleRanks, scoreSpread } from './round-preview.ts';
import type { RoundResult } from './round.ts';

describe('a round preview', () => {
  it('spreads scores over ten bands, with min, median and max', () => {
    const spread = scoreSpread([0.42, 0.66, 0.68, 0.95, 1.03, 0]);
    expect(spread).toMatchObject({ min: 0, median: 0.67, max: 1.03 });
    expect(spread.bands).toHaveLength(10);
    expect(spread.bands.map((b) => b.count)).toEqual([1, 0, 0, 0, 1, 0, 2, 0, 0, 2]);
    expect(spread.bands[6]).toMatchObject({ from: 0.6, to: 0.7 });
    expect(spread.bands.reduce((s, b) => s + b.count, 0)).toBe(6);
  });

  it('has no figures for no proposals, but every band', () => {
    const spread = scoreSpread([]);
    expect(spread).toMatchObject({ min: null, median: null, max: null });
    expect(spread.bands.every((b) => b.count === 0)).toBe(true);
    expect(spread.bands).toHaveLength(10);
  });

  it('samples ranks from the best to the weakest', () => {
    expect(sampleRanks(100, 10)).toEqual([0, 11, 22, 33, 44, 55, 66, 77, 88, 99]);
    expect(sampleRanks(4, 10)).toEqual([0, 1, 2, 3]);
    expect(sampleRanks(11, 10)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10]);
    expect(new Set(sampleRanks(12, 10)).size).toBe(10);
    expect(sampleRanks(0, 10)).toEqual([]);
    expect(sampleRanks(5, 1)).toEqual([0]);
  });

  it('fingerprints the pairs, their scores and the figures', () => {
    const result: RoundResult = {
      proposals: [
        { offerId: 'a1', partnerOfferId: 'e1', score: 0.8 },
        { offerId: 'a2', partnerOfferId: 'e2', score: 0.6 },
      ],
      totalScore: 1.4,
      asiaOffers: 3,
      europeOffers: 2,
      candidatePairs: 5,
    };
    const same = roundFingerprint(structuredClone(result));
    expect(roundFingerprint(result)).toBe(same);
    const changed = (change: (r: RoundResult) => void) => {
      const copy = structuredClone(result);
      change(copy);
      return roundFingerprint(copy);
    };
    expect(changed((r) => (r.proposals[1]!.partnerOfferId = 'e3'))).not.toBe(same);
    expect(changed((r) => (r.proposals[0]!.score = 0.8000001))).not.toBe(same);
    expect(changed((r) => (r.asiaOffers = 4))).not.toBe(same);
    expect(changed((r) => r.proposals.pop())).not.toBe(same);
  });
});
