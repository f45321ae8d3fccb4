import { describe, expect, it } from 'vitest';
import { gini, herfindahl } from './concentration.ts';

describe('herfindahl', () => {
  it('is 1/n for an even split and 1 for one holder', () => {
    expect(herfindahl([5, 5, 5, 5])).toBeCloseTo(0.25, 12);
    expect(herfindahl([0, 9, 0])).toBe(1);
  });
  it('sums squared shares, by hand: 6, 3, 1 of 10 → 0.36 + 0.09 + 0.01', () => {
    expect(herfindahl([6, 3, 1])).toBeCloseTo(0.46, 12);
  });
  it('is null for nothing and refuses negative counts', () => {
    expect(herfindahl([])).toBeNull();
    expect(herfindahl([0, 0])).toBeNull();
    expect(() => herfindahl([1, -1])).toThrow(RangeError);
  });
});

describe('gini', () => {
  it('is 0 when all hold the same', () => {
    expect(gini([3, 3, 3])).toBe(0);
  });
  it('is (n−1)/n when one of n holds everything', () => {
    expect(gini([0, 0, 0, 8])).toBeCloseTo(0.75, 12);
  });
  it('matches a hand computation: 1, 2, 3, 4 → (−3·1 −1·2 +1·3 +3·4) / (4·10) = 0.25', () => {
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 12);
  });
  it('is null for nothing', () => {
    expect(gini([])).toBeNull();
    expect(gini([0, 0])).toBeNull();
  });
});
