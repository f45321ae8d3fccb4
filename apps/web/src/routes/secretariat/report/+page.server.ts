// The printable stocktaking report: every figure for one period (and region) on one page,
// read in parallel and awaited, so the page is complete when it prints. A table the API
// cannot give says so in its place; the rest still prints.
import type { BreakdownDimension } from '@twinning/contracts/stats';
import { ApiError } from '$lib/api/request';
import { getBalanceReport, getBreakdown, getStatsSummary } from '$lib/api/stats';
import { m } from '$lib/paraglide/messages';
import { secretariatUser } from '$lib/server/page-access';
import { dimensions, readFilters } from '$lib/statistics/filters';
import { settle } from '$lib/statistics/settle';
import type { PageServerLoad } from './$types';

function failure(cause: unknown): string {
  if (cause instanceof ApiError) {
    return cause.status >= 500 || cause.status === 404 ? m.stats_unavailable() : cause.message;
  }
  return m.stats_unavailable();
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  secretariatUser(locals, url);
  const filters = readFilters(url.searchParams);
  const from = filters.from ?? undefined;
  const to = filters.to ?? undefined;
  const region = filters.region ?? undefined;

  const [summary, balance, tables] = await Promise.all([
    settle(getStatsSummary(fetch), failure),
    settle(getBalanceReport(fetch, { from, to }), failure),
    Promise.all(
      dimensions.map(async (by: BreakdownDimension) => ({
        by,
        result: await settle(getBreakdown(fetch, { by, from, to, region }), failure),
      })),
    ),
  ]);

  return {
    filters,
    generatedAt: new Date().toISOString(),
    summary,
    balance,
    tables,
  };
};
