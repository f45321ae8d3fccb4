// "← All offers" on an offer's page leads back to where the visitor came from: the list that
// linked to it carries itself along as `?back=` (with its filters and page), checked here to be
// one of this site's lists, so a crafted link cannot send anyone elsewhere.
import { safeRedirectTarget } from './redirect-target';

/** Which list an offer's page leads back to; each has its own words. */
export type OfferBackKind =
  'catalogue' | 'opportunities' | 'my_offers' | 'my_applications' | 'institution';

export interface OfferBackLink {
  kind: OfferBackKind;
  /** A path of this site, with the list's query string. */
  href: string;
}

const lists: [RegExp, OfferBackKind][] = [
  [/^\/offers$/, 'catalogue'],
  [/^\/opportunities$/, 'opportunities'],
  [/^\/my\/offers$/, 'my_offers'],
  [/^\/my\/applications$/, 'my_applications'],
  [/^\/institutions\/[^/]+$/, 'institution'],
];

/** The path of an offer's page that leads back to `back` (a list's path and query). */
export function offerPath(id: string, back?: string | null): `/offers/${string}` {
  const path = `/offers/${encodeURIComponent(id)}` as const;
  return back ? `${path}?${new URLSearchParams({ back })}` : path;
}

/** The list named by an offer page's `?back=`, or null when it names none of the site's lists. */
export function readOfferBack(value: string | null): OfferBackLink | null {
  const target = safeRedirectTarget(value, '');
  if (!target) return null;
  const pathname = target.replace(/[?#].*$/, '');
  const match = lists.find(([pattern]) => pattern.test(pathname));
  return match ? { kind: match[1], href: target.replace(/#.*$/, '') } : null;
}

/**
 * Where the link goes when the page was not opened from a list: the owner to their offers, a
 * student to the opportunities, everyone else to the catalogue.
 */
export function defaultOfferBack(viewer: { isOwner: boolean; role: string | null }): OfferBackLink {
  if (viewer.isOwner) return { kind: 'my_offers', href: '/my/offers' };
  if (viewer.role === 'student') return { kind: 'opportunities', href: '/opportunities' };
  return { kind: 'catalogue', href: '/offers' };
}
