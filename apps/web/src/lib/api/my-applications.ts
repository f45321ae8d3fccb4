// A student's own applications to offers: `GET /api/applications`, newest first.
import type { Application } from '@twinning/contracts/applications';
import { apiRequest, type Fetch } from './request';

export interface MyApplicationsPage {
  items: Application[];
  nextCursor: string | null;
}

export async function listMyApplications(
  fetch: Fetch,
  page: { cursor?: string; limit?: number } = {},
): Promise<MyApplicationsPage> {
  const reply = await apiRequest<MyApplicationsPage>(fetch, '/api/applications', { query: page });
  return reply.body;
}
