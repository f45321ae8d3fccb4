// Statistics (API.md, "Statistics"): the public summary the home page shows, and the
// secretariat's breakdown tables, their CSV, and the balance report.
import { Type } from 'typebox';
import { errorResponses } from '@twinning/contracts/common';
import {
  BalanceReport,
  Breakdown,
  BreakdownQuery,
  StatsFilter,
  StatsSummary,
} from '@twinning/contracts/stats';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

export default function statisticsRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/stats/summary',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Headline figures (public)',
        description:
          'balance.asiaShare is the share of agreed partnerships whose request came from an Asian offer (the direction of flows); students count those reported on completion, per side.',
        response: { 200: StatsSummary },
      },
    },
    async () => services.statistics.summary(),
  );

  app.get(
    '/stats/breakdown',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'One table of figures per country, region pair, format, field, SDG, theme or month (secretariat)',
        description:
          'Offers count by when they were posted, requests by when they were made, both within `from`–`to` (inclusive dates, UTC). A partnership counts for a key when either side’s offer has it; `region` keeps the sides of that region. `field=NN` with `by=field` lists the narrow fields of that broad field. `totals` covers the whole selection once (not the sum of rows, where an offer has several keys).',
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...errorResponses },
      },
    },
    async (request) => services.statistics.breakdown(requireUser(request), request.query),
  );

  app.get(
    '/stats/export.csv',
    {
      schema: {
        tags: ['statistics'],
        summary: 'The same table as CSV (secretariat)',
        description:
          'UTF-8 with a byte-order mark (so spreadsheets read non-Latin names right). Columns: key, label, offers, openOffers, requests, accepted, completed, acceptanceRate, medianDaysToMatch, studentsAsia, studentsEurope. `acceptanceRate` is a share from 0 to 1 with four decimals (0.6667), `medianDaysToMatch` has one decimal; an empty cell means no value. Text cells that start with =, +, -, @, tab or carriage return get a leading apostrophe, so spreadsheets do not run them as formulas.',
        querystring: BreakdownQuery,
        response: { 200: Type.String({ contentMediaType: 'text/csv' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await services.statistics.breakdownCsv(requireUser(request), request.query);
      const period = [request.query.from, request.query.to].filter(Boolean).join('_to_');
      const name = `twinning-${request.query.by}${request.query.field ? `-${request.query.field}` : ''}${period ? `-${period}` : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
  );

  app.get(
    '/stats/balance',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'The balance report: flows and students per side, trend, concentration, who needs help (secretariat)',
        description:
          'Agreed partnerships decided within `from`–`to`. asiaShare: the share requested from Asia, against the secretariat’s target. Concentration of partnership sides: HHI (sum of squared shares) and Gini (over all 51 countries, zeros included; over institutions with an offer or a partnership). needHelp: countries with offers in the period but no agreed partnership.',
        querystring: StatsFilter,
        response: { 200: BalanceReport, ...errorResponses },
      },
    },
    async (request) =>
      services.statistics.balance(requireUser(request), {
        from: request.query.from,
        to: request.query.to,
      }),
  );
}
