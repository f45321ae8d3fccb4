// The offer catalogue: `GET /api/offers` with its filters (full text, vocabularies, region,
// dates, institution), one cursor page at a time.
import type { Offer } from '@twinning/contracts/offers';
import { apiRequest, type Fetch } from './request';

export interface OfferSearch {
  q?: string;
  format?: string;
  /** An ISCED-F broad (2 digits), narrow (3) or detailed (4) code. */
  field?: string;
  language?: string;
  region?: 'asia' | 'europe';
  country?: string;
  level?: string;
  sdg?: number;
  theme?: string;
  from?: string;
  to?: string;
  openToStudents?: boolean;
  /** `open` (the API's default) leaves out ended offers; `all` lists every status. */
  status?: 'open' | 'matched' | 'closed' | 'all';
  institution?: string;
  limit?: number;
  cursor?: string;
}

export interface OfferSearchPage {
  items: Offer[];
  nextCursor: string | null;
}

export async function searchOffers(fetch: Fetch, search: OfferSearch): Promise<OfferSearchPage> {
  const reply = await apiRequest<OfferSearchPage>(fetch, '/api/offers', {
    query: { ...search, openToStudents: search.openToStudents ? true : undefined },
  });
  return reply.body;
}
