// Accounts and sessions: sign-up (with the affiliation rule), log-in, session checks, log-out.
import { isEmail, nameMaxLength, normalizeEmail } from '@twinning/core/accounts/credentials';
import { isSelfServiceRole, type Role } from '@twinning/core/accounts/roles';
import {
  judgeSession,
  newSessionExpiry,
  sessionSeenEveryMs,
} from '@twinning/core/accounts/sessions';
import { shortUserAgent } from '@twinning/core/accounts/user-agent';
import type { Repositories } from '@twinning/db/repositories';
import type {
  NewAffiliation,
  SessionListing,
  SessionRecord,
  User,
} from '@twinning/db/repositories/users';
import { EmailTakenError } from '@twinning/db/repositories/users';
import {
  conflict,
  FieldProblems,
  HttpError,
  invalidInput,
  notFound,
  unauthorized,
} from '../errors.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import { weakPasswordProblem } from './password-strength.ts';
import { hashPassword, verifyDecoy, verifyPassword } from './passwords.ts';
import { newSessionToken, publicSessionId, sessionIdOf } from './session-tokens.ts';
import type { Db } from '@twinning/db/client';
import type { EmailTokenPurpose, NewEmailToken } from '@twinning/db/repositories/email-tokens';
import type { Mailer } from '../mail/mailer.ts';

/** How long a verification link works. */
export const verificationLinkMs = 24 * 3_600_000;

/** How long a password-reset link works. */
export const passwordResetLinkMs = 3_600_000;

export interface SignupInput {
  email: string;
  password: string;
  name: string;
  role: string;
  institutionId?: string | null;
}

/** A session in its owner's list: `id` is the public one (publicSessionId), never the stored id. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  userAgent: string | null;
  current: boolean;
}

export interface NewSession {
  user: User;
  token: string;
  expiresAt: Date;
}

export interface AccountServiceDeps {
  repositories: Pick<Repositories, 'users' | 'sessions' | 'institutions' | 'emailTokens'>;
  now: () => Date;
  newId: () => string;
  /** Where the verification mail goes; without one (scripts), no mail is sent. */
  mailer?: Mailer;
  /** Ended sessions are published as `logout`, so their sockets close in every process. */
  events: EventBus;
}

export const wrongCredentials = 'Wrong email or password.';

function invalidResetLink(): HttpError {
  return new HttpError(
    400,
    'invalid_token',
    'This link does not work: it was used already, it expired (links work for 1 hour), or it was not copied whole. Ask for a new one on the “Forgot your password?” page.',
  );
}

