import { describe, expect, it } from 'vitest';
import { cefrLevels, cefrRank } from '../vocabulary/themes.ts';
import {
  formatsCompatible,
  hardConstraintViolations,
  isCompatible,
  sharedLanguages,
  termOverlapDays,
} from './constraints.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { asiaOffer, europeOffer } from './testing-offers.ts';

const context = { today: '2027-02-01' };
const codes = (a: MatchOffer, b: MatchOffer, today = context.today) =>
  hardConstraintViolations(a, b, { today }).map((v) => v.code);

describe('hardConstraintViolations', () => {
  it('finds nothing wrong with a good Asia–Europe pair, either way round', () => {
    expect(codes(europeOffer(), asiaOffer())).toEqual([]);
    expect(codes(asiaOffer(), europeOffer())).toEqual([]);
    expect(isCompatible(europeOffer(), asiaOffer(), context)).toBe(true);
  });

  it('refuses two offers of one institution', () => {
    const b = asiaOffer({ institutionId: 'inst-eu' });
    expect(codes(europeOffer(), b)).toEqual(['same_institution']);
    expect(isCompatible(europeOffer(), b, context)).toBe(false);
  });

  it('requires each side to seek the other side’s region, where any accepts both', () => {
    const cases: [MatchOffer['seekingRegion'], MatchOffer['seekingRegion'], boolean][] = [
      ['asia', 'europe', true],
      ['any', 'europe', true],
      ['asia', 'any', true],
      ['any', 'any', true],
      ['europe', 'europe', false],
      ['asia', 'asia', false],
      ['europe', 'any', false],
      ['any', 'asia', false],
    ];
    for (const [aSeeks, bSeeks, ok] of cases) {
      const found = codes(
        europeOffer({ seekingRegion: aSeeks }),
        asiaOffer({ seekingRegion: bSeeks }),
      );
      expect(found, `${aSeeks} / ${bSeeks}`).toEqual(ok ? [] : ['region']);
    }
  });

  it('lets two European offers meet when both seek any region', () => {
    const a = europeOffer({ seekingRegion: 'any' });
    const b = europeOffer({ id: 'x', institutionId: 'other', country: 'FR', seekingRegion: 'any' });
    expect(codes(a, b)).toEqual([]);
    expect(codes(a, { ...b, seekingRegion: 'asia' })).toEqual(['region']);
  });

  it('checks the language rule for every pair of CEFR levels (7 × 7), both ways', () => {
    for (const level of cefrLevels) {
      for (const min of cefrLevels) {
        // a asks `min` of partners; b works at `level`. The other direction always passes.
        const a = europeOffer({
          languages: [{ code: 'en', level: 'native', minPartnerLevel: min }],
        });
        const b = asiaOffer({ languages: [{ code: 'en', level, minPartnerLevel: 'A1' }] });
        const ok = cefrRank(level) >= cefrRank(min);
        expect(codes(a, b), `${level} vs min ${min}`).toEqual(ok ? [] : ['language']);
        expect(codes(b, a), `${level} vs min ${min}, reversed`).toEqual(ok ? [] : ['language']);
        expect(sharedLanguages(a, b).length).toBe(ok ? 1 : 0);
      }
    }
  });

  it('requires both directions of the language rule in the same language', () => {
    const a = europeOffer({ languages: [{ code: 'en', level: 'B1', minPartnerLevel: 'B1' }] });
    const b = asiaOffer({ languages: [{ code: 'en', level: 'B1', minPartnerLevel: 'B2' }] });
    expect(codes(a, b)).toEqual(['language']);
  });

  it('refuses pairs without a common language code', () => {
    const a = europeOffer({ languages: [{ code: 'de', level: 'native', minPartnerLevel: 'A1' }] });
    const b = asiaOffer({ languages: [{ code: 'ja', level: 'native', minPartnerLevel: 'A1' }] });
    expect(codes(a, b)).toEqual(['language']);
    expect(sharedLanguages(a, b)).toEqual([]);
  });

  it('returns each shared language that passes, with both sides’ entries', () => {
    const a = europeOffer({
      languages: [
        { code: 'de', level: 'native', minPartnerLevel: 'C1' },
        { code: 'en', level: 'C1', minPartnerLevel: 'B1' },
        { code: 'fr', level: 'B2', minPartnerLevel: 'B1' },
      ],
    });
    const b = asiaOffer({
      languages: [
        { code: 'fr', level: 'A2', minPartnerLevel: 'A2' },
        { code: 'en', level: 'B2', minPartnerLevel: 'B2' },
        { code: 'de', level: 'C1', minPartnerLevel: 'A1' },
      ],
    });
    expect(sharedLanguages(a, b)).toEqual([
      {
        code: 'de',
        a: { code: 'de', level: 'native', minPartnerLevel: 'C1' },
        b: { code: 'de', level: 'C1', minPartnerLevel: 'A1' },
      },
      {
        code: 'en',
        a: { code: 'en', level: 'C1', minPartnerLevel: 'B1' },
        b: { code: 'en', level: 'B2', minPartnerLevel: 'B2' },
      },
    ]);
  });

  it('requires a shared study level', () => {
    expect(codes(europeOffer({ levels: ['master'] }), asiaOffer({ levels: ['bachelor'] }))).toEqual(
      ['study_level'],
    );
    expect(
      codes(europeOffer({ levels: ['master', 'doctoral'] }), asiaOffer({ levels: ['doctoral'] })),
    ).toEqual([]);
  });

  it('accepts the same format, or coil with virtual exchange either way, and nothing else', () => {
    expect(formatsCompatible('coil', 'coil')).toBe(true);
    expect(formatsCompatible('virtual_mobility', 'virtual_mobility')).toBe(true);
    expect(formatsCompatible('blended_mobility', 'blended_mobility')).toBe(true);
    expect(formatsCompatible('coil', 'virtual_exchange')).toBe(true);
    expect(formatsCompatible('virtual_exchange', 'coil')).toBe(true);
    expect(formatsCompatible('coil', 'virtual_mobility')).toBe(false);
    expect(formatsCompatible('virtual_exchange', 'blended_mobility')).toBe(false);
    expect(formatsCompatible('virtual_mobility', 'blended_mobility')).toBe(false);
    expect(
      codes(europeOffer({ format: 'coil' }), asiaOffer({ format: 'virtual_mobility' })),
    ).toEqual(['format']);
    expect(
      codes(europeOffer({ format: 'virtual_exchange' }), asiaOffer({ format: 'coil' })),
    ).toEqual([]);
  });

  it('needs 28 days of shared term, counting both end dates', () => {
    const a = europeOffer({ startDate: '2027-03-01', endDate: '2027-06-30' });
    // 2027-06-03 … 2027-06-30 is 28 days; one day later is 27.
    expect(termOverlapDays(a, asiaOffer({ startDate: '2027-06-03', endDate: '2027-09-30' }))).toBe(
      28,
    );
    expect(codes(a, asiaOffer({ startDate: '2027-06-03', endDate: '2027-09-30' }))).toEqual([]);
    expect(codes(a, asiaOffer({ startDate: '2027-06-04', endDate: '2027-09-30' }))).toEqual([
      'term',
    ]);
    // The other edge: b ends on the 28th day of a.
    expect(codes(a, asiaOffer({ startDate: '2027-01-01', endDate: '2027-03-28' }))).toEqual([]);
    expect(codes(a, asiaOffer({ startDate: '2027-01-01', endDate: '2027-03-27' }))).toEqual([
      'term',
    ]);
    // b inside a.
    expect(codes(a, asiaOffer({ startDate: '2027-04-01', endDate: '2027-04-28' }))).toEqual([]);
    expect(codes(a, asiaOffer({ startDate: '2027-04-01', endDate: '2027-04-27' }))).toEqual([
      'term',
    ]);
  });

  it('refuses terms that do not meet at all', () => {
    const b = asiaOffer({ startDate: '2027-08-01', endDate: '2027-12-31' });
    expect(termOverlapDays(europeOffer(), b)).toBeLessThanOrEqual(0);
    const found = hardConstraintViolations(europeOffer(), b, context);
    expect(found.map((v) => v.code)).toEqual(['term']);
    expect(found[0]?.message).toContain('0 days');
  });

  it('requires both offers open and not past their end date', () => {
    expect(codes(europeOffer({ status: 'matched' }), asiaOffer())).toEqual(['not_open']);
    expect(codes(europeOffer(), asiaOffer({ status: 'closed' }))).toEqual(['not_open']);
    expect(codes(europeOffer(), asiaOffer(), '2027-06-30')).toEqual([]);
    expect(codes(europeOffer(), asiaOffer(), '2027-07-01')).toEqual(['not_open']);
    expect(codes(europeOffer(), asiaOffer({ endDate: '2027-07-31' }), '2027-07-01')).toEqual([
      'not_open',
    ]);
  });

  it('reports every broken rule once, in the order of PRODUCT.md', () => {
    const a = europeOffer({ seekingRegion: 'europe', status: 'closed' });
    const b = asiaOffer({
      institutionId: 'inst-eu',
      languages: [{ code: 'ja', level: 'native', minPartnerLevel: 'B1' }],
      levels: ['master'],
      format: 'blended_mobility',
      startDate: '2027-09-01',
      endDate: '2027-12-31',
    });
    expect(codes(a, b)).toEqual([
      'same_institution',
      'region',
      'language',
      'study_level',
      'format',
      'term',
      'not_open',
    ]);
    for (const v of hardConstraintViolations(a, b, context))
      expect(v.message.length).toBeGreaterThan(0);
  });
});
