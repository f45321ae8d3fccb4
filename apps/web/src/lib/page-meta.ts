// What a page says about itself to search engines and link previews: a description, and
// Open Graph tags where a page is worth sharing. The root layout writes the tags; a page's
// `load` may return `meta` (an offer, an institution), else the route's own words below are
// used, else the platform's description.
import { m } from '$lib/paraglide/messages';

export interface PageMeta {
  /** The page's title without the site name (og:title). */
  title: string;
  /** One or two sentences, at most ~160 characters. */
  description: string;
  /** `article` for a thing (an offer, an institution), `website` for the rest. */
  type?: 'website' | 'article';
}

/** Pages whose description never changes, by route id: their heading and their lead. */
const routeWords = new Map<string, [heading: () => string, lead: () => string]>([
  ['/', [m.home_heading, m.home_lead]],
  ['/offers', [m.catalogue_heading, m.catalogue_lead]],
  ['/opportunities', [m.opps_heading, m.opps_lead]],
  ['/institutions', [m.institutions_heading, m.institutions_lead]],
  ['/about', [m.about_heading, m.about_lead]],
  ['/help', [m.help_heading, m.help_lead]],
  ['/privacy', [m.privacy_heading, m.privacy_lead]],
  ['/login', [m.login_heading, m.login_lead]],
  ['/signup', [m.signup_heading, m.signup_lead]],
  ['/forgot-password', [m.forgot_password_heading, m.forgot_password_lead]],
]);

/** The words of a page whose description never changes, by route id. */
export function routeMeta(routeId: string | null): PageMeta | null {
  const words = routeId === null ? undefined : routeWords.get(routeId);
  if (!words) return null;
  const [heading, lead] = words;
  return { title: heading(), description: lead() };
}
