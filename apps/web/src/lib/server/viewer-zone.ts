// The time zone a page is rendered for: the signed-in user's profile zone, else the browser's
// (a cookie the layout sets once the page runs), else UTC — said so where times show.
import type { Cookies } from '@sveltejs/kit';
import type { User } from '@twinning/contracts/accounts';
import { currentZoneName, isKnownZone } from '$lib/time-zone-names';
import { TIME_ZONE_COOKIE, unknownViewerZone, type ViewerZone } from '$lib/viewer-time';

export function viewerTimeZone(user: User | null, cookies: Cookies): ViewerZone {
  if (user?.timeZone && isKnownZone(user.timeZone)) {
    return { zone: currentZoneName(user.timeZone), source: 'profile' };
  }
  const fromCookie = cookies.get(TIME_ZONE_COOKIE);
  if (fromCookie && fromCookie.length <= 64 && isKnownZone(fromCookie)) {
    return { zone: currentZoneName(fromCookie), source: 'browser' };
  }
  return unknownViewerZone;
}
