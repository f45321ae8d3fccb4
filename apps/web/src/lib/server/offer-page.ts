// Reading one offer for its pages.
import { error } from '@sveltejs/kit';
import { getOffer, type OfferDetail } from '$lib/api/offers';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';

/** The offer, or the 404 page for an unknown id, or a 503 when the API is away. */
export async function loadOfferDetail(fetch: Fetch, id: string): Promise<OfferDetail> {
  try {
    return await getOffer(fetch, id);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404 || cause.status === 400) error(404, m.offer_not_found());
    error(503, m.offer_unavailable());
  }
}
