// How concentrated partnerships are over countries or institutions. Two standard measures, both
// shown to the secretariat with a sentence each:
// - Herfindahl–Hirschman index (HHI): the sum of the squared shares. 1/n when n holders share
//   evenly, 1 when one holds everything; above 0.25 competition authorities call a market
//   highly concentrated.
// - Gini coefficient: 0 when every holder has the same, approaching 1 when one has all. Unlike
//   the HHI it counts holders with nothing (countries without a partnership), so it shows who is
//   left out as well as who dominates.

/** Sum of squared shares of `values`; null when they sum to 0. */
export function herfindahl(values: readonly number[]): number | null {
  let total = 0;
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`a count must be ≥ 0, not ${v}`);
    total += v;
  }
  if (total === 0) return null;
  let sum = 0;
  for (const v of values) sum += (v / total) ** 2;
  return sum;
}

/**
 * Gini coefficient of `values` (zeros included): Σ (2i − n − 1)·x_i / (n·Σx) over the values in
 * ascending order, i from 1. Null for no values or a zero total.
 */
export function gini(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((v, i) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`a count must be ≥ 0, not ${v}`);
    total += v;
    weighted += (2 * (i + 1) - n - 1) * v;
  });
  return total === 0 ? null : weighted / (n * total);
}
