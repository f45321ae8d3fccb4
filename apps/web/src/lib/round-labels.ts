// Words for matching rounds, shared by the server (first render) and the browser (live
// progress): a round's status and how far a running one is.
import type { RoundProgress, RoundStatus } from '$lib/api/matching-rounds';
import { m } from '$lib/paraglide/messages';

export function roundStatusLabel(status: RoundStatus): string {
  if (status === 'running') return m.rounds_status_running();
  if (status === 'failed') return m.rounds_status_failed();
  return m.rounds_status_done();
}

/** "Scoring partners: 1,200 of 4,000 offers", "Solving the assignment…", or just starting. */
export function roundProgressText(progress: RoundProgress | null): string {
  if (!progress) return m.rounds_progress_running();
  if (progress.phase === 'assignment') return m.rounds_progress_assignment();
  if (progress.total === 0) return m.rounds_starting();
  // Numbers, not text: the message picks "offer" or "offers" and formats them for the locale.
  return m.rounds_progress_candidates({ done: progress.done, total: progress.total });
}

/** A round's time, unambiguous wherever the secretariat sits: "29 Nov 2026, 05:02 UTC". */
export function roundTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A score (0–1, or a sum of them) with two decimals. */
export function scoreText(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(score);
}
