// Reads the session cookie on every API request and gives routes `request.user`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '@twinning/db/repositories/users';
import { unauthorized } from '../errors.ts';
import type { AccountService } from '../services/accounts.ts';
import { sessionCookieName, sessionIdOf } from '../services/session-tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    sessionId: string | null;
  }
}

export interface CookieOptions {
  secure: boolean;
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  options: CookieOptions,
): void {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: CookieOptions): void {
  reply.setCookie(sessionCookieName, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    maxAge: 0,
  });
}

export function registerSessions(
  app: FastifyInstance,
  accounts: AccountService,
  cookie: CookieOptions,
): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookieName];
    if (!token) return;
    const found = await accounts.validateSessionToken(token);
    if (!found) {
      clearSessionCookie(reply, cookie);
      return;
    }
    request.user = found.user;
    request.sessionId = sessionIdOf(token);
    if (found.renewedUntil) setSessionCookie(reply, token, found.renewedUntil, cookie);
  });
}

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw unauthorized();
  return request.user;
}
