// Affiliations of people with an institution: the ones waiting for its admin (or the
// secretariat), and the admin's decision (`/api/institutions/:id/affiliations`,
// `/api/affiliations/:id/approve|refuse`).
import type { AffiliationList, AffiliationRequest } from '@twinning/contracts/institutions';
import { apiRequest, type Fetch } from './request';

export type AffiliationStatus = AffiliationRequest['status'];

export async function listAffiliations(
  fetch: Fetch,
  institutionId: string,
  status?: AffiliationStatus,
): Promise<AffiliationRequest[]> {
  const reply = await apiRequest<AffiliationList>(
    fetch,
    `/api/institutions/${encodeURIComponent(institutionId)}/affiliations`,
    { query: { status } },
  );
  return reply.body.items;
}

/** Approve or refuse a pending affiliation; a decided one answers 409. */
export async function decideAffiliation(
  fetch: Fetch,
  affiliationId: string,
  decision: 'approve' | 'refuse',
): Promise<AffiliationRequest> {
  const reply = await apiRequest<AffiliationRequest>(
    fetch,
    `/api/affiliations/${encodeURIComponent(affiliationId)}/${decision}`,
    { method: 'POST' },
  );
  return reply.body;
}

/** Removes a verified affiliation (a lecturer, by the admin; anyone, by the secretariat). */
export async function removeAffiliation(
  fetch: Fetch,
  affiliationId: string,
): Promise<AffiliationRequest> {
  const reply = await apiRequest<AffiliationRequest>(
    fetch,
    `/api/affiliations/${encodeURIComponent(affiliationId)}/remove`,
    { method: 'POST' },
  );
  return reply.body;
}
