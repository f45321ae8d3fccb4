// Offers: one offer with its institution and owner, writing, closing, and the user's own
// offers (`/api/offers`).
import type { Institution } from '@twinning/contracts/institutions';
import type { Offer, OfferBody, OfferPatch } from '@twinning/contracts/offers';
import { apiRequest, type Fetch } from './request';

/** One offer as its page shows it (`GET /api/offers/:id`). */
export interface OfferDetail {
  offer: Offer;
  institution: Institution;
  owner: { id: string; name: string; lastActiveAt: string | null };
  /** The end date has passed. */
  ended: boolean;
}

export interface OfferList {
  items: Offer[];
  nextCursor: string | null;
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

export async function closeOffer(fetch: Fetch, id: string): Promise<Offer> {
  const reply = await apiRequest<Offer>(fetch, `/api/offers/${encodeURIComponent(id)}/close`, {
    method: 'POST',
  });
  return reply.body;
}

/** The signed-in user's own offers, every status, newest first (one page of up to 100). */
export async function listMyOffers(fetch: Fetch, cursor?: string): Promise<OfferList> {
  const reply = await apiRequest<OfferList>(fetch, '/api/offers', {
    query: { owner: 'me', status: 'all', limit: 100, cursor },
  });
  return reply.body;
}
