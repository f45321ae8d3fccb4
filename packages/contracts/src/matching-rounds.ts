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

const ProposedPair = {
  offerId: Type.String({ description: 'The Asian offer' }),
  partnerOfferId: Type.String({ description: 'The European offer' }),
  score: Type.Number({ description: 'The pair’s reciprocal score with the balance lift (0–1)' }),
  offer: Type.Union([RoundOfferSummary, Type.Null()]),
  partnerOffer: Type.Union([RoundOfferSummary, Type.Null()]),
};

export const StartRoundBody = Type.Object({
  previewToken: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'The `previewToken` of a preview: the round is stored only if it is exactly that preview (409 `preview_outdated` otherwise). Without it the round runs and is stored directly.',
    }),
  ),
});

export const RoundPreview = Type.Object({
  previewToken: Type.String({
    description: 'Send it as `previewToken` to `POST /api/matching-rounds` to store this round',
  }),
  computedAt: Type.String({ format: 'date-time' }),
  proposalCount: Type.Integer(),
  totalScore: Type.Number({ description: 'Sum of the proposals’ scores' }),
  asiaOffers: Type.Integer({ description: 'Open Asian offers the round considered' }),
  europeOffers: Type.Integer({ description: 'Open European offers the round considered' }),
  candidatePairs: Type.Integer({
    description: 'Pairs in the sparse graph the assignment was solved on',
  }),
  lecturers: Type.Integer({
    description: 'People the round would notify: the owners of the paired offers, each once',
  }),
  notifications: Type.Integer({ description: 'Notifications the round would send (two a pair)' }),
  scores: Type.Object({
    min: Type.Union([Type.Number(), Type.Null()]),
    median: Type.Union([Type.Number(), Type.Null()]),
    max: Type.Union([Type.Number(), Type.Null()]),
    bands: Type.Array(
      Type.Object({
        from: Type.Number({ description: 'Lower bound, inclusive' }),
        to: Type.Number({
          description: 'Upper bound, exclusive (the last band holds 1 and above)',
        }),
        count: Type.Integer(),
      }),
      { description: 'Ten bands of 0.1 from 0 to 1, empty ones included' },
    ),
  }),
  sample: Type.Array(
    Type.Object({
      rank: Type.Integer({ minimum: 1, description: '1 for the best-scored pair' }),
      ...ProposedPair,
    }),
    { description: 'Up to 10 pairs spread evenly from the best to the weakest' },
  ),
});
export type RoundPreview = Static<typeof RoundPreview>;

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
