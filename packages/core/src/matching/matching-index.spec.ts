import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { isCompatible } from './constraints.ts';
import { compatible, dayNumber, featuresOf, liveTogether, topicScoreOf } from './features.ts';
import { liveOverlap } from './live-hours.ts';
import { MatchingIndex, TopK, type BalanceState } from './matching-index.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { rankPartners, scorePair } from './rank.ts';
import { syntheticOffers } from './synthetic.ts';
import { balanceNeed } from './balance.ts';
import { buildTextIndex, textSimilarity } from './text-similarity.ts';
import { asiaOffer, europeOffer } from './testing-offers.ts';
import { topicScore } from './topic.ts';

const today = '2027-01-01';
const balance: BalanceState = {
  counts: {
    byCountry: new Map([
      ['DE', 12],
      ['JP', 9],
      ['FR', 4],
    ]),
    total: 30,
    fromAsia: 10,
    fromEurope: 20,
  },
  goals: {
    maxCountryShare: 0.2,
    asiaShareTarget: 0.5,
    priorityCountries: ['LA'],
    balanceWeight: 1,
  },
};

/** Pairs that break each constraint in turn, and some that meet them all. */
function variedPairs(count: number): [MatchOffer, MatchOffer][] {
  const offers = syntheticOffers(count, 'varied-pairs', { closedShare: 0.1 });
  const random = createRandom('pairs');
  const pairs: [MatchOffer, MatchOffer][] = [];
  for (let i = 0; i < count; i++) {
    const a = offers[i]!;
    let b = random.pick(offers);
    if (random.chance(0.3)) b = { ...b, startDate: a.startDate, endDate: a.endDate };
    if (random.chance(0.3)) b = { ...b, levels: a.levels, format: a.format };
    if (random.chance(0.1)) b = { ...b, institutionId: a.institutionId };
    pairs.push([a, b]);
  }
  return pairs;
}

