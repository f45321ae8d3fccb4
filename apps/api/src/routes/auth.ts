// Accounts: sign-up, log-in, log-out and the current user (API.md, "Accounts").
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../errors.ts';
import {
  ChangePasswordBody,
  LoginBody,
  MeReply,
  PasswordResetBody,
  PasswordResetConfirmBody,
  SessionIdParams,
  SessionListReply,
  SignupBody,
  UserReply,
  VerifyEmailBody,
  type User as PublicUser,
} from '@twinning/contracts/accounts';
import { errorResponses } from '@twinning/contracts/common';
import { normalizeEmail } from '@twinning/core/accounts/credentials';
import type { User } from '@twinning/db/repositories/users';
import { clearSessionCookie, requireUser, setSessionCookie } from '../plugins/sessions.ts';
import { publicSessionId } from '../services/session-tokens.ts';
import type { Api, RouteContext } from './types.ts';

// One schema object for every app this process builds, so its serializer is compiled once.
const noContent = Type.Null();

/** The user as API.md shows it: never the password hash or moderation state. */
export function publicUser(user: User): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    institutionId: user.institutionId,
    // Stored only after validation against the CEFR levels, so the narrower type holds.
    languages: user.languages as PublicUser['languages'],
    timeZone: user.timeZone,
    demo: user.demo,
    emailVerified: user.emailVerified,
    title: user.title,
    bio: user.bio,
    locale: user.locale,
    emailNotifications: user.emailNotifications,
  };
}

