import { describe, expect, it } from 'vitest';
import type { OfferLanguage } from '../offers/offer-rules.ts';
import { cefrLevels, type CefrLevel } from '../vocabulary/themes.ts';
import { fitScore, languageScore, liveHoursScore, weeksScore } from './score-parts.ts';

const speaks = (...languages: OfferLanguage[]) => ({ languages });
const en = (level: CefrLevel, minPartnerLevel: CefrLevel): OfferLanguage => ({
  code: 'en',
  level,
  minPartnerLevel,
});

describe('languageScore', () => {
  it('scores 0.6 at the bar plus 0.1 per CEFR step of the smaller margin, for all 7 × 7 pairs', () => {
    for (const [i, level] of cefrLevels.entries()) {
      for (const [j, min] of cefrLevels.entries()) {
        // b works at `level` against a's minimum `min`; a's own margin (native vs A1) is 6.
        const score = languageScore(speaks(en('native', min)), speaks(en(level, 'A1')));
        const expected = i < j ? 0 : Math.min(1, 0.6 + 0.1 * (i - j));
        expect(score, `${level} vs min ${min}`).toBeCloseTo(expected);
        expect(languageScore(speaks(en(level, 'A1')), speaks(en('native', min)))).toBeCloseTo(
          expected,
        );
      }
    }
  });

  it('takes the smaller of the two margins', () => {
    // a: C2 against b's min B1 (margin 3); b: B2 against a's min B2 (margin 0).
    expect(languageScore(speaks(en('C2', 'B2')), speaks(en('B2', 'B1')))).toBeCloseTo(0.6);
    expect(languageScore(speaks(en('C2', 'B1')), speaks(en('B2', 'B1')))).toBeCloseTo(0.7);
  });

  it('takes the best shared language', () => {
    const a = speaks(en('B1', 'B1'), { code: 'de', level: 'native', minPartnerLevel: 'B1' });
    const b = speaks({ code: 'de', level: 'C1', minPartnerLevel: 'A2' }, en('B1', 'B1'));
    // en: margins 0 → 0.6; de: min(native−A2 = 5, C1−B1 = 2) → 0.8.
    expect(languageScore(a, b)).toBeCloseTo(0.8);
  });

  it('is 0 without a shared language that passes', () => {
    expect(
      languageScore(
        speaks(en('C2', 'B1')),
        speaks({ code: 'ja', level: 'native', minPartnerLevel: 'A1' }),
      ),
    ).toBe(0);
    expect(languageScore(speaks(en('A2', 'A1')), speaks(en('C2', 'B1')))).toBe(0);
    expect(languageScore(speaks(), speaks())).toBe(0);
  });
});

describe('liveHoursScore', () => {
  it('saturates: 0 h → 0, 1 h → 0.5, 2 h → 0.8, 3 h and more → 1', () => {
    expect(liveHoursScore(0)).toBe(0);
    expect(liveHoursScore(0.5)).toBeCloseTo(0.25);
    expect(liveHoursScore(1)).toBeCloseTo(0.5);
    expect(liveHoursScore(1.5)).toBeCloseTo(0.65);
    expect(liveHoursScore(2)).toBeCloseTo(0.8);
    expect(liveHoursScore(2.5)).toBeCloseTo(0.9);
    expect(liveHoursScore(3)).toBe(1);
    expect(liveHoursScore(10)).toBe(1);
  });

  it('rises with every extra minute and stays in [0, 1]', () => {
    let previous = -1;
    for (let h = 0; h <= 4; h += 0.25) {
      const score = liveHoursScore(h);
      expect(score).toBeGreaterThanOrEqual(previous);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      previous = score;
    }
  });

  it('is 0 for negative or non-finite input', () => {
    expect(liveHoursScore(-1)).toBe(0);
    expect(liveHoursScore(Number.NaN)).toBe(0);
  });
});

describe('weeksScore', () => {
  it('gives the 4-week minimum 0.4, rising to 1 at 10 weeks', () => {
    expect(weeksScore(4)).toBeCloseTo(0.4);
    expect(weeksScore(7)).toBeCloseTo(0.7);
    expect(weeksScore(28 / 7)).toBeCloseTo(0.4);
    expect(weeksScore(9.5)).toBeCloseTo(0.95);
    expect(weeksScore(10)).toBe(1);
    expect(weeksScore(52)).toBe(1);
  });

  it('is 0 for no shared weeks or nonsense', () => {
    expect(weeksScore(0)).toBe(0);
    expect(weeksScore(-3)).toBe(0);
    expect(weeksScore(Number.NaN)).toBe(0);
  });
});

describe('fitScore', () => {
  it('is 1 for the same class size and format', () => {
    expect(fitScore({ classSize: 30, format: 'coil' }, { classSize: 30, format: 'coil' })).toBe(1);
  });

  it('halves the size part at twice the size, and lowers it beyond', () => {
    expect(
      fitScore({ classSize: 20, format: 'coil' }, { classSize: 40, format: 'coil' }),
    ).toBeCloseTo(0.75);
    expect(
      fitScore({ classSize: 40, format: 'coil' }, { classSize: 20, format: 'coil' }),
    ).toBeCloseTo(0.75);
    expect(
      fitScore({ classSize: 10, format: 'coil' }, { classSize: 40, format: 'coil' }),
    ).toBeCloseTo(0.625);
  });

  it('prefers the same format to coil with virtual exchange', () => {
    const same = fitScore(
      { classSize: 30, format: 'virtual_exchange' },
      { classSize: 30, format: 'virtual_exchange' },
    );
    const mixed = fitScore(
      { classSize: 30, format: 'coil' },
      { classSize: 30, format: 'virtual_exchange' },
    );
    expect(same).toBe(1);
    expect(mixed).toBeCloseTo(0.85);
    expect(
      fitScore({ classSize: 30, format: 'coil' }, { classSize: 30, format: 'virtual_mobility' }),
    ).toBeCloseTo(0.5);
  });
});
