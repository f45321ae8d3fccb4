// The evaluation harness's own checks: the planted fixtures mean what their labels say (a
// "breaks" decoy breaks exactly its one constraint, a "worse" decoy stays a valid partner), and
// on a small set the matcher finds every ideal without returning a forbidden pair.
import { describe, expect, it } from 'vitest';
import { hardConstraintViolations, isCompatible, termOverlapDays } from './constraints.ts';
import {
  brokenConstraints,
  decoyLabel,
  evaluate,
  evaluateRound,
  evaluationToday as today,
  plantedFixtures,
  tradeOffFixtures,
  tradeOffKinds,
  tradeOffScorer,
  weightGrid,
} from './evaluation.ts';
import { matchWeights, withMatchWeights } from './rank.ts';
import { liveHoursScore } from './score-parts.ts';
import { dayNumber, isoDateOfDay } from './features.ts';
import { liveOverlap, overlapMinutes, weeklyUtcMinutes } from './live-hours.ts';

describe('planted fixtures', () => {
  const fixtures = plantedFixtures('spec', 40, 200);

  it('are deterministic for a seed and give every offer its own id', () => {
    expect(plantedFixtures('spec', 40, 200)).toEqual(fixtures);
    const ids = fixtures.offers.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    const regions = new Set(fixtures.queries.map((q) => q.query.region));
    expect(regions).toEqual(new Set(['asia', 'europe']));
  });

  it('pair each query with a compatible ideal of another institution and 2–3 live hours', () => {
    for (const { query, ideal } of fixtures.queries) {
      expect(hardConstraintViolations(query, ideal, { today })).toEqual([]);
      expect(ideal.institutionId).not.toBe(query.institutionId);
      expect(termOverlapDays(query, ideal)).toBeGreaterThanOrEqual(70);
      // In the middle week of the shared term, where the ranker measures live time: 2 to 3 hours.
      const from = query.startDate > ideal.startDate ? query.startDate : ideal.startDate;
      const middle = isoDateOfDay(
        dayNumber(from) + Math.floor((termOverlapDays(query, ideal) - 1) / 2),
      );
      const minutes = overlapMinutes(
        weeklyUtcMinutes(query, middle),
        weeklyUtcMinutes(ideal, middle),
      );
      expect(minutes).toBeGreaterThanOrEqual(120);
      expect(minutes).toBeLessThanOrEqual(180);
      // Averaged over the term a clock change can take an hour off some weeks, two between
      // Sydney and Europe in March and April (as in real timetables); a term of 12 weeks and
      // 6 days may hold 13 session days, a little over 3 hours on average.
      const hours = liveOverlap(query, ideal).hoursPerWeek;
      expect(hours).toBeGreaterThanOrEqual(1);
      expect(hours).toBeLessThanOrEqual(3.3);
    }
  });

  it('make each "breaks" decoy break exactly the constraint it names', () => {
    for (const { query, decoys } of fixtures.queries) {
      const broken = decoys.flatMap((d) => (d.kind === 'breaks' ? [d] : []));
      expect(broken.map((d) => d.constraint)).toEqual(brokenConstraints);
      for (const decoy of broken) {
        const codes = hardConstraintViolations(query, decoy.offer, { today }).map((v) => v.code);
        expect(codes, `${query.id} ${decoyLabel(decoy)}`).toEqual([decoy.constraint]);
      }
    }
  });

  it('keep each "worse" decoy a valid partner, of another institution', () => {
    for (const { query, decoys } of fixtures.queries) {
      for (const decoy of decoys) {
        if (decoy.kind !== 'worse') continue;
        expect(
          isCompatible(query, decoy.offer, { today }),
          `${query.id} ${decoyLabel(decoy)}`,
        ).toBe(true);
        expect(decoy.offer.institutionId).not.toBe(query.institutionId);
      }
    }
  });

  it('give the live-hours decoys no shared hour, or about one', () => {
    for (const { query, decoys } of fixtures.queries) {
      for (const decoy of decoys) {
        if (decoy.kind !== 'worse' || decoy.part !== 'liveHours') continue;
        const hours = liveOverlap(query, decoy.offer).hoursPerWeek;
        if (decoy.variant === 'none') expect(hours).toBe(0);
        else expect(hours).toBeLessThanOrEqual(1.5);
      }
    }
  });
});

