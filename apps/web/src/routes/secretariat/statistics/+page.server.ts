// The secretariat's statistics dashboard. The platform summary comes first (small, fast). The
// breakdown table and the balance report are awaited for the first answer, so the page arrives
// whole (a browser without JavaScript cannot receive streamed data); when the page's own script
// asks for new data (a filter, another dimension) they are streamed, and the page shows
// skeletons until they arrive. Filters live in the query string (a plain GET form): from, to,
// region, by, field. Moderation has its own page.
import type { StatsSummary } from '@twinning/contracts/stats';
import { ApiError } from '$lib/api/request';
import { getBalanceReport, getBreakdown, getStatsSummary } from '$lib/api/stats';
import { m } from '$lib/paraglide/messages';
import { secretariatUser } from '$lib/server/page-access';
import { activePreset, periodPresets, readView } from '$lib/statistics/filters';
import { settle, type Settled } from '$lib/statistics/settle';
import type { PageServerLoad } from './$types';

/** What a failed read says on the page. */
function failure(cause: unknown): string {
  if (cause instanceof ApiError) {
    return cause.status >= 500 || cause.status === 404 ? m.stats_unavailable() : cause.message;
  }
  return m.stats_unavailable();
}

export const load: PageServerLoad = async ({ locals, url, fetch, isDataRequest }) => {
  secretariatUser(locals, url);
  const view = readView(url.searchParams);
  const presets = periodPresets(new Date());

  // Streamed to the running page, awaited below for the first answer.
  const breakdown = settle(
    getBreakdown(fetch, {
      by: view.by,
      from: view.from ?? undefined,
      to: view.to ?? undefined,
      region: view.region ?? undefined,
      field: view.field ?? undefined,
    }),
    failure,
  );
  const balance = settle(
    getBalanceReport(fetch, { from: view.from ?? undefined, to: view.to ?? undefined }),
    failure,
  );

  const summary: Settled<StatsSummary> = await settle(getStatsSummary(fetch), failure);

  return {
    view,
    presets,
    preset: activePreset(view, presets),
    summary,
    breakdown: isDataRequest ? breakdown : await breakdown,
    balance: isDataRequest ? balance : await balance,
  };
};
