// The secretariat's matching rounds: what a round does, a button that runs one (a plain form
// post that lands on the results; the page enhances it with live progress), and the newest
// rounds with their figures.
import { error, fail, redirect } from '@sveltejs/kit';
import { listRounds, startRound, type MatchingRoundListItem } from '$lib/api/matching-rounds';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { roundProgressText, roundStatusLabel, roundTime, scoreText } from '$lib/round-labels';
import { formErrorMessage } from '$lib/server/form-failure';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

/** How many past rounds the page lists. */
const LIST_LIMIT = 20;

function requireSecretariat(locals: App.Locals, url: URL): void {
  const user = signedInUser(locals, url);
  if (user.role !== 'secretariat') error(403, m.verify_secretariat_only());
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  requireSecretariat(locals, url);
  let items: MatchingRoundListItem[] = [];
  let loadError: string | null = null;
  try {
    ({ items } = await listRounds(fetch, LIST_LIMIT));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.rounds_unavailable() : cause.message;
  }
  const locale = getLocale();
  const number = new Intl.NumberFormat(locale);
  const count = (value: number | null) =>
    value === null ? m.rounds_unknown() : number.format(value);
  // A round this process is running shows its progress (a stale one, left `running` by a
  // restart, has none).
  const running = items.find((round) => round.status === 'running' && round.progress) ?? null;
  return {
    loadError,
    running: running && {
      id: running.id,
      progress: running.progress,
      text: roundProgressText(running.progress),
    },
    rounds: items.map((round) => ({
      id: round.id,
      status: round.status,
      statusLabel: roundStatusLabel(round.status),
      createdAt: round.createdAt,
      started: roundTime(round.createdAt, locale),
      proposals: number.format(round.proposalCount),
      totalScore:
        round.status === 'done' ? scoreText(round.totalScore, locale) : m.rounds_unknown(),
      asiaOffers: count(round.asiaOffers),
      europeOffers: count(round.europeOffers),
    })),
  };
};

export const actions: Actions = {
  default: async ({ locals, url, fetch }) => {
    requireSecretariat(locals, url);
    let id: string;
    try {
      ({ id } = await startRound(fetch));
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      return fail(status, { runError: formErrorMessage(cause) });
    }
    redirect(303, `/secretariat/matching-rounds/${encodeURIComponent(id)}`);
  },
};
