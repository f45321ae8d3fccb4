// The offer as the matcher sees it: what the lecturer wrote plus the platform's facts (who, where,
// whether it is still open). Repositories build it; matching never reads the database.
import type { OfferContent } from '../offers/offer-rules.ts';
import type { Region } from '../vocabulary/countries.ts';

export type MatchOfferStatus = 'open' | 'matched' | 'closed';

export type MatchOffer = OfferContent & {
  id: string;
  institutionId: string;
  /** ISO 3166-1 alpha-2 code of the institution's country. */
  country: string;
  region: Region;
  status: MatchOfferStatus;
};
