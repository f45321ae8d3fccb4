// Partnerships: request, list, accept, decline, withdraw, complete (API.md, "Partnerships").
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  CompleteBody,
  Partnership,
  PartnershipBody,
  PartnershipPage,
  PartnershipQuery,
} from '@twinning/contracts/partnerships';
import type { Partnership as StoredPartnership } from '@twinning/db/repositories/partnerships';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

function publicPartnership(p: StoredPartnership) {
  return {
    id: p.id,
    offerId: p.offerId,
    partnerOfferId: p.partnerOfferId,
    requestedBy: p.requestedBy,
    requesterName: p.requesterName,
    status: p.status,
    message: p.message,
    score: p.score,
    conversationId: p.conversationId,
    createdAt: p.createdAt.toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
    studentsA: p.studentsA,
    studentsB: p.studentsB,
  };
}

export default function partnershipRoutes(app: Api, { services }: RouteContext) {
  app.post(
    '/partnerships',
    {
      schema: {
        tags: ['partnerships'],
        summary:
          'Request a partnership (owner of offerId); opens a conversation between the two sides',
        body: PartnershipBody,
        response: { 201: Partnership, ...errorResponses },
      },
    },
    async (request, reply) => {
      const partnership = await services.partnerships.request(requireUser(request), request.body);
      return reply.status(201).send(publicPartnership(partnership));
    },
  );

  app.get(
    '/partnerships',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'Partnerships involving the user’s offers (all of them for the secretariat)',
        querystring: PartnershipQuery,
        response: { 200: PartnershipPage, ...errorResponses },
      },
    },
    async (request) => {
      const { status, cursor, limit } = request.query;
      const page = await services.partnerships.list(requireUser(request), {
        status,
        cursor,
        limit: limit ?? 20,
      });
      return { items: page.items.map(publicPartnership), nextCursor: page.nextCursor };
    },
  );

  const steps = [
    ['accept', 'Accept a request (owner of partnerOfferId); both offers become matched'],
    ['decline', 'Decline a request (owner of partnerOfferId)'],
    ['withdraw', 'Withdraw a pending request (the requester)'],
  ] as const;
  for (const [step, summary] of steps) {
    app.post(
      `/partnerships/:id/${step}`,
      {
        schema: {
          tags: ['partnerships'],
          summary,
          params: IdParams,
          response: { 200: Partnership, ...errorResponses },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const id = request.params.id;
        const result =
          step === 'withdraw'
            ? await services.partnerships.withdraw(user, id)
            : await services.partnerships.decide(
                user,
                id,
                step === 'accept' ? 'accepted' : 'declined',
              );
        return publicPartnership(result);
      },
    );
  }

  app.post(
    '/partnerships/:id/complete',
    {
      schema: {
        tags: ['partnerships'],
        summary:
          'Record that an accepted partnership ran, with the students on each side (either owner)',
        params: IdParams,
        body: CompleteBody,
        response: { 200: Partnership, ...errorResponses },
      },
    },
    async (request) =>
      publicPartnership(
        await services.partnerships.complete(requireUser(request), request.params.id, request.body),
      ),
  );
}
