// How strong a part of a match score is, in words as well as colour: strong from 70 %, fair
// from 40 %, weak below (the bars' `low` and `high`).

export type PartLevel = 'high' | 'medium' | 'low';

/** A 0–1 value as a whole percentage, clamped. */
export function percent(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100);
}

export function partLevel(percentValue: number): PartLevel {
  if (percentValue >= 70) return 'high';
  if (percentValue >= 40) return 'medium';
  return 'low';
}
