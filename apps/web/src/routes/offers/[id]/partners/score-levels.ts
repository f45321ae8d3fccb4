// How strong a part of a match score is, in words as well as colour: strong from 70 %, fair
// from 40 %, weak below (the bars' `low` and `high`). The percentage is score-format's
// `scorePercent`, the one unit for scores.

export type PartLevel = 'high' | 'medium' | 'low';

export function partLevel(percentValue: number): PartLevel {
  if (percentValue >= 70) return 'high';
  if (percentValue >= 40) return 'medium';
  return 'low';
}
