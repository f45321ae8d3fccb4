// One matching round's results: its figures and its proposals, best first, a page of them at a
// time (`?page=2`, or `?page=all` to print them all); a failed round's error; a running
// round's progress.
import { error } from '@sveltejs/kit';
import { getRound, type MatchingRound } from '$lib/api/matching-rounds';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { median } from '@twinning/core/statistics/median';
import { roundProgressText, roundStatusLabel } from '$lib/round-labels';
import { secretariatUser } from '$lib/server/page-access';
import { roundOfferSides } from '$lib/server/round-offer-side';
import type { PageServerLoad } from './$types';

/** Proposals per page. */
const PAGE_SIZE = 200;

export const load: PageServerLoad = async ({ locals, url, fetch, params }) => {
  secretariatUser(locals, url);
  let round: MatchingRound;
  try {
    round = await getRound(fetch, params.id);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404) error(404, m.round_not_found());
    if (cause.status === 403) error(403, m.verify_secretariat_only());
    error(503, m.rounds_unavailable());
  }

  const locale = getLocale();
  const number = new Intl.NumberFormat(locale);
  const count = (value: number | null) =>
    value === null ? m.rounds_unknown() : number.format(value);
  const side = roundOfferSides(locale);

  const total = round.proposals.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageParam = url.searchParams.get('page') ?? '1';
  const all = pageParam === 'all';
  const page = all ? 1 : Math.min(pages, Math.max(1, Number.parseInt(pageParam, 10) || 1));
  const from = all ? 0 : (page - 1) * PAGE_SIZE;
  const to = all ? total : Math.min(total, from + PAGE_SIZE);
  const paired = round.status === 'done' ? total : null;
  const unpaired = (offers: number | null) =>
    offers === null || paired === null
      ? m.rounds_unknown()
      : number.format(Math.max(0, offers - paired));

  return {
    round: {
      id: round.id,
      status: round.status,
      statusLabel: roundStatusLabel(round.status),
      error: round.error,
      createdAt: round.createdAt,
      finishedAt: round.finishedAt,
      progress: round.progress,
      progressText: roundProgressText(round.progress),
      proposals: number.format(total),
      meanScore: total > 0 ? round.totalScore / total : null,
      medianScore: median(round.proposals.map((p) => p.score)),
      asiaOffers: count(round.asiaOffers),
      europeOffers: count(round.europeOffers),
      asiaUnpaired: unpaired(round.asiaOffers),
      europeUnpaired: unpaired(round.europeOffers),
      candidatePairs: count(round.candidatePairs),
    },
    proposals: round.proposals.slice(from, to).map((p, i) => ({
      rank: from + i + 1,
      key: `${p.offerId}-${p.partnerOfferId}`,
      score: p.score,
      requested: p.partnershipId !== null,
      offer: side(p.offer),
      partnerOffer: side(p.partnerOffer),
    })),
    paging: {
      total,
      totalText: number.format(total),
      fromText: number.format(total === 0 ? 0 : from + 1),
      toText: number.format(to),
      size: number.format(PAGE_SIZE),
      all,
      previous: !all && page > 1 ? String(page - 1) : null,
      next: !all && page < pages ? String(page + 1) : null,
      paged: pages > 1,
    },
  };
};
