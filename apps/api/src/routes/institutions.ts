// Institutions: directory search, one institution, registration, and the secretariat's review
// (verify, refuse with a reason, ask the admin for more information; the admin answers).
import {
  AdminClaimList,
  AffiliationList,
  AffiliationQuery,
  AffiliationRequest,
  AnswerReviewBody,
  CreateInstitutionBody,
  Institution,
  InstitutionDomainList,
  InstitutionDomainParams,
  InstitutionPage,
  InstitutionQuery,
  InstitutionReview,
  InstitutionSummary,
  PendingDomainList,
  RefuseInstitutionBody,
  RequestInformationBody,
  UpdateInstitutionBody,
  VerificationQueue,
  VerificationQueueQuery,
} from '@twinning/contracts/institutions';
import type { AffiliationRequest as StoredAffiliation } from '@twinning/db/repositories/affiliations';
import { errorResponses, IdParams } from '@twinning/contracts/common';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

function publicAffiliation(a: StoredAffiliation) {
  return {
    ...a,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

export default function institutionRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/institutions',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Search the directory by name, country, region and verification',
        querystring: InstitutionQuery,
        response: { 200: InstitutionPage, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, ...filter } = request.query;
      return services.institutions.list({ ...filter, limit: limit ?? 20 });
    },
  );

  app.get(
    '/institutions/:id',
    {
      schema: {
        tags: ['institutions'],
        summary: 'One institution',
        params: IdParams,
        response: { 200: Institution, ...errorResponses },
      },
    },
    async (request) => services.institutions.get(request.params.id),
  );

  app.post(
    '/institutions',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Register an institution (institution admins); it starts unverified',
        body: CreateInstitutionBody,
        response: { 201: Institution, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireUser(request);
      return reply.status(201).send(await services.institutions.create(admin, request.body));
    },
  );

  app.post(
    '/institutions/:id/verify',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Mark an institution verified (secretariat)',
        params: IdParams,
        response: { 200: Institution, ...errorResponses },
      },
    },
    async (request) => {
      return services.institutions.verify(requireUser(request), request.params.id);
    },
  );

  app.post(
    '/institutions/:id/refuse',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Refuse an unverified institution, with a reason its admin is told (secretariat)',
        description:
          'It leaves the verification queue; its admins get an `institution_refused` notification with the reason. 409 when it is verified or refused already.',
        params: IdParams,
        body: RefuseInstitutionBody,
        response: { 200: InstitutionReview, ...errorResponses },
      },
    },
    async (request) =>
      services.institutions.review(requireUser(request), request.params.id, {
        status: 'refused',
        reason: request.body.reason,
      }),
  );

  app.post(
    '/institutions/:id/request-information',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Ask an unverified institution’s admin for more information (secretariat)',
        description:
          'It waits for the answer outside the queue; its admins get an `institution_info_requested` notification with the question. Their answer (`POST /api/institutions/{id}/answer`) puts it back in the queue.',
        params: IdParams,
        body: RequestInformationBody,
        response: { 200: InstitutionReview, ...errorResponses },
      },
    },
    async (request) =>
      services.institutions.review(requireUser(request), request.params.id, {
        status: 'info_requested',
        question: request.body.question,
      }),
  );

  app.post(
    '/institutions/:id/answer',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Answer the secretariat’s question (the institution’s own admin)',
        description:
          'The institution is back in the verification queue with the answer beside the question. 409 when nothing was asked.',
        params: IdParams,
        body: AnswerReviewBody,
        response: { 200: InstitutionReview, ...errorResponses },
      },
    },
    async (request) =>
      services.institutions.answerReview(
        requireUser(request),
        request.params.id,
        request.body.answer,
      ),
  );

  app.get(
    '/institutions/:id/review',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Where the secretariat’s review stands (its own admin, the secretariat)',
        params: IdParams,
        response: { 200: InstitutionReview, ...errorResponses },
      },
    },
    async (request) => services.institutions.reviewOf(requireUser(request), request.params.id),
  );

  app.get(
    '/verification-queue',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Institutions waiting for the secretariat, with who asked and when (secretariat)',
        description:
          '`status=pending` (default): the queue; `info_requested`: waiting for their admin’s answer; `refused`. Oldest request first.',
        querystring: VerificationQueueQuery,
        response: { 200: VerificationQueue, ...errorResponses },
      },
    },
    async (request) =>
      services.institutions.verificationQueue(requireUser(request), {
        status: request.query.status,
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      }),
  );

  app.patch(
    '/institutions/:id',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Edit an institution (its own admin)',
        params: IdParams,
        body: UpdateInstitutionBody,
        response: { 200: Institution, ...errorResponses },
      },
    },
    async (request) =>
      services.institutions.update(requireUser(request), request.params.id, request.body),
  );

  app.get(
    '/institutions/:id/summary',
    {
      schema: {
        tags: ['institutions'],
        summary: 'An institution’s figures: offers, open offers, partnerships, lecturers',
        params: IdParams,
        response: { 200: InstitutionSummary, ...errorResponses },
      },
    },
    async (request) => services.institutions.summary(request.params.id),
  );

  app.get(
    '/institutions/:id/affiliations',
    {
      schema: {
        tags: ['institutions'],
        summary:
          'People linked to the institution, e.g. those waiting for approval (its admin, the secretariat)',
        params: IdParams,
        querystring: AffiliationQuery,
        response: { 200: AffiliationList, ...errorResponses },
      },
    },
    async (request) => {
      const list = await services.institutions.affiliations(
        requireUser(request),
        request.params.id,
        request.query.status,
      );
      return { items: list.items.map(publicAffiliation) };
    },
  );

  for (const [action, status] of [
    ['approve', 'verified'],
    ['refuse', 'refused'],
  ] as const) {
    app.post(
      `/affiliations/:id/${action}`,
      {
        schema: {
          tags: ['institutions'],
          summary: `${action === 'approve' ? 'Approve' : 'Refuse'} a pending affiliation (the institution’s admin, the secretariat)`,
          params: IdParams,
          response: { 200: AffiliationRequest, ...errorResponses },
        },
      },
      async (request) =>
        publicAffiliation(
          await services.institutions.decideAffiliation(
            requireUser(request),
            request.params.id,
            status,
          ),
        ),
    );
  }

  app.post(
    '/affiliations/:id/remove',
    {
      schema: {
        tags: ['institutions'],
        summary:
          'Remove a verified affiliation (the institution’s admin: lecturers; the secretariat: anyone)',
        description:
          'The person leaves the institution (their affiliation becomes `refused`) and gets an `affiliation_removed` notification. 409 when it is not verified.',
        params: IdParams,
        response: { 200: AffiliationRequest, ...errorResponses },
      },
    },
    async (request) =>
      publicAffiliation(
        await services.institutions.removeAffiliation(requireUser(request), request.params.id),
      ),
  );

  app.get(
    '/institutions/:id/domains',
    {
      schema: {
        tags: ['institutions'],
        summary: 'The institution’s web domains with their state (its admin, the secretariat)',
        description:
          'Approved domains count for affiliations; a domain its admin added (`PATCH /api/institutions/{id}`) is `pending` until the secretariat approves it.',
        params: IdParams,
        response: { 200: InstitutionDomainList, ...errorResponses },
      },
    },
    async (request) => services.institutions.domains(requireUser(request), request.params.id),
  );

  app.get(
    '/verification-queue/domains',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Web domains admins added that wait for approval, with who asked (secretariat)',
        description:
          'A domain an admin adds to an institution counts for affiliations only once the secretariat approves it. Oldest request first.',
        response: { 200: PendingDomainList, ...errorResponses },
      },
    },
    async (request) => services.institutions.pendingDomains(requireUser(request)),
  );

  for (const [action, decision] of [
    ['approve', 'approved'],
    ['refuse', 'refused'],
  ] as const) {
    app.post(
      `/institutions/:id/domains/:domain/${action}`,
      {
        schema: {
          tags: ['institutions'],
          summary: `${action === 'approve' ? 'Approve' : 'Refuse'} a web domain an admin added (secretariat)`,
          description:
            action === 'approve'
              ? 'The domain counts for affiliations from now on: lecturers waiting with a verified address on it join at once. The admin who asked is told.'
              : 'The domain is removed from the institution. The admin who asked is told.',
          params: InstitutionDomainParams,
          response: { 200: Institution, ...errorResponses },
        },
      },
      async (request) =>
        services.institutions.decideDomain(
          requireUser(request),
          request.params.id,
          request.params.domain,
          decision,
        ),
    );
  }

  app.get(
    '/verification-queue/admin-claims',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Admins’ claims on verified institutions that wait for approval (secretariat)',
        description:
          'Approve or refuse one with `POST /api/affiliations/{id}/approve` · `/refuse`; an institution’s verified admin may decide too.',
        response: { 200: AdminClaimList, ...errorResponses },
      },
    },
    async (request) => {
      const { items } = await services.institutions.adminClaims(requireUser(request));
      return { items: items.map((c) => ({ ...publicAffiliation(c) })) };
    },
  );
}
