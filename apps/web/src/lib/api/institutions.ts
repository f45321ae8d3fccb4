// Institutions: the directory, one institution and its figures, registration and profile
// edits by its admin, and the secretariat's review: the verification queue, verify, refuse, ask
// for more information, and the admin's answer (`/api/institutions`, `/api/verification-queue`);
// web domains that wait for the secretariat, and admins' claims that wait.
import type {
  AdminClaimList,
  CreateInstitutionBody,
  Institution,
  InstitutionDomainList,
  InstitutionPage,
  InstitutionReview,
  InstitutionSummary,
  PendingDomainList,
  ReviewStatus,
  UpdateInstitutionBody,
  VerificationQueue,
} from '@twinning/contracts/institutions';
import { apiRequest, type Fetch } from './request';

export interface InstitutionSearch {
  q?: string;
  country?: string;
  region?: 'asia' | 'europe';
  verified?: boolean;
  /** The secretariat's queue: unverified institutions an admin registered or claimed. */
  awaitingVerification?: boolean;
  cursor?: string;
  limit?: number;
}

export async function listInstitutions(
  fetch: Fetch,
  search: InstitutionSearch = {},
): Promise<InstitutionPage> {
  const reply = await apiRequest<InstitutionPage>(fetch, '/api/institutions', {
    query: {
      ...search,
      verified: search.verified ? true : undefined,
      awaitingVerification: search.awaitingVerification ? true : undefined,
    },
  });
  return reply.body;
}

/** Safety stop for `listAllInstitutionsOfCountry`: the largest country has a few hundred. */
const MAX_PAGES = 50;

/** Every institution of one country, following `nextCursor` page after page. */
export async function listAllInstitutionsOfCountry(
  fetch: Fetch,
  country: string,
): Promise<Institution[]> {
  const all: Institution[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { items, nextCursor } = await listInstitutions(fetch, { country, cursor, limit: 100 });
    all.push(...items);
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return all;
}

export async function getInstitution(fetch: Fetch, id: string): Promise<Institution> {
  const reply = await apiRequest<Institution>(fetch, `/api/institutions/${encodeURIComponent(id)}`);
  return reply.body;
}

/** Its figures: offers (all and open), agreed partnerships, affiliated lecturers. */
export async function getInstitutionSummary(fetch: Fetch, id: string): Promise<InstitutionSummary> {
  const reply = await apiRequest<InstitutionSummary>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/summary`,
  );
  return reply.body;
}

/** Registers an institution (unverified); the signed-in admin becomes its admin. */
export async function createInstitution(
  fetch: Fetch,
  body: CreateInstitutionBody,
): Promise<Institution> {
  const reply = await apiRequest<Institution>(fetch, '/api/institutions', { method: 'POST', body });
  return reply.body;
}

export async function updateInstitution(
  fetch: Fetch,
  id: string,
  body: UpdateInstitutionBody,
): Promise<Institution> {
  const reply = await apiRequest<Institution>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}`,
    {
      method: 'PATCH',
      body,
    },
  );
  return reply.body;
}

export async function verifyInstitution(fetch: Fetch, id: string): Promise<Institution> {
  const reply = await apiRequest<Institution>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/verify`,
    { method: 'POST' },
  );
  return reply.body;
}

export type { InstitutionReview, ReviewStatus, VerificationQueue };

/** The secretariat's queue in one review state, oldest request first, with who asked. */
export async function getVerificationQueue(
  fetch: Fetch,
  options: { status: ReviewStatus; cursor?: string; limit?: number },
): Promise<VerificationQueue> {
  const reply = await apiRequest<VerificationQueue>(fetch, '/api/verification-queue', {
    query: { status: options.status, cursor: options.cursor, limit: options.limit },
  });
  return reply.body;
}

/** Refuses an unverified institution; its admin is told the reason. */
export async function refuseInstitution(
  fetch: Fetch,
  id: string,
  reason: string,
): Promise<InstitutionReview> {
  const reply = await apiRequest<InstitutionReview>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/refuse`,
    { method: 'POST', body: { reason } },
  );
  return reply.body;
}

/** Asks an unverified institution's admin a question; it leaves the queue until answered. */
export async function requestInstitutionInformation(
  fetch: Fetch,
  id: string,
  question: string,
): Promise<InstitutionReview> {
  const reply = await apiRequest<InstitutionReview>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/request-information`,
    { method: 'POST', body: { question } },
  );
  return reply.body;
}

/** Where the secretariat's review of the institution stands. */
export async function getInstitutionReview(fetch: Fetch, id: string): Promise<InstitutionReview> {
  const reply = await apiRequest<InstitutionReview>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/review`,
  );
  return reply.body;
}

/** The admin's answer to the secretariat's question: back in the queue. */
export async function answerInstitutionReview(
  fetch: Fetch,
  id: string,
  answer: string,
): Promise<InstitutionReview> {
  const reply = await apiRequest<InstitutionReview>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/answer`,
    { method: 'POST', body: { answer } },
  );
  return reply.body;
}

/** The institution's web domains with their state (its admin, the secretariat). */
export async function getInstitutionDomains(
  fetch: Fetch,
  id: string,
): Promise<InstitutionDomainList['items']> {
  const reply = await apiRequest<InstitutionDomainList>(
    fetch,
    `/api/institutions/${encodeURIComponent(id)}/domains`,
  );
  return reply.body.items;
}

/** Web domains admins added that wait for the secretariat, with who asked. */
export async function getPendingDomains(fetch: Fetch): Promise<PendingDomainList['items']> {
  const reply = await apiRequest<PendingDomainList>(fetch, '/api/verification-queue/domains');
  return reply.body.items;
}

/** The secretariat approves (it counts for affiliations) or refuses a pending domain. */
export async function decideDomain(
  fetch: Fetch,
  institutionId: string,
  domain: string,
  decision: 'approve' | 'refuse',
): Promise<Institution> {
  const reply = await apiRequest<Institution>(
    fetch,
    `/api/institutions/${encodeURIComponent(institutionId)}/domains/${encodeURIComponent(domain)}/${decision}`,
    { method: 'POST' },
  );
  return reply.body;
}

/** Admins' claims on verified institutions that wait for approval (secretariat). */
export async function getAdminClaims(fetch: Fetch): Promise<AdminClaimList['items']> {
  const reply = await apiRequest<AdminClaimList>(fetch, '/api/verification-queue/admin-claims');
  return reply.body.items;
}
