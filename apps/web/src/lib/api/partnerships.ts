// Partnerships: ranked partners for an offer (`/api/offers/:id/matches`), requests between two
// offers and their answers (`/api/partnerships`).
import type { Institution } from '@twinning/contracts/institutions';
import type { Offer } from '@twinning/contracts/offers';
import type { Partnership } from '@twinning/contracts/partnerships';
import { apiRequest, type Fetch } from './request';

/** The six parts of a match score, each 0–1. */
export interface MatchBreakdown {
  topic: number;
  language: number;
  liveHours: number;
  weeks: number;
  fit: number;
  balance: number;
}

/** One suggested partner offer, with why it fits and what to watch out for. */
export interface Match {
  offer: Offer;
  institution: Institution;
  score: number;
  breakdown: MatchBreakdown;
  reasons: string[];
  cautions: string[];
}

export type PartnershipStatus = Partnership['status'];

export interface PartnershipList {
  items: Partnership[];
  nextCursor: string | null;
}

/** Partner offers for one of the user's offers, best first. */
export async function listMatches(fetch: Fetch, offerId: string, limit = 20): Promise<Match[]> {
  const reply = await apiRequest<{ items: Match[] }>(
    fetch,
    `/api/offers/${encodeURIComponent(offerId)}/matches`,
    { query: { limit } },
  );
  return reply.body.items;
}

export async function requestPartnership(
  fetch: Fetch,
  body: { offerId: string; partnerOfferId: string; message: string },
): Promise<Partnership> {
  const reply = await apiRequest<Partnership>(fetch, '/api/partnerships', {
    method: 'POST',
    body,
  });
  return reply.body;
}

/** The partnerships involving the user's offers. */
export async function listPartnerships(
  fetch: Fetch,
  search: { status?: PartnershipStatus; cursor?: string; limit?: number } = {},
): Promise<PartnershipList> {
  const reply = await apiRequest<PartnershipList>(fetch, '/api/partnerships', { query: search });
  return reply.body;
}

export type { Partnership };

export type PartnershipDecision = 'accept' | 'decline' | 'withdraw';

export async function decidePartnership(
  fetch: Fetch,
  id: string,
  decision: PartnershipDecision,
): Promise<Partnership> {
  const reply = await apiRequest<Partnership>(
    fetch,
    `/api/partnerships/${encodeURIComponent(id)}/${decision}`,
    { method: 'POST' },
  );
  return reply.body;
}

export async function completePartnership(
  fetch: Fetch,
  id: string,
  students: { studentsA: number; studentsB: number },
): Promise<Partnership> {
  const reply = await apiRequest<Partnership>(
    fetch,
    `/api/partnerships/${encodeURIComponent(id)}/complete`,
    { method: 'POST', body: students },
  );
  return reply.body;
}
