// Student applications (API.md, "Student applications").
import {
  Application,
  ApplicationBody,
  ApplicationPage,
  ApplicationQuery,
} from '@twinning/contracts/applications';
import { errorResponses, IdParams } from '@twinning/contracts/common';
import type { Application as StoredApplication } from '@twinning/db/repositories/applications';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

function publicApplication({ offerOwnerId: _owner, ...a }: StoredApplication) {
  return {
    ...a,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

export default function applicationRoutes(app: Api, { services }: RouteContext) {
  app.post(
    '/offers/:id/applications',
    {
      schema: {
        tags: ['applications'],
        summary: 'Apply to an offer open to students (students)',
        params: IdParams,
        body: ApplicationBody,
        response: { 201: Application, ...errorResponses },
      },
    },
    async (request, reply) => {
      const application = await services.applications.apply(
        requireUser(request),
        request.params.id,
        request.body.motivation,
      );
      return reply.status(201).send(publicApplication(application));
    },
  );

  app.get(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary:
          'A student’s own applications, or (with offerId) those to an offer its owner keeps',
        querystring: ApplicationQuery,
        response: { 200: ApplicationPage, ...errorResponses },
      },
    },
    async (request) => {
      const { offerId, limit, cursor } = request.query;
      const page = await services.applications.list(requireUser(request), {
        offerId,
        cursor,
        limit: limit ?? 20,
      });
      return { items: page.items.map(publicApplication), nextCursor: page.nextCursor };
    },
  );

  for (const decision of ['accept', 'decline'] as const) {
    app.post(
      `/applications/:id/${decision}`,
      {
        schema: {
          tags: ['applications'],
          summary: `${decision === 'accept' ? 'Accept' : 'Decline'} an application (the offer’s owner); the student is notified`,
          params: IdParams,
          response: { 200: Application, ...errorResponses },
        },
      },
      async (request) =>
        publicApplication(
          await services.applications[decision](requireUser(request), request.params.id),
        ),
    );
  }

  app.post(
    '/applications/:id/withdraw',
    {
      schema: {
        tags: ['applications'],
        summary:
          'Withdraw an application (the student who applied): pending or accepted → withdrawn; the offer’s owner is notified',
        description:
          'A declined or already withdrawn application answers 409. The student may apply to the offer again later, which reopens the application as pending.',
        params: IdParams,
        response: { 200: Application, ...errorResponses },
      },
    },
    async (request) =>
      publicApplication(
        await services.applications.withdraw(requireUser(request), request.params.id),
      ),
  );
}
