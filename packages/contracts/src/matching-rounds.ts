// Matching rounds (API.md, "Matching rounds and balance goals") and the proposal a round makes
// for one offer.
import { Type } from 'typebox';
import { InstitutionShape } from './institutions.ts';
import { Offer } from './offers.ts';

const OfferSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  country: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
});

const Progress = Type.Union([
  Type.Object(
    {
      phase: Type.Union([Type.Literal('candidates'), Type.Literal('assignment')]),
      done: Type.Integer(),
      total: Type.Integer(),
    },
    {
      description:
        '`candidates`: offers whose best partners are scored so far, of all; `assignment`: solving',
    },
  ),
  Type.Null(),
]);

const Status = Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]);

export const MatchingRound = Type.Object({
  id: Type.String(),
  status: Status,
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
  proposals: Type.Array(
    Type.Object({
      offerId: Type.String({ description: 'The Asian offer' }),
      partnerOfferId: Type.String({ description: 'The European offer' }),
      score: Type.Number(),
      partnershipId: Type.Union([Type.String(), Type.Null()], {
        description: 'The partnership a lecturer requested from this proposal, once there is one',
      }),
      offer: Type.Union([OfferSummary, Type.Null()]),
      partnerOffer: Type.Union([OfferSummary, Type.Null()]),
    }),
  ),
});

export const MatchingRoundList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Status,
      progress: Progress,
      totalScore: Type.Number(),
      proposalCount: Type.Integer(),
      asiaOffers: Type.Union([Type.Integer(), Type.Null()]),
      europeOffers: Type.Union([Type.Integer(), Type.Null()]),
      createdAt: Type.String({ format: 'date-time' }),
      finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
});

export const RoundListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

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
