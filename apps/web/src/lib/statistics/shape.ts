// From API figures to what the charts and tables show. Pure.
import type { Breakdown, BreakdownDimension, BreakdownRow } from '@twinning/contracts/stats';
import type { BarItem } from './charts';
import { formatMonth } from './format';

/** A row's name: months read as "Mar 2026", everything else as the API labels it. */
export function rowLabel(
  by: BreakdownDimension | string,
  row: BreakdownRow,
  locale: string,
): string {
  return by === 'month' ? formatMonth(row.key, locale) : row.label;
}

/** Offers and accepted partnerships of each row, for the breakdown's bar chart. */
export function breakdownBars(breakdown: Breakdown, locale: string): BarItem[] {
  return breakdown.rows.map((row) => ({
    key: row.key,
    label: rowLabel(breakdown.by, row, locale),
    values: [row.offers, row.accepted],
  }));
}

/** An ISCED-F broad field (two digits) can be opened into its narrow fields. */
export function isBroadField(key: string): boolean {
  return /^\d{2}$/.test(key);
}

/** Asia's share of a two-sided count, or null when both are zero. */
export function asiaShareOf(asia: number, europe: number): number | null {
  const total = asia + europe;
  return total > 0 ? asia / total : null;
}

/** How far a share is from the target, in whole percentage points (+ above, − below). */
export function pointsFromTarget(share: number | null, target: number): number | null {
  if (share === null) return null;
  return Math.round((share - target) * 100);
}
