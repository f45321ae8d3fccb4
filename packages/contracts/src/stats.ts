// Statistics: /api/stats/* (the summary is public; the home page shows it).
import { Type, type Static } from 'typebox';

export const StatsSummary = Type.Object({
  offers: Type.Integer(),
  openOffers: Type.Integer(),
  partnerships: Type.Integer({ description: 'All partnership requests ever made' }),
  accepted: Type.Integer({
    description: 'Partnerships accepted (including those completed since)',
  }),
  completed: Type.Integer(),
  acceptanceRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'accepted ÷ decided requests; null before any decision',
  }),
  medianDaysToMatch: Type.Union([Type.Number(), Type.Null()], {
    description: 'Median days from an offer being posted to its partnership being accepted',
  }),
  countries: Type.Integer({ description: 'ASEM countries with at least one offer' }),
  institutions: Type.Integer({ description: 'Institutions in the directory' }),
  balance: Type.Object({
    asiaShare: Type.Union([Type.Number(), Type.Null()]),
    europeShare: Type.Union([Type.Number(), Type.Null()]),
    target: Type.Number(),
    studentsAsia: Type.Integer(),
    studentsEurope: Type.Integer(),
  }),
});
export type StatsSummary = Static<typeof StatsSummary>;

// ---------------------------------------------------------------- secretariat statistics

export const breakdownDimensions = [
  'country',
  'regionPair',
  'format',
  'field',
  'sdg',
  'theme',
  'month',
] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

const isoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

const statsRegion = Type.Enum(['asia', 'europe']);

/** The period and region every secretariat figure can be narrowed to. */
export const StatsFilter = Type.Object({
  from: Type.Optional(isoDate),
  to: Type.Optional(isoDate),
  region: Type.Optional(statsRegion),
});
export type StatsFilter = Static<typeof StatsFilter>;

export const BreakdownQuery = Type.Object({
  // An enum, so a wrong value is answered with the list of right ones.
  by: Type.Enum([...breakdownDimensions], {
    description: 'The table: country, regionPair, format, field, sdg, theme or month',
  }),
  from: Type.Optional(isoDate),
  to: Type.Optional(isoDate),
  region: Type.Optional(statsRegion),
  field: Type.Optional(
    Type.String({
      pattern: '^\\d{2}$',
      description: 'With by=field: the narrow fields of this broad field instead of the broad ones',
    }),
  ),
});
export type BreakdownQuery = Static<typeof BreakdownQuery>;

export const BreakdownRow = Type.Object({
  key: Type.String({
    description:
      'ISO code, region pair (asia→europe), format id, ISCED-F code, SDG number, theme id or YYYY-MM',
  }),
  label: Type.String(),
  offers: Type.Integer({ description: 'Offers posted in the period' }),
  openOffers: Type.Integer({ description: 'Of those, open and not past their end date today' }),
  requests: Type.Integer({ description: 'Partnership requests made in the period' }),
  accepted: Type.Integer({ description: 'Of those, accepted (completed ones included)' }),
  completed: Type.Integer(),
  acceptanceRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'accepted ÷ decided (accepted + declined); null before any decision',
  }),
  medianDaysToMatch: Type.Union([Type.Number(), Type.Null()], {
    description: 'Median days from the requesting offer being posted to the acceptance',
  }),
  studentsAsia: Type.Integer({ description: 'Students taking part on Asian sides (completed)' }),
  studentsEurope: Type.Integer(),
});
export type BreakdownRow = Static<typeof BreakdownRow>;

export const Breakdown = Type.Object({
  by: Type.String(),
  from: Type.Union([isoDate, Type.Null()]),
  to: Type.Union([isoDate, Type.Null()]),
  region: Type.Union([Type.Literal('asia'), Type.Literal('europe'), Type.Null()]),
  rows: Type.Array(BreakdownRow),
  /** The whole period: not the sum of rows where an offer or partnership has several keys. */
  totals: BreakdownRow,
});
export type Breakdown = Static<typeof Breakdown>;

const Concentration = Type.Object({
  hhi: Type.Union([Type.Number(), Type.Null()], {
    description:
      'Herfindahl–Hirschman index of partnership sides: the sum of squared shares, 1/n (even) to 1 (one holder)',
  }),
  gini: Type.Union([Type.Number(), Type.Null()], {
    description: 'Gini coefficient of partnership sides over all holders, 0 (even) to near 1',
  }),
  holders: Type.Integer({
    description: 'Countries or institutions counted (with zero included for countries)',
  }),
  top: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), share: Type.Number() })),
});

export const BalanceReport = Type.Object({
  from: Type.Union([isoDate, Type.Null()]),
  to: Type.Union([isoDate, Type.Null()]),
  target: Type.Number({ description: 'The secretariat’s asiaShareTarget' }),
  agreed: Type.Integer({
    description: 'Agreed (accepted or completed) partnerships in the period',
  }),
  asiaShare: Type.Union([Type.Number(), Type.Null()], {
    description: 'Share of agreed partnerships requested from Asia',
  }),
  europeShare: Type.Union([Type.Number(), Type.Null()]),
  studentsAsia: Type.Integer(),
  studentsEurope: Type.Integer(),
  studentsAsiaShare: Type.Union([Type.Number(), Type.Null()]),
  /** Per month of agreement: the flows from each side and Asia's share. */
  trend: Type.Array(
    Type.Object({
      month: Type.String(),
      fromAsia: Type.Integer(),
      fromEurope: Type.Integer(),
      asiaShare: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  concentration: Type.Object({ countries: Concentration, institutions: Concentration }),
  /** All 51 ASEM countries, for the map or grid: agreed partnership sides and offers. */
  countries: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      region: Type.Union([Type.Literal('asia'), Type.Literal('europe')]),
      offers: Type.Integer(),
      partnerships: Type.Integer({ description: 'Agreed partnership sides' }),
    }),
  ),
  /** Countries with offers in the period but no agreed partnership yet: who needs help. */
  needHelp: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), offers: Type.Integer() }),
  ),
});
export type BalanceReport = Static<typeof BalanceReport>;
