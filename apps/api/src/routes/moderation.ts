// Moderation (secretariat): what waits for a decision, and suspending accounts or hiding offers
// with the reason kept.
import { Type } from 'typebox';
import { errorResponses, IdParams } from '@twinning/contracts/common';
import { Moderation, ReasonBody } from '@twinning/contracts/stats';
import { requireUser } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

const Suspension = Type.Object({
  id: Type.String(),
  suspended: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
/** An account named by its id or its email address (what the secretariat has at hand). */
const AccountParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 254 }) });
const Hiding = Type.Object({
  id: Type.String(),
  hidden: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
});

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
    async (request) => services.statistics.moderation(requireUser(request)),
  );

  app.post(
    '/users/:id/suspend',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Suspend an account, with the reason (secretariat)',
        description:
          'The account by its id or its email address. Its sessions end at once and its open sockets close; it cannot log in until restored.',
        params: AccountParams,
        body: ReasonBody,
        response: { 200: Suspension, ...errorResponses },
      },
    },
    async (request) =>
      services.statistics.suspend(requireUser(request), request.params.id, request.body.reason),
  );

  app.post(
    '/users/:id/unsuspend',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Restore a suspended account (secretariat)',
        description: 'The account by its id or its email address.',
        params: AccountParams,
        response: { 200: Suspension, ...errorResponses },
      },
    },
    async (request) => services.statistics.suspend(requireUser(request), request.params.id, null),
  );

  app.post(
    '/offers/:id/hide',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Hide an offer, with the reason (secretariat)',
        description: 'It leaves every list, search, page and matching until it is shown again.',
        params: IdParams,
        body: ReasonBody,
        response: { 200: Hiding, ...errorResponses },
      },
    },
    async (request) =>
      services.statistics.hide(requireUser(request), request.params.id, request.body.reason),
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
    async (request) => services.statistics.hide(requireUser(request), request.params.id, null),
  );
}
