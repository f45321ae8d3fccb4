// Student applications: applying to an offer, and the offer owner's list and decisions
// (`/api/offers/:id/applications`, `/api/applications`).
import type { Application } from '@twinning/contracts/applications';
import { apiRequest, type Fetch } from './request';

export interface ApplicationList {
  items: Application[];
  nextCursor: string | null;
}

export async function applyToOffer(
  fetch: Fetch,
  offerId: string,
  motivation: string,
): Promise<Application> {
  const reply = await apiRequest<Application>(
    fetch,
    `/api/offers/${encodeURIComponent(offerId)}/applications`,
    { method: 'POST', body: { motivation } },
  );
  return reply.body;
}

/** The applications to one offer (its owner only), one page of up to 100. */
export async function listOfferApplications(
  fetch: Fetch,
  offerId: string,
  cursor?: string,
): Promise<ApplicationList> {
  const reply = await apiRequest<ApplicationList>(fetch, '/api/applications', {
    query: { offerId, limit: 100, cursor },
  });
  return reply.body;
}

export async function decideApplication(
  fetch: Fetch,
  id: string,
  decision: 'accept' | 'decline',
): Promise<Application> {
  const reply = await apiRequest<Application>(
    fetch,
    `/api/applications/${encodeURIComponent(id)}/${decision}`,
    { method: 'POST' },
  );
  return reply.body;
}

/** The signed-in student's own applications, one page of up to 100. */
export async function listMyApplications(fetch: Fetch, cursor?: string): Promise<ApplicationList> {
  const reply = await apiRequest<ApplicationList>(fetch, '/api/applications', {
    query: { limit: 100, cursor },
  });
  return reply.body;
}
