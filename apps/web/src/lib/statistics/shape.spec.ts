import { describe, expect, it } from 'vitest';
import type { Breakdown, BreakdownRow } from '@twinning/contracts/stats';
import { asiaShareOf, breakdownBars, isBroadField, pointsFromTarget, rowLabel } from './shape';

function row(key: string, label: string, offers: number, accepted: number): BreakdownRow {
  return {
    key,
    label,
    offers,
    openOffers: offers,
    requests: accepted,
    accepted,
    completed: 0,
    acceptanceRate: accepted > 0 ? 1 : null,
    medianDaysToMatch: null,
    studentsAsia: 0,
    studentsEurope: 0,
  };
}

const byMonth: Breakdown = {
  by: 'month',
  from: '2026-01-01',
  to: null,
  region: null,
  rows: [row('2026-01', '2026-01', 3, 1), row('2026-02', '2026-02', 4, 0)],
  totals: row('', 'All', 7, 1),
};

describe('breakdown shaping', () => {
  it('gives the chart offers and accepted per row, months in words', () => {
    expect(breakdownBars(byMonth, 'en')).toEqual([
      { key: '2026-01', label: 'Jan 2026', values: [3, 1] },
      { key: '2026-02', label: 'Feb 2026', values: [4, 0] },
    ]);
  });

  it('keeps the API label for other tables', () => {
    expect(rowLabel('country', row('JP', 'Japan', 1, 0), 'en')).toBe('Japan');
  });

  it('knows a broad field from a narrow one', () => {
    expect(isBroadField('07')).toBe(true);
    expect(isBroadField('071')).toBe(false);
  });
});

describe('balance figures', () => {
  it('shares and distance to the target', () => {
    expect(asiaShareOf(3, 1)).toBe(0.75);
    expect(asiaShareOf(0, 0)).toBeNull();
    expect(pointsFromTarget(0.44, 0.5)).toBe(-6);
    expect(pointsFromTarget(null, 0.5)).toBeNull();
  });
});
