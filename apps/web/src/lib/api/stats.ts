// Platform figures: `/api/stats/summary` (public; the home page shows it) and, for the
// secretariat, the breakdowns by dimension, the balance report, the CSV export and the
// moderation queue with its actions (suspend an account, hide an offer, with a reason).
import type {
  AccountFound,
  BalanceReport,
  Breakdown,
  BreakdownDimension,
  BreakdownQuery,
  Moderation,
  StatsFilter,
  StatsSummary,
} from '@twinning/contracts/stats';
import { apiPath, apiRequest, type Fetch } from './request';

/**
 * `BreakdownQuery` with `by` spelled out: the schema builds its union from an array, which
 * TypeScript reads as `never` for `by`.
 */
export type BreakdownParams = Omit<BreakdownQuery, 'by'> & { by: BreakdownDimension };

export async function getStatsSummary(fetch: Fetch): Promise<StatsSummary> {
  const reply = await apiRequest<StatsSummary>(fetch, '/api/stats/summary');
  return reply.body;
}

/** One table of figures by country, region pair, format, field, SDG, theme or month. */
export async function getBreakdown(fetch: Fetch, query: BreakdownParams): Promise<Breakdown> {
  const reply = await apiRequest<Breakdown>(fetch, '/api/stats/breakdown', {
    query: { ...query },
  });
  return reply.body;
}

/** Where the browser downloads the same table as CSV (same origin, session cookie). */
export function breakdownCsvPath(query: BreakdownParams): string {
  return apiPath('/api/stats/export.csv', { ...query });
}

/** The balance between the regions for a period (the region filter does not apply). */
export async function getBalanceReport(
  fetch: Fetch,
  period: Pick<StatsFilter, 'from' | 'to'>,
): Promise<BalanceReport> {
  const reply = await apiRequest<BalanceReport>(fetch, '/api/stats/balance', {
    query: { from: period.from, to: period.to },
  });
  return reply.body;
}

export async function getModeration(fetch: Fetch): Promise<Moderation> {
  const reply = await apiRequest<Moderation>(fetch, '/api/moderation');
  return reply.body;
}

/** Suspend an account; the API keeps the reason with the record. */
/** The account with this email address; the address goes in the body, not in a URL. */
export async function findAccount(fetch: Fetch, email: string): Promise<AccountFound> {
  const reply = await apiRequest<AccountFound>(fetch, '/api/moderation/accounts/find', {
    method: 'POST',
    body: { email },
  });
  return reply.body;
}

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
