import { describe, expect, it } from 'vitest';
import { balanceFigures } from './balance.ts';
import { median, share } from './median.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('balance', () => {
  it('gives the share of agreed partnerships started from each region', () => {
    expect(
      balanceFigures({ fromAsia: 1, fromEurope: 3, studentsAsia: 40, studentsEurope: 55 }, 0.5),
    ).toEqual({
      asiaShare: 0.25,
      europeShare: 0.75,
      target: 0.5,
      studentsAsia: 40,
      studentsEurope: 55,
    });
  });
  it('has no shares before any partnership', () => {
    const f = balanceFigures(
      { fromAsia: 0, fromEurope: 0, studentsAsia: 0, studentsEurope: 0 },
      0.4,
    );
    expect(f.asiaShare).toBeNull();
    expect(f.europeShare).toBeNull();
    expect(share(1, 0)).toBeNull();
  });
});
