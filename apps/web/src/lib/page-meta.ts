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

/** The words of pages whose description never changes, by route id. */
export function routeMeta(routeId: string | null): PageMeta | null {
  switch (routeId) {
    case '/':
      return { title: m.home_heading(), description: m.home_lead() };
    case '/offers':
      return { title: m.catalogue_heading(), description: m.catalogue_lead() };
    case '/opportunities':
      return { title: m.opps_heading(), description: m.opps_lead() };
    case '/institutions':
      return { title: m.institutions_heading(), description: m.institutions_lead() };
    case '/about':
      return { title: m.about_heading(), description: m.about_lead() };
    case '/help':
      return { title: m.help_heading(), description: m.help_lead() };
    case '/privacy':
      return { title: m.privacy_heading(), description: m.privacy_lead() };
    case '/login':
      return { title: m.login_heading(), description: m.login_lead() };
    case '/signup':
      return { title: m.signup_heading(), description: m.signup_lead() };
    default:
      return null;
  }
}
