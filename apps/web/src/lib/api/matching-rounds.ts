// Matching rounds: `/api/matching-rounds` (the secretariat runs one and reads the results) and
// `/api/offers/:id/proposal` (the proposal the newest round made for one offer).
import type {
  MatchingRound,
  MatchingRoundList,
  OfferProposal,
  RoundPreview,
} from '@twinning/contracts/matching-rounds';
import { apiRequest, type Fetch } from './request';

export type {
  MatchingRound,
  MatchingRoundList,
  MatchingRoundListItem,
  OfferProposal,
  RoundOfferSummary,
  RoundPreview,
  RoundProgress,
  RoundProposal,
  RoundStatus,
} from '@twinning/contracts/matching-rounds';

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
