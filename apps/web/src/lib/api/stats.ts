// Platform figures: `/api/stats/summary` (public; the home page shows it) and, for the
// secretariat, the breakdowns by dimension, the balance report and the CSV export.
import type {
  BalanceReport,
  Breakdown,
  BreakdownDimension,
  BreakdownQuery,
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
