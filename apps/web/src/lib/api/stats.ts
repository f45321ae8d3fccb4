// Public platform figures: `/api/stats/summary` (the home page shows them).
import type { StatsSummary } from '@twinning/contracts/stats';
import { apiRequest, type Fetch } from './request';

export async function getStatsSummary(fetch: Fetch): Promise<StatsSummary> {
  const reply = await apiRequest<StatsSummary>(fetch, '/api/stats/summary');
  return reply.body;
}
