// Matching rounds: `/api/matching-rounds` (the secretariat runs one and reads the results) and
// `/api/offers/:id/proposal` (the proposal the newest round made for one offer).
//
// The shapes follow `@twinning/contracts/matching-rounds` field by field. That module exports
// only schemas (no `Static` types) and the web app has no `typebox` of its own to derive them,
// so they are written out here, built on the contract types it does export.
import type { Institution } from '@twinning/contracts/institutions';
import type { RoundPreview } from '@twinning/contracts/matching-rounds';
import type { Offer } from '@twinning/contracts/offers';
import { apiRequest, type Fetch } from './request';

export type RoundStatus = 'running' | 'done' | 'failed';

/** How far a running round is: `candidates` counts offers scored so far; `assignment` solves. */
export interface RoundProgress {
  phase: 'candidates' | 'assignment';
  done: number;
  total: number;
}

/** The few facts of an offer a round's results show. */
export interface RoundOfferSummary {
  id: string;
  title: string;
  country: string;
  institutionId: string;
  institutionName: string;
}

/** One proposed pair: an Asian offer (`offerId`) with a European one (`partnerOfferId`). */
export interface RoundProposal {
  offerId: string;
  partnerOfferId: string;
  score: number;
  /** The partnership a lecturer requested from this proposal, once there is one. */
  partnershipId: string | null;
  offer: RoundOfferSummary | null;
  partnerOffer: RoundOfferSummary | null;
}

/** A round with its proposals, best first (`MatchingRound`). */
export interface MatchingRound {
  id: string;
  status: RoundStatus;
  progress: RoundProgress | null;
  /** Sum of the proposals' scores. */
  totalScore: number;
  asiaOffers: number | null;
  europeOffers: number | null;
  /** Pairs in the sparse graph the assignment was solved on. */
  candidatePairs: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  proposals: RoundProposal[];
}

/** One round in the list (`MatchingRoundList` items). */
export interface MatchingRoundListItem {
  id: string;
  status: RoundStatus;
  progress: RoundProgress | null;
  totalScore: number;
  proposalCount: number;
  asiaOffers: number | null;
  europeOffers: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface MatchingRoundList {
  items: MatchingRoundListItem[];
}

/** The newest round's proposed partner for an offer (`OfferProposal`). */
export interface OfferProposal {
  proposal: {
    roundId: string;
    roundAt: string;
    score: number;
    partnershipId: string | null;
    /** The partner offer. */
    offer: Offer;
    /** The partner offer's institution. */
    institution: Institution;
  } | null;
}

export type { RoundPreview };

/** What a round would propose now; nothing is stored and nobody is told. */
export async function previewRound(fetch: Fetch): Promise<RoundPreview> {
  const reply = await apiRequest<RoundPreview>(fetch, '/api/matching-rounds/preview', {
    method: 'POST',
  });
  return reply.body;
}

/**
 * Stores the previewed round (the preview's token) and answers when it is stored: 409 while
 * another runs, 409 `preview_outdated` when the offers changed since the preview.
 */
export async function startRound(fetch: Fetch, previewToken: string): Promise<MatchingRound> {
  const reply = await apiRequest<MatchingRound>(fetch, '/api/matching-rounds', {
    method: 'POST',
    body: { previewToken },
  });
  return reply.body;
}

/** The newest rounds first, a running one with its progress. */
export async function listRounds(fetch: Fetch, limit = 20): Promise<MatchingRoundList> {
  const reply = await apiRequest<MatchingRoundList>(fetch, '/api/matching-rounds', {
    query: { limit },
  });
  return reply.body;
}

export async function getRound(fetch: Fetch, id: string): Promise<MatchingRound> {
  const reply = await apiRequest<MatchingRound>(
    fetch,
    `/api/matching-rounds/${encodeURIComponent(id)}`,
  );
  return reply.body;
}

/** The newest round's proposal for one of the user's offers (or null). */
export async function getOfferProposal(fetch: Fetch, offerId: string): Promise<OfferProposal> {
  const reply = await apiRequest<OfferProposal>(
    fetch,
    `/api/offers/${encodeURIComponent(offerId)}/proposal`,
  );
  return reply.body;
}
