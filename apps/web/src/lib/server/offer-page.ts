// Reading one offer for its pages, and the time zone its viewer lives in.
import { error, type Cookies } from '@sveltejs/kit';
import type { User } from '@twinning/contracts/accounts';
import { getOffer, type OfferDetail } from '$lib/api/offers';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { currentZoneName, isKnownZone } from '$lib/time-zone-names';

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

/** The cookie a small script on the offer page sets to the browser's time zone. */
export const TIME_ZONE_COOKIE = 'tz';

export type ViewerZoneSource = 'profile' | 'browser' | 'unknown';

/** The viewer's zone: their profile's, else the browser's (cookie), else UTC. */
export function viewerTimeZone(
  user: User | null,
  cookies: Cookies,
): { zone: string; source: ViewerZoneSource } {
  if (user?.timeZone && isKnownZone(user.timeZone)) {
    return { zone: currentZoneName(user.timeZone), source: 'profile' };
  }
  const fromCookie = cookies.get(TIME_ZONE_COOKIE);
  if (fromCookie && fromCookie.length <= 64 && isKnownZone(fromCookie)) {
    return { zone: currentZoneName(fromCookie), source: 'browser' };
  }
  return { zone: 'UTC', source: 'unknown' };
}
