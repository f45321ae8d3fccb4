// Types SvelteKit shares across the app: what `handle` puts into `event.locals`.
import type { Affiliation, User } from '@twinning/contracts/accounts';
import type { PageMeta } from '$lib/page-meta';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user, or null (no session, or an expired one). */
      user: User | null;
      /** A lecturer's or institution admin's link to an institution, if any. */
      affiliation: Affiliation | null;
    }
    interface Error {
      message: string;
    }
    interface PageData {
      /**
       * The navigation link a page belongs under when its path says otherwise (the owner's own
       * offer, under /offers/…, belongs to My offers).
       */
      navSection?: '/my/offers' | null;
      /** The page's description and link-preview tags (see $lib/page-meta). */
      meta?: PageMeta;
      /**
       * True on a page that shows the e-mail gate in place of its form (the address is not
       * verified yet): the site-wide notice steps back, so "send the link again" shows once.
       */
      emailGate?: boolean;
    }
  }
}

export {};
