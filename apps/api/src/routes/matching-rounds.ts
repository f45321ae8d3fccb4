// Matching rounds (API.md, "Matching rounds and balance goals"), and the proposal the newest round
// made for one offer, which its lecturer sees beside the suggestions.
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  MatchingRound,
  MatchingRoundList,
  OfferProposal,
  RoundListQuery,
} from '@twinning/contracts/matching-rounds';
import { requireUser } from '../plugins/sessions.ts';
import { publicOffer } from './offers.ts';
import type { Api, RouteContext } from './types.ts';

export default function matchingRoundRoutes(app: Api, { services }: RouteContext) {
  app.post(
    '/matching-rounds',
    {
      schema: {
        tags: ['matching'],
        summary: 'Pair all open offers at once (secretariat)',
        description:
          'Asia × Europe: each open Asian offer with at most one European one, maximising the total reciprocal score (with the balance lift) under the hard constraints, solved exactly on a graph of each offer’s 12 best partners. Answers when the round is stored; both lecturers of each proposal get a `round_proposal` notification. One round at a time: 409 while another runs.',
        response: { 201: MatchingRound, ...errorResponses },
      },
    },
    async (request, reply) => {
      const round = await services.matching.startRound(requireUser(request));
      return reply.code(201).send(round);
    },
  );

  app.get(
    '/matching-rounds',
    {
      schema: {
        tags: ['matching'],
        summary: 'The newest rounds, with the progress of a running one (secretariat)',
        querystring: RoundListQuery,
        response: { 200: MatchingRoundList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await services.matching.rounds(requireUser(request), request.query.limit ?? 20),
    }),
  );

  app.get(
    '/matching-rounds/:id',
    {
      schema: {
        tags: ['matching'],
        summary: 'A round with its proposals, best first (secretariat)',
        params: IdParams,
        response: { 200: MatchingRound, ...errorResponses },
      },
    },
    async (request) => services.matching.round(requireUser(request), request.params.id),
  );

  app.get(
    '/offers/:id/proposal',
    {
      schema: {
        tags: ['matching'],
        summary: 'The newest round’s proposed partner for an offer (its owner, the secretariat)',
        description: '`proposal` is null when the newest round did not pair this offer.',
        params: IdParams,
        response: { 200: OfferProposal, ...errorResponses },
      },
    },
    async (request) => {
      const { proposal } = await services.matching.proposalFor(
        requireUser(request),
        request.params.id,
      );
      return {
        proposal: proposal && { ...proposal, offer: publicOffer(proposal.offer) },
      };
    },
  );
}
