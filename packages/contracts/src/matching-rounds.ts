// Matching rounds (API.md, "Matching rounds and balance goals") and the proposal a round makes
// for one offer.
import { Type, type Static } from 'typebox';
import { InstitutionShape } from './institutions.ts';
import { Offer } from './offers.ts';

/** The few facts of an offer a round's results show. */
export const RoundOfferSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  country: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
});
export type RoundOfferSummary = Static<typeof RoundOfferSummary>;

/** How far a running round is: `candidates` counts offers scored so far; `assignment` solves. */
export const RoundProgress = Type.Object(
  {
    phase: Type.Union([Type.Literal('candidates'), Type.Literal('assignment')]),
    done: Type.Integer(),
    total: Type.Integer(),
  },
  {
    description:
      '`candidates`: offers whose best partners are scored so far, of all; `assignment`: solving',
  },
);
export type RoundProgress = Static<typeof RoundProgress>;

const Progress = Type.Union([RoundProgress, Type.Null()]);

export const RoundStatus = Type.Union([
  Type.Literal('running'),
  Type.Literal('done'),
  Type.Literal('failed'),
]);
export type RoundStatus = Static<typeof RoundStatus>;

/** One proposed pair: an Asian offer (`offerId`) with a European one (`partnerOfferId`). */
export const RoundProposal = Type.Object({
  offerId: Type.String({ description: 'The Asian offer' }),
  partnerOfferId: Type.String({ description: 'The European offer' }),
  score: Type.Number(),
  partnershipId: Type.Union([Type.String(), Type.Null()], {
    description: 'The partnership a lecturer requested from this proposal, once there is one',
  }),
  offer: Type.Union([RoundOfferSummary, Type.Null()]),
  partnerOffer: Type.Union([RoundOfferSummary, Type.Null()]),
});
export type RoundProposal = Static<typeof RoundProposal>;

export const MatchingRound = Type.Object({
  id: Type.String(),
  status: RoundStatus,
  progress: Progress,
  totalScore: Type.Number({ description: 'Sum of the proposals’ scores' }),
  asiaOffers: Type.Union([Type.Integer(), Type.Null()]),
  europeOffers: Type.Union([Type.Integer(), Type.Null()]),
  candidatePairs: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pairs in the sparse graph the assignment was solved on',
  }),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  proposals: Type.Array(RoundProposal),
});
export type MatchingRound = Static<typeof MatchingRound>;

/** One round in the list. */
export const MatchingRoundListItem = Type.Object({
  id: Type.String(),
  status: RoundStatus,
  progress: Progress,
  totalScore: Type.Number(),
  proposalCount: Type.Integer(),
  asiaOffers: Type.Union([Type.Integer(), Type.Null()]),
  europeOffers: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type MatchingRoundListItem = Static<typeof MatchingRoundListItem>;

export const MatchingRoundList = Type.Object({ items: Type.Array(MatchingRoundListItem) });
export type MatchingRoundList = Static<typeof MatchingRoundList>;

export const RoundListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

/** The newest round's proposed partner for an offer: the partner offer and its institution. */
export const OfferProposal = Type.Object({
  proposal: Type.Union([
    Type.Object({
      roundId: Type.String(),
      roundAt: Type.String({ format: 'date-time' }),
      score: Type.Number(),
      partnershipId: Type.Union([Type.String(), Type.Null()]),
      offer: Offer,
      institution: InstitutionShape,
    }),
    Type.Null(),
  ]),
});
export type OfferProposal = Static<typeof OfferProposal>;
