// The one unit for match scores in the UI: a whole percentage ("66%" in English, "66 %" in
// French), never a fraction such as 0.66. Every page that shows a score — matching rounds and
// their proposals, Find partners, partnerships, notifications — formats it here, and words it
// with the `score_match` message ("66% match").

/** A score (0–1, a little above with the balance lift) as a whole percentage, 0 to 100. */
export function scorePercent(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}

/** The score as the locale writes a whole percentage: "66%", "66 %". */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    scorePercent(score) / 100,
  );
}
