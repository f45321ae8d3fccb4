import { describe, expect, it } from 'vitest';
import { balanceNeed, type PartnershipCounts } from './balance.ts';

const goals = { maxCountryShare: 0.1, asiaShareTarget: 0.5, priorityCountries: ['LA'] };
const counts = (changes: Partial<PartnershipCounts> = {}): PartnershipCounts => ({
  byCountry: new Map([
    ['DE', 10],
    ['JP', 1],
  ]),
  total: 20,
  fromAsia: 5,
  fromEurope: 5,
  ...changes,
});

describe('balanceNeed', () => {
  it('lifts a priority country fully', () => {
    expect(balanceNeed({ country: 'LA', region: 'asia' }, counts(), goals)).toBe(1);
  });

  it('lifts countries with few partnerships more than crowded ones', () => {
    const none = balanceNeed({ country: 'MN', region: 'asia' }, counts(), goals);
    const few = balanceNeed({ country: 'JP', region: 'asia' }, counts(), goals);
    const crowded = balanceNeed({ country: 'DE', region: 'europe' }, counts(), goals);
    expect(none).toBe(0.5);
    expect(few).toBe(0.25);
    expect(crowded).toBe(0);
  });

  it('lifts the short direction of flows', () => {
    // Few flows start from Asia: a European candidate (answering a request from Asia) is lifted.
    const shortOfAsia = counts({ fromAsia: 2, fromEurope: 8 });
    const europe = balanceNeed({ country: 'FR', region: 'europe' }, shortOfAsia, goals);
    const asia = balanceNeed({ country: 'KR', region: 'asia' }, shortOfAsia, goals);
    expect(europe).toBeGreaterThan(asia);
    expect(europe).toBeLessThanOrEqual(1);
  });

  it('stays in [0, 1] without any partnership yet', () => {
    const empty = counts({ byCountry: new Map(), total: 0, fromAsia: 0, fromEurope: 0 });
    expect(balanceNeed({ country: 'DE', region: 'europe' }, empty, goals)).toBe(0.5);
  });
});