describe('offer features', () => {
  it('give the same hard-constraint verdict as isCompatible', () => {
    let compatibleSeen = 0;
    for (const [a, b] of variedPairs(3000)) {
      const verdict = isCompatible(a, b, { today });
      if (verdict) compatibleSeen++;
      expect(compatible(featuresOf(a), featuresOf(b), dayNumber(today))).toBe(verdict);
    }
    expect(compatibleSeen).toBeGreaterThan(50);
  });

  it('give the same topic score as topicScore, to the bit', () => {
    for (const [a, b] of variedPairs(2000)) {
      const text = (a.title.length % 7) / 7;
      expect(topicScoreOf(featuresOf(a), featuresOf(b), text)).toBe(topicScore(a, b, text).score);
    }
  });

  it('average live time over the actual term like the day-by-day walk, across clock changes and half-hour zones', () => {
    const zones = [
      'Europe/Berlin',
      'Europe/London',
      'Asia/Kolkata',
      'Asia/Yangon',
      'Asia/Tokyo',
      'Australia/Sydney',
    ];
    const random = createRandom('live-together');
    const out = { shared: 0, aTotal: 0, bTotal: 0 };
    let crossing = 0;
    for (let i = 0; i < 300; i++) {
      const start = `2027-${String(random.int(1, 11)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      const a = europeOffer({
        timeZone: random.pick(zones),
        startDate: start,
        endDate: new Date(Date.parse(`${start}T00:00:00Z`) + random.int(40, 200) * 86_400_000)
          .toISOString()
          .slice(0, 10),
        windows: [
          { weekday: random.int(1, 7), start: '08:00', end: '11:30' },
          { weekday: random.int(1, 7), start: '22:30', end: '01:00' },
        ],
      });
      const b = asiaOffer({
        timeZone: random.pick(zones),
        startDate: a.startDate,
        endDate: a.endDate,
        windows: [
          { weekday: random.int(1, 7), start: '15:00', end: '19:00' },
          { weekday: random.int(1, 7), start: '06:30', end: '09:00' },
        ],
      });
      const fa = featuresOf(a);
      const fb = featuresOf(b);
      if (fa.offsetChanges.length + fb.offsetChanges.length > 0) crossing++;
      liveTogether(fa, fb, fa.startDay, fa.endDay, out);
      const walked = liveOverlap(a, b);
      // The walk counts each day's real occurrences; the average counts weeks as 7 days, so
      // they differ by at most part of one week's windows spread over the term.
      const slack = (2 * 240) / ((fa.endDay - fa.startDay + 1) / 7) + 1;
      expect(
        Math.abs(out.shared - walked.hoursPerWeek * 60),
        `${a.timeZone}–${b.timeZone} ${start}`,
      ).toBeLessThanOrEqual(slack);
    }
    expect(crossing).toBeGreaterThan(100);
  });
});

describe('MatchingIndex', () => {
  const offers = syntheticOffers(1500, 'index-spec');

  function bruteForce(query: MatchOffer, pool: readonly MatchOffer[], limit: number) {
    const text = buildTextIndex(pool);
    return rankPartners(
      query,
      pool,
      {
        today,
        textSimilarity: (x, y) => textSimilarity(text, x, y),
        balanceNeed: (candidate) => balanceNeed(candidate, balance.counts, balance.goals),
        balanceWeight: balance.goals.balanceWeight,
      },
      limit,
    );
  }

  it('ranks exactly as scoring every candidate would: same partners, scores, order and reasons', () => {
    const index = new MatchingIndex(offers);
    for (const query of offers.slice(0, 12)) {
      const fast = index.rank(query, { today, balance }, 15);
      const slow = bruteForce(query, offers, 15);
      expect(fast).toEqual(slow);
    }
  });

  it('after writes ranks as an index built afresh from the same offers', () => {
    const index = new MatchingIndex(offers);
    const edited = { ...offers[3]!, title: 'Robotics and care in ageing societies', classSize: 12 };
    const closed = { ...offers[4]!, status: 'closed' as const };
    const added = { ...offers[5]!, id: 'new-offer', institutionId: 'inst-new' };
    // Patched in place (same term start), moved in the term-start order, and moved twice.
    const patched = { ...offers[10]!, windows: [{ weekday: 3, start: '07:00', end: '12:00' }] };
    const moved = { ...offers[11]!, startDate: '2027-02-01', endDate: '2027-05-30' };
    const movedTwice = { ...offers[12]!, startDate: '2027-03-01', endDate: '2027-06-30' };
    index.upsert(edited);
    index.upsert(closed);
    index.upsert(added);
    index.remove(offers[6]!.id);
    index.upsert(patched);
    index.upsert(moved);
    index.upsert({ ...movedTwice, startDate: '2027-01-04' });
    index.upsert(movedTwice);
    const replaced = new Map([edited, patched, moved, movedTwice].map((o) => [o.id, o]));
    const pool = offers
      .filter((o) => o.id !== offers[4]!.id && o.id !== offers[6]!.id)
      .map((o) => replaced.get(o.id) ?? o)
      .concat([added]);
    const fresh = new MatchingIndex(pool);
    index.settle();
    expect(index.size).toBe(pool.length);
    expect(index.has(offers[4]!.id)).toBe(false);
    expect(index.region(1).length + index.region(2).length).toBe(pool.length);
    for (const query of [edited, added, patched, moved, movedTwice, offers[7]!, offers[8]!]) {
      expect(index.rank(query, { today, balance }, 10)).toEqual(
        fresh.rank(query, { today, balance }, 10),
      );
    }
  });

  it('uses an edited text at once, before the batch re-weighing', () => {
    const index = new MatchingIndex(offers);
    const query = offers[9]!;
    const [best] = index.rank(query, { today, balance }, 1);
    const target = index.offer(best!.offerId)!;
    // The partner now reads exactly like the query: its text similarity must rise to about 1.
    index.upsert({ ...target, title: query.title, description: query.description });
    const [after] = index.rank(query, { today, balance }, 1);
    expect(after!.offerId).toBe(target.id);
    expect(after!.breakdown.topic).toBeGreaterThan(best!.breakdown.topic);
    index.settle();
    const fresh = new MatchingIndex(
      offers.map((o) =>
        o.id === target.id ? { ...o, title: query.title, description: query.description } : o,
      ),
    );
    expect(index.rank(query, { today, balance }, 5)).toEqual(
      fresh.rank(query, { today, balance }, 5),
    );
  });

  it('ranks an offer outside the index (closed offers get nothing, as constraints demand)', () => {
    const index = new MatchingIndex(offers.slice(1));
    const outside = offers[0]!;
    expect(index.rank(outside, { today, balance }, 5).map((m) => m.offerId)).toEqual(
      bruteForce(outside, offers, 5).map((m) => m.offerId),
    );
    expect(index.rank({ ...outside, status: 'closed' }, { today, balance }, 5)).toEqual([]);
  });

  it('agrees with scorePair on the two fixture offers', () => {
    const a = europeOffer();
    const b = asiaOffer();
    const index = new MatchingIndex([a, b]);
    const [match] = index.rank(a, { today, balance }, 1);
    const direct = scorePair(a, b, {
      today,
      textSimilarity: (x, y) => textSimilarity(buildTextIndex([a, b]), x, y),
      balanceNeed: (c) => balanceNeed(c, balance.counts, balance.goals),
      balanceWeight: 1,
    });
    expect(match!.score).toBe(direct!.score);
    expect(match!.breakdown).toEqual(direct!.breakdown);
  });
});

describe('TopK', () => {
  it('keeps the k best by score, then by id, whatever the order they come in', () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      featuresOf(europeOffer({ id: `o${i % 10}${i}` })),
    );
    const scores = items.map((_, i) => ((i * 37) % 11) / 10);
    const expected = items
      .map((item, i) => ({ id: item.id, score: scores[i]! }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
      .slice(0, 7);
    for (const order of [items.keys(), [...items.keys()].reverse()]) {
      const top = new TopK(7);
      for (const i of order) top.offer(scores[i]!, items[i]!);
      expect(top.items.map((f, i) => ({ id: f.id, score: top.scores[i] }))).toEqual(expected);
    }
  });
});
