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
