// The browser's own time zone, for pages that show times: read once the page runs, and kept in
// the `tz` cookie so the server writes the next page in it too (see viewerTimeZone in
// $lib/server/offer-page). A zone saved in the user's profile comes first; pages check that.
import { currentZoneName, isKnownZone } from '$lib/time-zone-names';

/** The browser's zone, remembered for the server; null when the browser names none it knows. */
export function rememberBrowserZone(): string | null {
  const zone = currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!isKnownZone(zone)) return null;
  document.cookie = `tz=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return zone;
}
