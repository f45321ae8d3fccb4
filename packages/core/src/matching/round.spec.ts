import { describe, expect, it } from 'vitest';
import { isCompatible } from './constraints.ts';
import { MatchingIndex, type BalanceState } from './matching-index.ts';
import { exactRoundTotal, runRound, solveRound } from './round.ts';
import { syntheticOffers } from './synthetic.ts';
import { asiaOffer, europeOffer } from './testing-offers.ts';

const today = '2027-01-01';
const balance: BalanceState = {
  counts: { byCountry: new Map([['DE', 10]]), total: 10, fromAsia: 2, fromEurope: 8 },
  goals: { maxCountryShare: 0.1, asiaShareTarget: 0.5, priorityCountries: [], balanceWeight: 0.5 },
};

describe('matching round', () => {
  const offers = syntheticOffers(500, 'round-spec', { closedShare: 0.05 });
  const index = new MatchingIndex(offers);
  const byId = new Map(offers.map((o) => [o.id, o]));

  it('proposes each offer at most once, every pair Asia × Europe and within the hard constraints', () => {
    const result = solveRound(index, { today, balance });
    expect(result.proposals.length).toBeGreaterThan(50);
    const seen = new Set<string>();
    for (const p of result.proposals) {
      for (const id of [p.offerId, p.partnerOfferId]) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      const a = byId.get(p.offerId)!;
      const b = byId.get(p.partnerOfferId)!;
      expect([a.region, b.region]).toEqual(['asia', 'europe']);
      expect(isCompatible(a, b, { today })).toBe(true);
    }
    const sum = result.proposals.reduce((s, p) => s + p.score, 0);
    expect(result.totalScore).toBeCloseTo(sum, 6);
  });

  it('reaches the exact optimum over all pairs when the graph keeps every partner', () => {
    const small = new MatchingIndex(offers.slice(0, 160));
    const exact = exactRoundTotal(small.region(1), small.region(2), { today, balance });
    expect(solveRound(small, { today, balance, k: 1000 }).totalScore).toBeCloseTo(exact, 6);
  });

  it('stays within 1% of the optimum over all pairs with the default sparse graph', () => {
    const exact = exactRoundTotal(index.region(1), index.region(2), { today, balance });
    const sparse = solveRound(index, { today, balance }).totalScore;
    expect(sparse).toBeLessThanOrEqual(exact + 1e-9);
    expect(sparse / exact).toBeGreaterThanOrEqual(0.99);
  });

  it('reports progress through both phases and is deterministic', () => {
    const run = runRound(index, { today, balance });
    const phases = new Set<string>();
    let step = run.next();
    while (!step.done) {
      phases.add(step.value.phase);
      step = run.next();
    }
    expect([...phases]).toEqual(['candidates', 'assignment']);
    expect(step.value).toEqual(solveRound(index, { today, balance }));
  });

  it('pairs the two fixture offers, and nothing when no pair is compatible', () => {
    const pair = new MatchingIndex([europeOffer(), asiaOffer()]);
    expect(solveRound(pair, { today, balance }).proposals).toMatchObject([
      { offerId: 'offer-as', partnerOfferId: 'offer-eu' },
    ]);
    const apart = new MatchingIndex([europeOffer(), asiaOffer({ levels: ['doctoral'] })]);
    expect(solveRound(apart, { today, balance })).toMatchObject({ proposals: [], totalScore: 0 });
  });
});
