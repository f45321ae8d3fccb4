// The institution directory: `/api/institutions`.
import type { Institution, InstitutionPage } from '@twinning/contracts/institutions';
import { apiRequest, type Fetch } from './request';

export interface InstitutionSearch {
  q?: string;
  country?: string;
  region?: 'asia' | 'europe';
  verified?: boolean;
  cursor?: string;
  limit?: number;
}

export async function listInstitutions(
  fetch: Fetch,
  search: InstitutionSearch = {},
): Promise<InstitutionPage> {
  const reply = await apiRequest<InstitutionPage>(fetch, '/api/institutions', {
    query: { ...search, verified: search.verified ? true : undefined },
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