describe('evaluate', () => {
  it('ranks every planted ideal first and returns no pair that breaks a hard constraint', () => {
    const result = evaluate(plantedFixtures('spec-small', 20, 150));
    expect(result.violations).toBe(0);
    expect(result.precisionAt1).toBe(1);
    expect(result.mrr).toBe(1);
    for (const tally of Object.values(result.worse)) expect(tally.outranked).toBe(0);
  });

  it('measures a small round against the exact optimum', () => {
    const round = evaluateRound('spec', 160);
    expect(round.violations).toBe(0);
    expect(round.proposals).toBeGreaterThan(10);
    expect(round.ratio).toBeGreaterThan(0.95);
    expect(round.ratio).toBeLessThanOrEqual(1 + 1e-9);
  });
});

describe('trade-off fixtures', () => {
  const fixtures = tradeOffFixtures('spec', 6, 150);
  const scorer = tradeOffScorer(fixtures);
  const parts = ['topic', 'liveHours', 'language', 'weeks', 'fit', 'balance'] as const;

  it('are deterministic and give every kind its scenarios', () => {
    expect(tradeOffFixtures('spec', 6, 150)).toEqual(fixtures);
    expect(fixtures.scenarios).toHaveLength(6 * tradeOffKinds.length);
    const ids = fixtures.offers.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep both candidates compatible with the query', () => {
    for (const s of fixtures.scenarios) {
      for (const candidate of [s.expected, s.other]) {
        expect(hardConstraintViolations(s.query, candidate, { today }), s.id).toEqual([]);
      }
    }
  });

  it('make the two candidates differ in the stated parts only, in opposite directions', () => {
    fixtures.scenarios.forEach((s, i) => {
      const [expected, other] = scorer.pair(i);
      for (const part of parts) {
        const d = expected.breakdown[part] - other.breakdown[part];
        const label = `${s.kind} ${s.id} ${part}`;
        if (part === s.expectedBetterIn) expect(d, label).toBeGreaterThan(0);
        else if (part === s.otherBetterIn) expect(d, label).toBeLessThan(0);
        else if (
          part === 'liveHours' &&
          (s.expectedBetterIn === 'weeks' || s.otherBetterIn === 'weeks')
        )
          // Terms of different length share a clock change for a different part of their weeks.
          expect(Math.abs(d), label).toBeLessThan(0.25);
        else expect(Math.abs(d), label).toBeLessThan(1e-9);
      }
      // Live time is what the spec says: planted in the middle week, and the ranker averages
      // over the whole shared term, where a clock change can move a slot by an hour for some weeks.
      // An hour's shift over part of a 5–14-week term moves the score part by less than 0.25.
      for (const [match, spec] of [
        [expected, s.expectedSpec],
        [other, s.otherSpec],
      ] as const) {
        expect(Math.abs(match.breakdown.liveHours - liveHoursScore(spec.hours)), s.id).toBeLessThan(
          0.25,
        );
      }
    });
  });

  it('keep balance near-ties under 0.05 before the lift and clear cases over 0.1', () => {
    const noLift = (s: (typeof fixtures.scenarios)[number]) => ({
      ...s,
      balance: { ...s.balance, goals: { ...s.balance.goals, balanceWeight: 0 } },
    });
    const plain = tradeOffScorer({ ...fixtures, scenarios: fixtures.scenarios.map(noLift) });
    fixtures.scenarios.forEach((s, i) => {
      const [expected, other] = plain.pair(i);
      if (s.kind === 'balance tips a near-tie') {
        expect(other.score - expected.score).toBeGreaterThan(0);
        expect(other.score - expected.score).toBeLessThan(0.05);
      } else if (s.kind === 'balance lifts no poor match') {
        expect(expected.score - other.score).toBeGreaterThan(0.1);
      }
    });
  });

  it('reach about the agreement reported in rank.ts (98.3 %) with the chosen weights', () => {
    const result = tradeOffScorer(tradeOffFixtures('spec-agreement', 10)).run();
    expect(result.agreement).toBeGreaterThanOrEqual(0.95);
    for (const name of ['topic>live', 'live>near-topic', 'live>calendar (COIL)', 'live>fit']) {
      expect(result.byKind[name]!.agreed, name).toBe(result.byKind[name]!.scenarios);
    }
  });

  it('swap the weights only for the evaluation, and back', () => {
    const before = { ...matchWeights };
    const grid = weightGrid();
    expect(grid.length).toBeGreaterThan(100);
    for (const w of grid) {
      expect(Object.values(w).reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 9);
    }
    const swapped = withMatchWeights(grid[0]!, () => ({ ...matchWeights }));
    expect(swapped).toEqual(grid[0]);
    expect(() =>
      withMatchWeights(grid[1]!, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect({ ...matchWeights }).toEqual(before);
  });
});
