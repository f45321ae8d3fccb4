import { describe, expect, it } from 'vitest';
import { formatScore, scorePercent } from './score-format';

describe('match scores in the UI', () => {
  it('are whole percentages', () => {
    expect(scorePercent(0.7712)).toBe(77);
    expect(scorePercent(0.665)).toBe(67);
    expect(formatScore(0.66, 'en')).toBe('66%');
    expect(formatScore(0.004, 'en')).toBe('0%');
  });

  it('never pass 100% or drop below 0% (the balance lift can take a score past 1)', () => {
    expect(formatScore(1.03, 'en')).toBe('100%');
    expect(formatScore(-0.2, 'en')).toBe('0%');
    expect(scorePercent(Number.NaN)).toBe(0);
  });

  it('follow the locale’s percent sign and spacing', () => {
    expect(formatScore(0.66, 'fr')).toMatch(/^66\s%$/);
    expect(formatScore(0.66, 'de')).toMatch(/^66\s%$/);
  });
});
