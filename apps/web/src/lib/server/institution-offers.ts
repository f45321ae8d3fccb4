// One page of an institution's offers as cards, for its public page and its admin's desk.
// The offers are an extra on both: when they cannot be read, the page shows without them.
import type { Institution } from '@twinning/contracts/institutions';
import { listOffers, type OfferSearch } from '$lib/api/offers';
import type { Fetch } from '$lib/api/request';
import { offerCards, type OfferCard } from './offer-cards';

export interface InstitutionOffers {
  cards: OfferCard[];
  /** More offers than the page shows. */
  more: boolean;
}

/** The institution's offers (open ones unless `status` says otherwise), or null on failure. */
export async function loadInstitutionOffers(
  fetch: Fetch,
  institution: Institution,
  locale: string,
  { status, limit }: { status?: OfferSearch['status']; limit: number },
): Promise<InstitutionOffers | null> {
  try {
    const page = await listOffers(fetch, { institution: institution.id, status, limit });
    return {
      cards: await offerCards(fetch, page.items, locale, [institution]),
      more: page.nextCursor !== null,
    };
  } catch (cause) {
    console.error('Could not read the offers of an institution', cause);
    return null;
  }
}
