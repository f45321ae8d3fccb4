// Student applications: applying to an offer, listing them (a student's own, or the ones to an
// offer for its owner) and the owner's decisions (`/api/offers/:id/applications`,
// `/api/applications`).
import type { Application, ApplicationPage } from '@twinning/contracts/applications';
import { apiRequest, type Fetch } from './request';

/** One cursor page of applications. */
export type ApplicationList = ApplicationPage;

export interface ApplicationSearch {
  /** The applications to this offer (its owner only); without it, the student's own. */
  offerId?: string;
  /** Up to 100; the API's default is 20. */
  limit?: number;
  cursor?: string;
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

/** One cursor page of applications, newest first. */
export async function listApplications(
  fetch: Fetch,
  search: ApplicationSearch = {},
): Promise<ApplicationList> {
  const reply = await apiRequest<ApplicationList>(fetch, '/api/applications', {
    query: { ...search },
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

/** The student takes their application back (pending or accepted → withdrawn). */
export async function withdrawApplication(fetch: Fetch, id: string): Promise<Application> {
  const reply = await apiRequest<Application>(
    fetch,
    `/api/applications/${encodeURIComponent(id)}/withdraw`,
    { method: 'POST' },
  );
  return reply.body;
}