export default function authRoutes(app: Api, { services, config, loginLimit }: RouteContext) {
  const cookie = { secure: config.cookieSecure };
  // One budget for sign-up and log-in together, per client address (RATE_LIMIT_AUTH, 0 = off).
  const limiter =
    config.rateLimitAuth > 0
      ? app.createRateLimit({
          max: config.rateLimitAuth,
          timeWindow: 60_000,
          keyGenerator: (request) => `auth-address:${request.clientAddress}`,
        })
      : null;
  const tooMany = (reply: FastifyReply, seconds: number, message: string) => {
    reply.header('retry-after', String(seconds));
    return new HttpError(429, 'rate_limited', message);
  };
  const limitAttempts = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!limiter) return;
    const verdict = await limiter(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      const seconds = Math.max(1, Math.ceil(verdict.ttl / 1000));
      throw tooMany(reply, seconds, `Too many attempts. Try again in ${seconds} seconds.`);
    }
  };

  app.post(
    '/auth/signup',
    {
      onRequest: limitAttempts,
      schema: {
        tags: ['accounts'],
        summary: 'Create an account and start a session',
        body: SignupBody,
        response: { 201: UserReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await services.accounts.signup(request.body, request.headers['user-agent']);
      setSessionCookie(reply, session.token, session.expiresAt, cookie);
      return reply.status(201).send({ user: publicUser(session.user) });
    },
  );

  app.post(
    '/auth/login',
    {
      onRequest: limitAttempts,
      schema: {
        tags: ['accounts'],
        summary: 'Log in: a new session at every log-in',
        body: LoginBody,
        response: { 200: UserReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const attempt = await loginLimit?.begin(email);
      if (attempt && !attempt.allowed) {
        const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
        throw tooMany(
          reply,
          attempt.retryAfterSeconds,
          `Too many failed log-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        );
      }
      try {
        const session = await services.accounts.login(
          email,
          password,
          request.headers['user-agent'],
        );
        await attempt?.succeeded();
        setSessionCookie(reply, session.token, session.expiresAt, cookie);
        return { user: publicUser(session.user) };
      } catch (error) {
        // A suspended account's password was right: not a guess to count.
        if (error instanceof HttpError && error.code === 'suspended') await attempt?.succeeded();
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End the current session',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await services.accounts.logout(request.sessionId!);
      // The session's open sockets close too, in every process.
      await services.events.publish({
        type: 'logout',
        userId: user.id,
        sessionId: request.sessionId!,
      });
      clearSessionCookie(reply, cookie);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      // A stolen session must not try current passwords without limit either.
      onRequest: limitAttempts,
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; every other session of the user ends',
        body: ChangePasswordBody,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await services.accounts.changePassword(user, request.sessionId!, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['accounts'],
        summary: "The user's own sessions, the one in use marked current",
        response: { 200: SessionListReply, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const items = await services.accounts.listSessions(user.id, request.sessionId!);
      return {
        items: items.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.delete(
    '/auth/sessions/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'End one of the own sessions (its open sockets close too)',
        params: SessionIdParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await services.accounts.endSession(user.id, request.params.id);
      // Ending the session in use is a log-out: the cookie goes too.
      if (publicSessionId(request.sessionId!) === request.params.id) {
        clearSessionCookie(reply, cookie);
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sessions/revoke-others',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Log out everywhere else: end every session but this one',
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await services.accounts.endOtherSessions(user.id, request.sessionId!);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      onRequest: limitAttempts,
      schema: {
        tags: ['accounts'],
        summary: 'Verify the address with the token of the verification mail’s link',
        description: 'Single-use, 24 h. A used, expired or unknown token → 400 `invalid_token`.',
        body: VerifyEmailBody,
        response: { 200: UserReply, ...errorResponses },
      },
    },
    async (request) => ({
      user: publicUser(await services.accounts.verifyEmail(request.body.token)),
    }),
  );

  // A few mails per account an hour: enough for a lost mail, too few to flood a mailbox.
  const resendLimit = app.createRateLimit({
    max: 3,
    timeWindow: 3_600_000,
    keyGenerator: (request) => `verify-resend:${request.user?.id ?? request.clientAddress}`,
  });
  app.post(
    '/auth/verify-email/resend',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send the verification mail again (3 an hour)',
        description: 'Nothing is sent when the address is verified already.',
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const verdict = await resendLimit(request);
      if (!verdict.isAllowed && verdict.isExceeded) {
        const seconds = Math.max(1, Math.ceil(verdict.ttl / 1000));
        const minutes = Math.ceil(seconds / 60);
        throw tooMany(
          reply,
          seconds,
          `The link was sent several times already. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, and look in your spam folder.`,
        );
      }
      await services.accounts.resendVerification(user);
      return reply.status(204).send(null);
    },
  );

  // Reset mails: a few an hour per address (counted whether or not it has an account, so the
  // limit tells nobody which exist; stored hashed) and a few more per client address.
  const resetPerAddress = app.createRateLimit({
    max: 3,
    timeWindow: 3_600_000,
    keyGenerator: (request) =>
      `password-reset-address:${createHash('sha256')
        .update(normalizeEmail((request.body as PasswordResetBody).email))
        .digest('hex')}`,
  });
  const resetPerClient = app.createRateLimit({
    max: 10,
    timeWindow: 3_600_000,
    keyGenerator: (request) => `password-reset-client:${request.clientAddress}`,
  });
  app.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Mail a password-reset link (single-use, 1 h) to an account’s address',
        description:
          '202 whether or not the address has an account. Rate limited: 3 an hour per address, 10 an hour per client address.',
        body: PasswordResetBody,
        response: { 202: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      for (const limit of [resetPerClient, resetPerAddress]) {
        const verdict = await limit(request);
        if (!verdict.isAllowed && verdict.isExceeded) {
          const seconds = Math.max(1, Math.ceil(verdict.ttl / 1000));
          const minutes = Math.ceil(seconds / 60);
          throw tooMany(
            reply,
            seconds,
            `A reset link was asked for several times already. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, and look in your spam folder for the mails sent.`,
          );
        }
      }
      await services.accounts.requestPasswordReset(request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      onRequest: limitAttempts,
      schema: {
        tags: ['accounts'],
        summary: 'Set a new password with the reset mail’s token; every session of the user ends',
        description:
          'A used, expired or unknown token → 400 `invalid_token`; a weak password → 400 with `details` on `password` (the link still works).',
        body: PasswordResetConfirmBody,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.accounts.resetPassword(request.body.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in user and their institution affiliation',
        response: { 200: MeReply, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return {
        user: publicUser(user),
        affiliation: await services.accounts.affiliationOf(user.id),
      };
    },
  );
}