export function createAccountService({
  repositories,
  now,
  newId,
  mailer,
  events,
}: AccountServiceDeps) {
  const { users, sessions, institutions, emailTokens } = repositories;

  /**
   * A new link for one of the user's addresses: the token that goes into the mail, and the row
   * that stores its hash (the token itself is never stored).
   */
  function newLink(
    user: Pick<User, 'id' | 'email'>,
    purpose: EmailTokenPurpose,
    lifetimeMs: number,
  ): { token: string; row: NewEmailToken } {
    const token = newSessionToken();
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + lifetimeMs);
    return {
      token,
      row: {
        id: sessionIdOf(token),
        userId: user.id,
        purpose,
        email: user.email,
        createdAt,
        expiresAt,
      },
    };
  }

  /** The verification mail with `token`'s link, stored in `tx` (a mailer is given). */
  async function enqueueVerificationMail(
    tx: Db,
    user: Pick<User, 'id' | 'email' | 'name'>,
    token: string,
  ): Promise<void> {
    await mailer!.enqueue(
      'verify_email',
      { ...user, locale: null, emailNotifications: 'instant' },
      { url: mailer!.link(`/verify-email?token=${token}`) },
      { tx },
    );
  }

  /**
   * A verification link for the user's address, stored (its hash) in `tx` with the mail that
   * sends it; the caller wakes the mailer after the commit.
   */
  async function issueVerification(
    tx: Db,
    user: Pick<User, 'id' | 'email' | 'name'>,
  ): Promise<void> {
    if (!mailer) return;
    const link = newLink(user, 'verify_email', verificationLinkMs);
    await emailTokens.insert(link.row, tx);
    await enqueueVerificationMail(tx, user, link.token);
  }

  async function startSession(user: User, userAgent: string | undefined): Promise<NewSession> {
    const token = newSessionToken();
    const createdAt = now();
    const expiresAt = newSessionExpiry(createdAt);
    await sessions.create({
      id: sessionIdOf(token),
      userId: user.id,
      createdAt,
      expiresAt,
      userAgent: shortUserAgent(userAgent),
    });
    return { user, token, expiresAt };
  }

  async function closeSockets(userId: string, sessionIds: readonly string[]): Promise<void> {
    for (const sessionId of sessionIds) await events.publish({ type: 'logout', userId, sessionId });
  }

  function view(session: SessionListing, currentId: string): SessionView {
    return {
      id: publicSessionId(session.id),
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      userAgent: session.userAgent,
      current: session.id === currentId,
    };
  }

  return {
    async signup(input: SignupInput, userAgent?: string): Promise<NewSession> {
      const problems = new FieldProblems();
      const email = normalizeEmail(input.email);
      const name = input.name.trim();
      if (!isEmail(email)) problems.add('email', 'must be an email address such as ana@uni.edu');
      const passwordIssue = weakPasswordProblem(input.password, { email, name });
      if (passwordIssue) problems.add('password', passwordIssue);
      if (name.length === 0) problems.add('name', 'must not be empty');
      else if (name.length > nameMaxLength)
        problems.add('name', `must be at most ${nameMaxLength} characters`);
      if (!isSelfServiceRole(input.role)) {
        problems.add('role', 'must be student, lecturer or institution_admin');
      }
      const role = input.role as Role;
      const institutionId = input.institutionId?.trim() || null;
      let affiliation: NewAffiliation | undefined;
      if (role === 'lecturer' && !institutionId) {
        problems.add('institutionId', 'a lecturer names the institution they teach at');
      }
      if (role === 'student' && institutionId) {
        problems.add('institutionId', 'students do not name an institution');
      }
      if (institutionId && (role === 'lecturer' || role === 'institution_admin')) {
        const institution = await institutions.findById(institutionId);
        if (!institution) {
          problems.add('institutionId', 'no institution has this id');
        } else {
          // Nobody is verified at sign-up: a lecturer's address on one of the institution's
          // approved domains counts once the address is proven (verifyEmail); an admin's claim
          // always waits for the institution's admin or the secretariat.
          affiliation = {
            id: newId(),
            institutionId,
            role: role === 'lecturer' ? 'lecturer' : 'admin',
            status: 'pending',
            method: null,
          };
        }
      }
      problems.throwIfAny();
      if (await users.emailTaken(email)) {
        throw conflict('An account with this email exists already.', [
          { field: 'email', message: 'is already registered' },
        ]);
      }
      const passwordHash = await hashPassword(input.password);
      try {
        const id = newId();
        const user = await users.create(
          { id, email, passwordHash, name, role },
          affiliation,
          (tx) => issueVerification(tx, { id, email, name }),
        );
        mailer?.wake();
        return await startSession(user, userAgent);
      } catch (error) {
        if (error instanceof EmailTakenError) {
          throw conflict('An account with this email exists already.', [
            { field: 'email', message: 'is already registered' },
          ]);
        }
        throw error;
      }
    },

    async login(emailInput: string, password: string, userAgent?: string): Promise<NewSession> {
      const found = await users.findCredentials(normalizeEmail(emailInput));
      if (!found) {
        await verifyDecoy(password);
        throw unauthorized(wrongCredentials);
      }
      if (!(await verifyPassword(found.passwordHash, password)))
        throw unauthorized(wrongCredentials);
      if (found.user.suspended) {
        throw new HttpError(
          403,
          'suspended',
          'This account is suspended. Contact the secretariat.',
        );
      }
      return startSession(found.user, userAgent);
    },

    /** The session's user, or null; `renewedUntil` is set when the cookie must be re-sent. */
    async validateSessionToken(
      token: string,
    ): Promise<{ user: User; session: SessionRecord; renewedUntil: Date | null } | null> {
      const id = sessionIdOf(token);
      const found = await sessions.findWithUser(id);
      if (!found) return null;
      const verdict = judgeSession(found.session, now());
      if (verdict.kind === 'expired' || found.user.suspended) {
        await sessions.delete(id);
        return null;
      }
      // Last active to the hour: most requests need no write.
      const at = now();
      if (!found.lastActiveAt || at.getTime() - found.lastActiveAt.getTime() >= 60 * 60 * 1000)
        await users.touchLastActive(found.user.id, at);
      if (
        !found.sessionLastSeenAt ||
        at.getTime() - found.sessionLastSeenAt.getTime() >= sessionSeenEveryMs
      )
        await sessions.touchLastSeen(id, at, sessionSeenEveryMs);
      if (verdict.kind === 'renew') {
        await sessions.setExpiry(id, verdict.expiresAt);
        return {
          user: found.user,
          session: { ...found.session, expiresAt: verdict.expiresAt },
          renewedUntil: verdict.expiresAt,
        };
      }
      return { user: found.user, session: found.session, renewedUntil: null };
    },

    async logout(sessionId: string): Promise<void> {
      await sessions.delete(sessionId);
    },

    /**
     * Changes the password of the user of session `currentSessionId` and ends their other
     * sessions. A wrong current password is a 400 on `currentPassword` and says nothing more.
     */
    async changePassword(
      user: User,
      currentSessionId: string,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      const hash = await users.passwordHashOf(user.id);
      if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
        throw new HttpError(400, 'wrong_password', 'The current password is not right.', [
          { field: 'currentPassword', message: 'is not your current password' },
        ]);
      }
      const problem = weakPasswordProblem(input.newPassword, user);
      if (problem) throw invalidInput([{ field: 'newPassword', message: problem }]);
      if (input.newPassword === input.currentPassword) {
        throw invalidInput([
          { field: 'newPassword', message: 'must differ from the current password' },
        ]);
      }
      const ended = await users.replacePassword(
        user.id,
        await hashPassword(input.newPassword),
        currentSessionId,
      );
      await closeSockets(user.id, ended);
    },

    /** The user's sessions, the one in use marked `current`. */
    async listSessions(userId: string, currentSessionId: string): Promise<SessionView[]> {
      const list = await sessions.listOf(userId, now());
      return list.map((s) => view(s, currentSessionId));
    },

    /** Ends one of the user's sessions by its public id (the current one too: a log-out). */
    async endSession(userId: string, publicId: string): Promise<void> {
      const match = (await sessions.listOf(userId, now())).find(
        (s) => publicSessionId(s.id) === publicId,
      );
      if (!match || !(await sessions.deleteOf(userId, match.id))) throw notFound('session');
      await closeSockets(userId, [match.id]);
    },

    /** Ends every session of the user but the current one; returns how many ended. */
    async endOtherSessions(userId: string, currentSessionId: string): Promise<number> {
      const ended = await sessions.deleteOthersOf(userId, currentSessionId);
      await closeSockets(userId, ended);
      return ended.length;
    },

    affiliationOf: (userId: string) => users.affiliationOf(userId),

    /**
     * Uses a verification link: the address is verified, and a lecturer waiting on an approved
     * domain of the institution joins it; a bad link → 400 invalid_token.
     */
    async verifyEmail(token: string): Promise<User> {
      const userId = await emailTokens.verifyEmail(sessionIdOf(token), now());
      const user = userId ? await users.findById(userId) : undefined;
      if (!user) {
        throw new HttpError(
          400,
          'invalid_token',
          'This link does not work: it was used already, it expired (links work for 24 hours), or it was not copied whole. Log in and ask for a new one.',
        );
      }
      return user;
    },

    /** Sends a new verification link (nothing when the address is verified already). */
    async resendVerification(user: User): Promise<void> {
      if (user.emailVerified || !mailer) return;
      const link = newLink(user, 'verify_email', verificationLinkMs);
      await emailTokens.issue(link.row, (tx) => enqueueVerificationMail(tx, user, link.token));
      mailer.wake();
    },

    /**
     * Mails a password-reset link (single-use, 1 h) to the account with this address, if there
     * is one that may log in. The caller answers the same either way: nobody learns from it
     * whether an address has an account.
     */
    async requestPasswordReset(emailInput: string): Promise<void> {
      const email = normalizeEmail(emailInput);
      if (!mailer || !isEmail(email)) return;
      const found = await users.findCredentials(email);
      if (!found || found.user.suspended) return;
      const { user } = found;
      const link = newLink(user, 'password_reset', passwordResetLinkMs);
      await emailTokens.issue(link.row, async (tx) => {
        const url = mailer.link(`/reset-password?token=${link.token}`);
        await mailer.enqueue('password_reset', user, { url }, { tx });
      });
      mailer.wake();
    },

    /**
     * Sets a new password with a reset link's token: the link and the user's other reset links
     * stop working and every session of the user ends (its sockets close). A bad link → 400
     * invalid_token; a weak password → 400 on `password`, and the link still works.
     */
    async resetPassword(token: string, password: string): Promise<void> {
      const id = sessionIdOf(token);
      const target = await emailTokens.peek(id, 'password_reset', now());
      const user = target ? await users.findById(target.userId) : undefined;
      if (!target || !user || user.email !== target.email) throw invalidResetLink();
      const problem = weakPasswordProblem(password, user);
      if (problem) throw invalidInput([{ field: 'password', message: problem }]);
      const done = await emailTokens.resetPassword(id, await hashPassword(password), now());
      if (!done) throw invalidResetLink();
      await closeSockets(done.userId, done.endedSessionIds);
    },

    /** For `pnpm admin:create` and the demo data: secretariat accounts never sign up. */
    async createSecretariat(input: {
      email: string;
      password: string;
      name: string;
    }): Promise<User> {
      const problems = new FieldProblems();
      const email = normalizeEmail(input.email);
      if (!isEmail(email)) problems.add('email', 'must be an email address');
      const passwordIssue = weakPasswordProblem(input.password, { email, name: input.name });
      if (passwordIssue) problems.add('password', passwordIssue);
      if (input.name.trim().length === 0) problems.add('name', 'must not be empty');
      problems.throwIfAny();
      if (await users.emailTaken(email)) throw conflict(`The email ${email} is taken.`);
      return users.create({
        id: newId(),
        email,
        passwordHash: await hashPassword(input.password),
        name: input.name.trim(),
        role: 'secretariat',
        // Made by an operator (admin:create), not signed up: nothing to prove.
        emailVerifiedAt: now(),
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
