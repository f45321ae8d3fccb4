// Institutions: directory search, one institution, registration, verification.
import {
  CreateInstitutionBody,
  Institution,
  InstitutionPage,
  InstitutionQuery,
} from '@twinning/contracts/institutions';
import { errorResponses, IdParams } from '@twinning/contracts/common';
import { requireRole } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

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
      const { q, country, region, verified, limit, cursor } = request.query;
      return services.institutions.list({
        q,
        country,
        region,
        verified,
        limit: limit ?? 20,
        cursor,
      });
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
      const admin = requireRole(request, 'institution_admin');
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
      const secretariat = requireRole(request, 'secretariat');
      return services.institutions.verify(secretariat, request.params.id);
    },
  );
}
