// People: public profiles, one's own profile and settings, avatars (API.md, "Accounts, e-mail
// and people").
import { Type } from 'typebox';
import { MeReply } from '@twinning/contracts/accounts';
import { errorResponses, IdParams } from '@twinning/contracts/common';
import {
  AvatarQuery,
  PersonActivity,
  PublicProfile,
  UpdateMeBody,
} from '@twinning/contracts/people';
import { avatarLimits } from '@twinning/core/people/avatar';
import { HttpError } from '../errors.ts';
import { requireUser } from '../plugins/sessions.ts';
import { publicUser } from './auth.ts';
import type { Api, RouteContext } from './types.ts';

const errorsWith415 = { ...errorResponses, 415: Type.Ref('ErrorReply') };

export default function peopleRoutes(app: Api, { services }: RouteContext) {
  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change one’s profile and settings: only the fields given',
        body: UpdateMeBody,
        response: { 200: MeReply, ...errorResponses },
      },
    },
    async (request) => {
      const user = await services.people.updateMe(requireUser(request), request.body);
      return {
        user: publicUser(user),
        affiliation: await services.accounts.affiliationOf(user.id),
      };
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['people'],
        summary:
          'A public profile: of any lecturer or admin; of a student only to themselves, the secretariat and owners of offers they applied to (others: 404)',
        params: IdParams,
        response: { 200: PublicProfile, ...errorResponses },
      },
    },
    async (request) => services.people.profile(request.user, request.params.id),
  );

  app.get(
    '/users/:id/activity',
    {
      schema: {
        tags: ['people'],
        summary:
          'What a profile page shows beside the profile: fields taught, open offers, finished partnerships',
        params: IdParams,
        response: { 200: PersonActivity, ...errorResponses },
      },
    },
    async (request) => services.people.activity(request.user, request.params.id),
  );

  app.get(
    '/users/:id/avatar',
    {
      schema: {
        tags: ['people'],
        summary:
          'The avatar (WebP). With the `v` of avatarUrl it may be cached for good; an ETag answers revalidation with 304',
        params: IdParams,
        querystring: AvatarQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const avatar = await services.people.avatar(request.user, request.params.id);
      const version = String(avatar.updatedAt.getTime());
      const etag = `"${version}"`;
      const scope = avatar.public ? 'public' : 'private';
      reply.header('etag', etag);
      reply.header('vary', 'cookie');
      // The versioned address never changes content: a new avatar gets a new address.
      reply.header(
        'cache-control',
        request.query.v === version
          ? `${scope}, max-age=31536000, immutable`
          : `${scope}, no-cache`,
      );
      // 304 carries no body (RFC 9110).
      if (request.headers['if-none-match'] === etag)
        return reply.status(304).send(undefined as never);
      return reply.type(avatar.contentType).send(avatar.data);
    },
  );

  // The image's own bytes are the body, whatever Content-Type the sender gave: the service
  // tells the type from the bytes. Its own scope, so no other route takes raw bodies.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: avatarLimits.maxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.put(
      '/me/avatar',
      {
        bodyLimit: avatarLimits.maxBytes,
        schema: {
          tags: ['people'],
          summary: `Set one’s avatar: the body is a JPEG, PNG or WebP image of at most ${avatarLimits.maxBytes / 1024 / 1024} MB (413 beyond), stored as a ${avatarLimits.size} px WebP square without metadata`,
          response: { 200: PublicProfile, ...errorsWith415 },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (!Buffer.isBuffer(request.body)) {
          throw new HttpError(400, 'invalid_input', 'Send the image bytes as the body.', [
            { field: 'avatar', message: 'is required' },
          ]);
        }
        return services.people.setAvatar(user, request.body);
      },
    );
  });

  app.delete(
    '/me/avatar',
    {
      schema: {
        tags: ['people'],
        summary: 'Remove one’s avatar (pages show initials instead)',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.people.deleteAvatar(requireUser(request));
      return reply.status(204).send(null);
    },
  );
}
