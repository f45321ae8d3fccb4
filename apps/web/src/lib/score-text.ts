// A match score in words, the same on every page: "66% match" (see score-format.ts).
import { m } from '$lib/paraglide/messages';
import { formatScore } from '$lib/score-format';

/** "66% match". */
export function matchText(score: number, locale: string): string {
  return m.score_match({ score: formatScore(score, locale) });
}
