// Matching rounds (API.md, "Matching rounds and balance goals"), and the proposal the newest round
// made for one offer, which its lecturer sees beside the suggestions.
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  MatchingRound,
  MatchingRoundList,
  OfferProposal,
  RoundListQuery,
  RoundPreview,
  StartRoundBody,
} from '@twinning/contracts/matching-rounds';
import { requireUser } from '../plugins/sessions.ts';
import { publicOffer } from './offers.ts';
import type { Api, RouteContext } from './types.ts';

export default function matchingRoundRoutes(app: Api, { services }: RouteContext) {
  app.post(
    '/matching-rounds/preview',
    {
      schema: {
        tags: ['matching'],
        summary:
          'What a round would propose now, without storing or sending anything (secretariat)',
        description:
          'Works the round out exactly as `POST /api/matching-rounds` would and answers with its figures, the spread of its scores (min, median, max, ten bands), up to 10 pairs from the best to the weakest, and how many people it would notify. Nothing is stored and nobody is notified. `previewToken` stores exactly this round.',
        response: { 200: RoundPreview, ...errorResponses },
      },
    },
    async (request) => services.matching.previewRound(requireUser(request)),
  );

  app.post(
    '/matching-rounds',
    {
      // Scripts post without a body (API.md): that is an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: ['matching'],
        summary: 'Pair all open offers at once (secretariat)',
        description:
          'Asia × Europe: each open Asian offer with at most one European one, maximising the total reciprocal score (with the balance lift) under the hard constraints, solved exactly on a graph of each offer’s 12 best partners. Answers when the round is stored; both lecturers of each proposal get a `round_proposal` notification. One round at a time: 409 while another runs. Without a body (or without `previewToken`) the round runs and is stored directly. With the `previewToken` of `POST /api/matching-rounds/preview` it is stored only if it is exactly that preview; if open offers or the balance goals changed it meanwhile, nothing is stored or sent and the answer is 409 `preview_outdated` (preview again).',
        body: StartRoundBody,
        response: { 201: MatchingRound, ...errorResponses },
      },
    },
    async (request, reply) => {
      const round = await services.matching.startRound(requireUser(request), {
        previewToken: request.body.previewToken,
      });
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
