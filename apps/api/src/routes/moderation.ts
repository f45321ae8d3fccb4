// Moderation (secretariat): what waits for a decision, and suspending accounts or hiding offers
// with the reason kept.
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  AccountFound,
  AccountLookupBody,
  Hiding,
  Moderation,
  ReasonBody,
  Suspension,
} from '@twinning/contracts/moderation';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

export default function moderationRoutes(app: Api, { services }: RouteContext) {
  app.get(
    '/moderation',
    {
      schema: {
        tags: ['moderation'],
        summary:
          'Institutions and affiliations waiting, suspended accounts, hidden offers (secretariat)',
        response: { 200: Moderation, ...errorResponses },
      },
    },
    async (request) => services.moderation.queue(requireUser(request)),
  );

  app.post(
    '/moderation/accounts/find',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Find an account by its email address (secretariat)',
        description:
          'A POST so the address travels in the body, not in a URL that access logs keep. 404 when no account has it.',
        body: AccountLookupBody,
        response: { 200: AccountFound, ...errorResponses },
      },
    },
    async (request) => services.moderation.findAccount(requireUser(request), request.body.email),
  );

  app.post(
    '/users/:id/suspend',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Suspend an account, with the reason (secretariat)',
        description:
          'Its sessions end at once and its open sockets close; it cannot log in until restored.',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Suspension, ...errorResponses },
      },
    },
    async (request) =>
      services.moderation.suspend(requireUser(request), request.params.id, request.body.reason),
  );

  app.post(
    '/users/:id/unsuspend',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Restore a suspended account (secretariat)',
        params: IdParams,
        response: { 200: Suspension, ...errorResponses },
      },
    },
    async (request) => services.moderation.suspend(requireUser(request), request.params.id, null),
  );

  app.post(
    '/offers/:id/hide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Hide an offer, with the reason (secretariat)',
        description:
          'It leaves every list, search, page and matching until it is shown again. Its pending partnership requests are withdrawn and the other side of each is told why; agreed partnerships stay. Its owner is told, with the reason.',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Hiding, ...errorResponses },
      },
    },
    async (request) =>
      services.moderation.hide(requireUser(request), request.params.id, request.body.reason),
  );

  app.post(
    '/offers/:id/unhide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Show a hidden offer again (secretariat)',
        params: IdParams,
        response: { 200: Hiding, ...errorResponses },
      },
    },
    async (request) => services.moderation.hide(requireUser(request), request.params.id, null),
  );
}
