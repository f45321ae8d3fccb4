// Words for matching rounds, shared by the server (first render) and the browser (live
// progress, times in the browser's zone): a round's status, how far a running one is, and its
// times.
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

/** A round's time in the viewer's zone, with the zone named: "29 Nov 2026, 14:02 CET". */
export function roundTime(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
