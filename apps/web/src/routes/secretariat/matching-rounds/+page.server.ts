// The secretariat's matching rounds: what a round does, a preview of what the next round would
// propose (nothing stored, nobody told), the confirmation that stores exactly that round and
// notifies its lecturers (plain form posts; the page enhances the confirmation with live
// progress), and the newest rounds with their figures.
import { fail, redirect } from '@sveltejs/kit';
import {
  listRounds,
  previewRound,
  startRound,
  type MatchingRoundListItem,
  type RoundPreview,
} from '$lib/api/matching-rounds';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { roundProgressText, roundStatusLabel } from '$lib/round-labels';
import { formErrorMessage } from '$lib/server/form-failure';
import { secretariatUser } from '$lib/server/page-access';
import { roundOfferSides, type RoundOfferSide } from '$lib/server/round-offer-side';
import type { Actions, PageServerLoad } from './$types';

/** How many past rounds the page lists. */
const LIST_LIMIT = 20;

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  secretariatUser(locals, url);
  let items: MatchingRoundListItem[] = [];
  let loadError: string | null = null;
  try {
    ({ items } = await listRounds(fetch, LIST_LIMIT));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.rounds_unavailable() : cause.message;
  }
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
      proposals: round.proposalCount,
      meanScore:
        round.status === 'done' && round.proposalCount > 0
          ? round.totalScore / round.proposalCount
          : null,
      asiaOffers: round.asiaOffers,
      europeOffers: round.europeOffers,
    })),
  };
};

/** The preview as the page shows it: the API's figures with the countries named. */
export interface PreviewView {
  previewToken: string;
  computedAt: string;
  proposalCount: number;
  lecturers: number;
  asiaOffers: number;
  europeOffers: number;
  scores: RoundPreview['scores'];
  sample: {
    rank: number;
    score: number;
    offer: RoundOfferSide | null;
    partnerOffer: RoundOfferSide | null;
  }[];
}

async function preview(fetch: Fetch): Promise<PreviewView> {
  const reply = await previewRound(fetch);
  const side = roundOfferSides(getLocale());
  return {
    previewToken: reply.previewToken,
    computedAt: reply.computedAt,
    proposalCount: reply.proposalCount,
    lecturers: reply.lecturers,
    asiaOffers: reply.asiaOffers,
    europeOffers: reply.europeOffers,
    scores: reply.scores,
    sample: reply.sample.map((p) => ({
      rank: p.rank,
      score: p.score,
      offer: side(p.offer),
      partnerOffer: side(p.partnerOffer),
    })),
  };
}

/** An API error of an action: the status it came with and the form's message. */
function failure(cause: unknown): { status: number; message: string } {
  if (!(cause instanceof ApiError)) throw cause;
  const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
  return { status, message: formErrorMessage(cause) };
}

export const actions: Actions = {
  /** Works out what a round would propose; stores nothing, tells nobody. */
  preview: async ({ locals, url, fetch }) => {
    secretariatUser(locals, url);
    try {
      return { preview: await preview(fetch) };
    } catch (cause) {
      const { status, message } = failure(cause);
      return fail(status, { previewError: message });
    }
  },

  /**
   * Stores exactly the confirmed preview and notifies its lecturers. When the offers changed
   * meanwhile, nothing is stored: the page shows the round as it stands now, to confirm again.
   */
  confirm: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const token = String((await request.formData()).get('previewToken') ?? '').slice(0, 200);
    if (!token) return fail(400, { runError: m.rounds_preview_missing() });
    let id: string;
    try {
      ({ id } = await startRound(fetch, token));
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'preview_outdated') {
        try {
          return fail(409, { preview: await preview(fetch), outdated: true });
        } catch (again) {
          const { status, message } = failure(again);
          return fail(status, { runError: message });
        }
      }
      const { status, message } = failure(cause);
      return fail(status, { runError: message });
    }
    redirect(303, `/secretariat/matching-rounds/${encodeURIComponent(id)}`);
  },
};
