// The secretariat's moderation (`/api/moderation`): the queue of what waits, and its actions —
// find an account by its email address, suspend or restore it, hide an offer or show it again,
// each with a reason.
import type { AccountFound, Moderation } from '@twinning/contracts/moderation';
import { apiRequest, type Fetch } from './request';

export async function getModeration(fetch: Fetch): Promise<Moderation> {
  const reply = await apiRequest<Moderation>(fetch, '/api/moderation');
  return reply.body;
}

/** The account with this email address; the address goes in the body, not in a URL. */
export async function findAccount(fetch: Fetch, email: string): Promise<AccountFound> {
  const reply = await apiRequest<AccountFound>(fetch, '/api/moderation/accounts/find', {
    method: 'POST',
    body: { email },
  });
  return reply.body;
}

/** Suspend an account; the API keeps the reason with the record. */
export async function suspendUser(fetch: Fetch, userId: string, reason: string): Promise<void> {
  await apiRequest(fetch, `/api/users/${encodeURIComponent(userId)}/suspend`, {
    method: 'POST',
    body: { reason },
  });
}

export async function unsuspendUser(fetch: Fetch, userId: string): Promise<void> {
  await apiRequest(fetch, `/api/users/${encodeURIComponent(userId)}/unsuspend`, {
    method: 'POST',
  });
}

/** Hide an offer from every list; the API keeps the reason with the record. */
export async function hideOffer(fetch: Fetch, offerId: string, reason: string): Promise<void> {
  await apiRequest(fetch, `/api/offers/${encodeURIComponent(offerId)}/hide`, {
    method: 'POST',
    body: { reason },
  });
}

export async function unhideOffer(fetch: Fetch, offerId: string): Promise<void> {
  await apiRequest(fetch, `/api/offers/${encodeURIComponent(offerId)}/unhide`, {
    method: 'POST',
  });
}
