// A lecturer's or institution admin's own offers, every status, newest first.
import { error } from '@sveltejs/kit';
import { isoDateOf } from '@twinning/core/offers/dates';
import { listOffers } from '$lib/api/offers';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { canAuthor } from '$lib/server/offer-authoring';
import { signedInUser } from '$lib/server/page-access';
import type { PageServerLoad } from './$types';

/** The most the API lists at once. */
const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (!canAuthor(user)) return { allowed: false as const, offers: [], more: false, today: '' };
  try {
    const page = await listOffers(fetch, { owner: 'me', status: 'all', limit: PAGE_SIZE });
    return {
      allowed: true as const,
      offers: page.items,
      more: page.nextCursor !== null,
      today: isoDateOf(new Date()),
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(503, m.offer_mine_unavailable());
  }
};
