// Accounts: sign-up, log-in, log-out and the current user (API.md, "Accounts").
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../errors.ts';
import {
  LoginBody,
  MeReply,
  SignupBody,
  UserReply,
  type User as PublicUser,
} from '@twinning/contracts/accounts';
import { errorResponses } from '@twinning/contracts/common';
import type { User } from '@twinning/db/repositories/users';
import { clearSessionCookie, requireUser, setSessionCookie } from '../plugins/sessions.ts';
import type { Api, RouteContext } from './types.ts';

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
      const session = await services.accounts.signup(request.body);
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
        const session = await services.accounts.login(email, password);
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
