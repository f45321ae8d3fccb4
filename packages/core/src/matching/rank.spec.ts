import { describe, expect, it } from 'vitest';
import { maxBalanceLift, rankPartners, scorePair, type RankContext } from './rank.ts';
import { asiaOffer, europeOffer } from './testing-offers.ts';

const context = (changes: Partial<RankContext> = {}): RankContext => ({
  today: '2027-01-15',
  textSimilarity: () => 0.2,
  balanceNeed: () => 0,
  balanceWeight: 0.1,
  ...changes,
});

describe('scorePair', () => {
  it('scores a compatible pair in [0, 1] with every part of the breakdown', () => {
    const match = scorePair(europeOffer(), asiaOffer(), context());
    expect(match).not.toBeNull();
    expect(match!.score).toBeGreaterThan(0.5);
    expect(match!.score).toBeLessThanOrEqual(1);
    expect(Object.keys(match!.breakdown).sort()).toEqual(
      ['balance', 'fit', 'language', 'liveHours', 'topic', 'weeks'].sort(),
    );
    for (const value of Object.values(match!.breakdown)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('never scores a pair that breaks a hard constraint', () => {
    const a = europeOffer();
    for (const broken of [
      asiaOffer({ institutionId: 'inst-eu' }),
      asiaOffer({ seekingRegion: 'asia' }),
      asiaOffer({ languages: [{ code: 'ja', level: 'native', minPartnerLevel: 'B1' }] }),
      asiaOffer({ levels: ['master'] }),
      asiaOffer({ format: 'virtual_mobility' }),
      asiaOffer({ startDate: '2027-06-10', endDate: '2027-09-30' }),
      asiaOffer({ status: 'matched' }),
    ]) {
      expect(scorePair(a, broken, context())).toBeNull();
    }
  });

  it('is reciprocal: the same score from either side', () => {
    const a = europeOffer({ languages: [{ code: 'en', level: 'C2', minPartnerLevel: 'B1' }] });
    const b = asiaOffer({
      languages: [{ code: 'en', level: 'B2', minPartnerLevel: 'B2' }],
      classSize: 45,
    });
    expect(scorePair(a, b, context())!.score).toBe(scorePair(b, a, context())!.score);
  });

  it('ranks a pair good for one side only below a pair good for both', () => {
    const a = europeOffer({ windows: [{ weekday: 2, start: '09:00', end: '11:00' }] });
    // Covers all of a's window, but a covers only 2 of its 12 weekly hours.
    const lopsided = asiaOffer({
      id: 'lopsided',
      windows: [
        { weekday: 2, start: '12:00', end: '20:00' },
        { weekday: 3, start: '12:00', end: '16:00' },
      ],
    });
    const even = asiaOffer({ id: 'even', windows: [{ weekday: 2, start: '16:00', end: '18:00' }] });
    const ranked = rankPartners(a, [lopsided, even], context(), 10);
    expect(ranked.map((m) => m.offerId)).toEqual(['even', 'lopsided']);
  });

  it('lets balance tip a near-tie but never lift a clearly worse match', () => {
    const a = europeOffer();
    const good = asiaOffer({ id: 'good' });
    const nearTie = asiaOffer({ id: 'near', classSize: 27 });
    const worse = asiaOffer({
      id: 'worse',
      windows: [{ weekday: 2, start: '17:30', end: '18:00' }],
    });
    const lifted = (id: string) => (id === 'good' ? 0 : 1);
    const ctx = context({ balanceNeed: (c) => lifted(c.id), balanceWeight: 1 });
    const plain = rankPartners(a, [good, nearTie, worse], context(), 10);
    const withBalance = rankPartners(a, [good, nearTie, worse], ctx, 10);
    expect(plain.map((m) => m.offerId)).toEqual(['good', 'near', 'worse']);
    expect(withBalance[0]!.offerId).toBe('near');
    expect(withBalance.at(-1)!.offerId).toBe('worse');
    const scoreOf = (list: typeof plain, id: string) => list.find((m) => m.offerId === id)!.score;
    expect(scoreOf(withBalance, 'worse') - scoreOf(plain, 'worse')).toBeLessThanOrEqual(
      maxBalanceLift + 1e-9,
    );
  });
});

describe('rankPartners', () => {
  it('returns compatible candidates best first, with reasons people can read', () => {
    const a = europeOffer({ fields: ['0613'], sdgs: [4, 13] });
    const candidates = [
      asiaOffer({ id: 'b', fields: ['0613'], sdgs: [13] }),
      asiaOffer({ id: 'c', fields: ['0521'] }),
      asiaOffer({ id: 'd', institutionId: 'inst-eu' }),
      a,
    ];
    const ranked = rankPartners(a, candidates, context(), 10);
    expect(ranked.map((m) => m.offerId)).toEqual(['b', 'c']);
    const reasons = ranked[0]!.reasons;
    // 1.8, not 2: before Berlin moves to summer time (28 March) the windows share one hour only.
    expect(reasons[0]).toBe(
      '1.8 h/week live on average, mostly Tue 09:00–11:00 Berlin = Tue 16:00–18:00 Tokyo (and 1 other slot)',
    );
    expect(reasons).toContain('both teach 0613 Software and applications development and analysis');
    expect(reasons).toContain('both work on SDG 13 Climate action');
    expect(reasons).toContain('shared language: English B2/B2');
    expect(reasons).toContain('17 weeks of overlapping term');
  });

  it('names the one slot exactly when the live time never changes', () => {
    // Twelve whole weeks, Monday to Sunday, all in Berlin's summer time.
    const summer = { startDate: '2027-04-05', endDate: '2027-06-27' };
    const [match] = rankPartners(europeOffer(summer), [asiaOffer(summer)], context(), 1);
    expect(match!.reasons[0]).toBe('2 h/week live: Tue 09:00–11:00 Berlin = Tue 16:00–18:00 Tokyo');
  });

  it('is deterministic and honours the limit', () => {
    const a = europeOffer();
    const candidates = ['x', 'y', 'z'].map((id) => asiaOffer({ id }));
    const once = rankPartners(a, candidates, context(), 2);
    expect(once.map((m) => m.offerId)).toEqual(['x', 'y']);
    expect(rankPartners(a, candidates, context(), 2)).toEqual(once);
  });
});

describe('explainPair: why it fits, apart from what to watch out for', () => {
  it('puts no live hours in common among the cautions, never among the reasons', () => {
    const a = europeOffer();
    const b = asiaOffer({ windows: [{ weekday: 4, start: '16:00', end: '18:00' }] });
    const [match] = rankPartners(a, [b], context(), 1);
    expect(match!.cautions).toContain('no live hours in common: the work would be asynchronous');
    expect(match!.reasons.join(' | ')).not.toMatch(/live/);
  });

  it('names every shared field, not just the first', () => {
    const a = europeOffer({ fields: ['0613', '0731', '0413'] });
    const b = asiaOffer({ fields: ['0413', '0613', '0732'] });
    const [match] = rankPartners(a, [b], context(), 1);
    expect(match!.reasons).toEqual(
      expect.arrayContaining([
        'both teach 0413 Management and administration',
        'both teach 0613 Software and applications development and analysis',
        'both teach in 073 Architecture and construction',
      ]),
    );
    expect(match!.cautions).not.toContain('no field of study in common');
  });

  it('names every shared SDG and ASEM theme, an old theme id as the theme it became', () => {
    const a = europeOffer({ sdgs: [4, 11, 13], themes: ['digitalisation', 'recognition'] });
    const b = asiaOffer({
      sdgs: [13, 4, 11],
      themes: ['quality_assurance_recognition', 'digitalisation'],
    });
    const [match] = rankPartners(a, [b], context(), 1);
    expect(match!.reasons).toContain(
      'both work on SDG 4 Quality education, SDG 11 Sustainable cities and communities and SDG 13 Climate action',
    );
    expect(match!.reasons).toContain(
      'both name the ASEM themes Digitalisation and Recognition, validation and quality assurance',
    );
  });

  it('warns of a tight term, lopsided classes, another format and a language just at the bar', () => {
    const a = europeOffer({
      languages: [{ code: 'en', level: 'B2', minPartnerLevel: 'B2' }],
      classSize: 20,
    });
    const b = asiaOffer({
      format: 'virtual_exchange',
      languages: [{ code: 'en', level: 'B2', minPartnerLevel: 'B2' }],
      startDate: '2027-06-01',
      endDate: '2027-09-30',
      classSize: 120,
    });
    const [match] = rankPartners(a, [b], context(), 1);
    expect(match!.cautions).toEqual(
      expect.arrayContaining([
        'in English one side only just reaches the level the other asks',
        'only 4 weeks of overlapping term',
        'class sizes differ a lot: 20 and 120',
        'different formats: Collaborative Online International Learning (COIL) and Virtual exchange',
      ]),
    );
    expect(match!.reasons.join(' | ')).not.toMatch(/weeks of overlapping|class sizes/);
  });

  it('gives the balance reason only when the balance goals changed the score', () => {
    const a = europeOffer();
    const b = asiaOffer();
    const balanceReason = 'a partner from a country or institution with few partnerships so far';
    // A need but no weight: the balance part is there, yet it lifts nothing.
    const unweighted = rankPartners(a, [b], context({ balanceNeed: () => 1, balanceWeight: 0 }), 1);
    expect(unweighted[0]!.breakdown.balance).toBe(1);
    expect(unweighted[0]!.balanceLift).toBe(0);
    expect(unweighted[0]!.reasons).not.toContain(balanceReason);
    const weighted = rankPartners(a, [b], context({ balanceNeed: () => 1, balanceWeight: 1 }), 1);
    expect(weighted[0]!.balanceLift).toBeGreaterThan(0);
    expect(weighted[0]!.reasons).toContain(balanceReason);
  });
});
