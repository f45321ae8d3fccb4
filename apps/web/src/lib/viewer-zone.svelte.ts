// The viewer's time zone as the pages of one tab see it: what the server rendered with, then,
// once the page runs and the profile names none, the browser's own (kept in a cookie so the
// next server render, even without JavaScript, uses it too). Shared through Svelte context.
import { getContext, setContext } from 'svelte';
import { currentZoneName, isKnownZone } from '$lib/time-zone-names';
import { TIME_ZONE_COOKIE, unknownViewerZone, type ViewerZone } from '$lib/viewer-time';

const key = Symbol('viewer-zone');

export class ViewerZoneState {
  #rendered: () => ViewerZone;
  #browser = $state<string | null>(null);

  constructor(rendered: () => ViewerZone) {
    this.#rendered = rendered;
  }

  get current(): ViewerZone {
    const rendered = this.#rendered();
    if (rendered.source === 'profile' || !this.#browser) return rendered;
    return { zone: this.#browser, source: 'browser' };
  }

  /** Browser only: take the browser's zone (unless the profile names one) and remember it. */
  detect(): void {
    const zone = currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!isKnownZone(zone)) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
    this.#browser = zone;
  }
}

/** Called once by the root layout with the zone the server rendered for. */
export function provideViewerZone(rendered: () => ViewerZone): ViewerZoneState {
  return setContext(key, new ViewerZoneState(rendered));
}

/** The tab's viewer zone (UTC, said so, outside the layout: component tests). */
export function useViewerZone(): ViewerZoneState {
  return (
    getContext<ViewerZoneState | undefined>(key) ?? new ViewerZoneState(() => unknownViewerZone)
  );
}
