// Offers: the catalogue and the user's own offers with their filters, one offer with its
// institution and owner, writing and closing (`/api/offers`).
import type {
  Offer,
  OfferBody,
  OfferDetail,
  OfferLanguageUsage,
  OfferPage,
  OfferPatch,
} from '@twinning/contracts/offers';
import { apiRequest, type Fetch } from './request';

/** One offer as its page shows it (`GET /api/offers/:id`): with its institution and owner. */
export type { OfferDetail } from '@twinning/contracts/offers';
/** One cursor page of offers. */
export type OfferList = OfferPage;

/** The filters of `GET /api/offers` (full text, vocabularies, region, dates, institution). */
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
  /** `me`: the signed-in user's own offers. */
  owner?: 'me';
  limit?: number;
  cursor?: string;
}

/** A language open offers work in, with how many do. */
export type OfferLanguageUse = OfferLanguageUsage['items'][number];

/** One cursor page of offers, newest first. */
export async function listOffers(fetch: Fetch, search: OfferSearch): Promise<OfferList> {
  const reply = await apiRequest<OfferList>(fetch, '/api/offers', {
    query: { ...search, openToStudents: search.openToStudents ? true : undefined },
  });
  return reply.body;
}

/** The languages open offers use (only those open to students, with the flag), most used first. */
export async function listOfferLanguages(
  fetch: Fetch,
  search: { openToStudents?: boolean } = {},
): Promise<OfferLanguageUse[]> {
  const reply = await apiRequest<OfferLanguageUsage>(fetch, '/api/offers/languages', {
    query: { openToStudents: search.openToStudents ? true : undefined },
  });
  return reply.body.items;
}

export async function getOffer(fetch: Fetch, id: string): Promise<OfferDetail> {
  const reply = await apiRequest<OfferDetail>(fetch, `/api/offers/${encodeURIComponent(id)}`);
  return reply.body;
}

export async function createOffer(fetch: Fetch, body: OfferBody): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, '/api/offers', { method: 'POST', body });
  return reply.body;
}

export async function updateOffer(fetch: Fetch, id: string, body: OfferPatch): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, `/api/offers/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
  });
  return reply.body;
}

/** The owner confirms the offer is still open (it is listed again if it had lapsed). */
export async function confirmOffer(fetch: Fetch, id: string): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, `/api/offers/${encodeURIComponent(id)}/confirm`, {
    method: 'POST',
  });
  return reply.body;
}

/** The "still open?" mail's answer, with the token of its link (no session needed). */
export async function answerStillOpen(
  fetch: Fetch,
  id: string,
  token: string,
  action: 'confirm' | 'close',
): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, `/api/offers/${encodeURIComponent(id)}/still-open`, {
    method: 'POST',
    query: { token },
    body: { action },
  });
  return reply.body;
}

export async function closeOffer(fetch: Fetch, id: string): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, `/api/offers/${encodeURIComponent(id)}/close`, {
    method: 'POST',
  });
  return reply.body;
}
