// People with accounts, their sessions and their institution affiliations.
import { and, count, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Role } from '@twinning/core/accounts/roles';
import type { Db } from '../client.ts';
import { changedRows, isUniqueViolation, tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import type * as schema from '../schema.ts';

export interface UserLanguage {
  code: string;
  level: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  institutionId: string | null;
  languages: UserLanguage[];
  timeZone: string | null;
  suspended: boolean;
  /** Whether the person proved the address is theirs (the link of the verification mail). */
  emailVerified: boolean;
  /** One of the demo data's people (marked as such in the UI). */
  demo: boolean;
  /** Profile and settings (PATCH /api/me). */
  title: string | null;
  bio: string | null;
  locale: string | null;
  emailNotifications: 'instant' | 'daily' | 'off';
}

export interface Affiliation {
  institutionId: string;
  institutionName: string;
  role: 'lecturer' | 'admin';
  status: 'pending' | 'verified' | 'refused';
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  name: string;
  role: Role;
  languages?: UserLanguage[];
  timeZone?: string | null;
  /** Set for accounts made verified (secretariat accounts, the demo data). */
  emailVerifiedAt?: Date | null;
}

/** The fields PATCH /api/me may change, validated by core's people/profile rules. */
export interface ProfileChanges {
  name?: string;
  title?: string | null;
  bio?: string | null;
  languages?: UserLanguage[];
  timeZone?: string | null;
  locale?: string | null;
  emailNotifications?: 'instant' | 'daily' | 'off';
}

export interface NewAffiliation {
  id: string;
  institutionId: string;
  role: 'lecturer' | 'admin';
  status: 'pending' | 'verified';
  method: 'email_domain' | 'creator' | null;
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A session as its owner sees it in the sessions list (the id is the stored one: keep it inside). */
export interface SessionListing {
  id: string;
  createdAt: Date;
  lastSeenAt: Date | null;
  userAgent: string | null;
}

/** The columns a User is read from, of the database's own users table. */
function userColumnsOf(users: typeof schema.users) {
  return {
    id: users.id,
    email: users.email,
    name: users.name,
    role: users.role,
    institutionId: users.institutionId,
    languages: users.languages,
    timeZone: users.timeZone,
    suspendedAt: users.suspendedAt,
    emailVerifiedAt: users.emailVerifiedAt,
    demo: users.demo,
    title: users.title,
    bio: users.bio,
    locale: users.locale,
    emailNotifications: users.emailNotifications,
  };
}

type UserRow = {
  [K in keyof ReturnType<typeof userColumnsOf>]: (typeof schema.users.$inferSelect)[K];
};

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    institutionId: row.institutionId,
    languages: row.languages,
    timeZone: row.timeZone,
    suspended: row.suspendedAt !== null,
    emailVerified: row.emailVerifiedAt !== null,
    demo: row.demo,
    title: row.title,
    bio: row.bio,
    locale: row.locale,
    emailNotifications: row.emailNotifications,
  };
}

export interface MailRecipient {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  emailNotifications: 'instant' | 'daily' | 'off';
}

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
  }
}

export function createUserRepository(db: Db) {
  const { affiliations, institutions, users } = tablesFor(db);
  const userColumns = userColumnsOf(users);
  return {
    async findById(id: string): Promise<User | undefined> {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
      return row ? toUser(row) : undefined;
    },

    /** With the password hash, for logging in only. */
    async findCredentials(
      email: string,
    ): Promise<{ user: User; passwordHash: string } | undefined> {
      const [row] = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, email));
      return row ? { user: toUser(row), passwordHash: row.passwordHash } : undefined;
    },

    /**
     * Creates the user and, for lecturers and admins, the affiliation, in one transaction.
     * A verified affiliation also sets the user's institution.
     */
    async create(
      input: NewUser,
      affiliation?: NewAffiliation,
      /** More writes of the same transaction (the verification link and its mail). */
      alsoInTransaction?: (tx: Db) => Promise<void>,
    ): Promise<User> {
      const institutionId = affiliation?.status === 'verified' ? affiliation.institutionId : null;
      try {
        await transaction(db, async (tx) => {
          await tx.insert(users).values({
            id: input.id,
            email: input.email,
            passwordHash: input.passwordHash,
            name: input.name,
            role: input.role,
            institutionId,
            languages: input.languages ?? [],
            timeZone: input.timeZone ?? null,
            emailVerifiedAt: input.emailVerifiedAt ?? null,
          });
          if (affiliation) {
            await tx.insert(affiliations).values({
              id: affiliation.id,
              userId: input.id,
              institutionId: affiliation.institutionId,
              role: affiliation.role,
              status: affiliation.status,
              method: affiliation.method,
              decidedAt: affiliation.status === 'verified' ? new Date() : null,
            });
          }
          await alsoInTransaction?.(tx);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new EmailTakenError();
        throw error;
      }
      return {
        id: input.id,
        email: input.email,
        name: input.name,
        role: input.role,
        institutionId,
        languages: input.languages ?? [],
        timeZone: input.timeZone ?? null,
        suspended: false,
        emailVerified: (input.emailVerifiedAt ?? null) !== null,
        demo: false,
        title: null,
        bio: null,
        locale: null,
        emailNotifications: 'instant',
      };
    },

    /** Changes the profile and settings fields given (already validated); the user after it. */
    async updateProfile(id: string, patch: ProfileChanges): Promise<User | undefined> {
      if (Object.keys(patch).length > 0) await db.update(users).set(patch).where(eq(users.id, id));
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
      return row ? toUser(row) : undefined;
    },

    async emailTaken(email: string): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      return row !== undefined;
    },

    async affiliationOf(userId: string): Promise<Affiliation | null> {
      const [row] = await db
        .select({
          institutionId: affiliations.institutionId,
          institutionName: institutions.name,
          role: affiliations.role,
          status: affiliations.status,
        })
        .from(affiliations)
        .innerJoin(institutions, eq(institutions.id, affiliations.institutionId))
        .where(eq(affiliations.userId, userId))
        .orderBy(affiliations.createdAt)
        .limit(1);
      return row ?? null;
    },

    /** Records use at most once an hour, so reading a session seldom writes. */
    async touchLastActive(id: string, at: Date): Promise<void> {
      const hourAgo = new Date(at.getTime() - 60 * 60 * 1000);
      await db
        .update(users)
        .set({ lastActiveAt: at })
        .where(
          and(eq(users.id, id), or(isNull(users.lastActiveAt), lt(users.lastActiveAt, hourAgo))),
        );
    },

    async lastActiveAt(id: string): Promise<Date | null> {
      const [row] = await db.select({ at: users.lastActiveAt }).from(users).where(eq(users.id, id));
      return row?.at ?? null;
    },

    /** What mail to a user needs: where, to whom, in which language, and whether they want it. */
    async mailRecipient(id: string): Promise<MailRecipient | null> {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          locale: users.locale,
          emailNotifications: users.emailNotifications,
        })
        .from(users)
        .where(eq(users.id, id));
      return row ?? null;
    },

    /** Sets how a user gets notification mail; false when there is no such user. */
    async setEmailNotifications(
      id: string,
      value: MailRecipient['emailNotifications'],
    ): Promise<boolean> {
      const changed = await db
        .update(users)
        .set({ emailNotifications: value })
        .where(eq(users.id, id))
        .returning({ id: users.id });
      return changed.length > 0;
    },

    /** The password hash of a user, to check their current password before a change. */
    async passwordHashOf(id: string): Promise<string | undefined> {
      const [row] = await db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, id));
      return row?.passwordHash;
    },

    /**
     * Sets a new password hash and ends the user's sessions but `keepSessionId` (null: all), in
     * one transaction, so no session made with the old password outlives the change. Returns
     * the ended sessions' ids (their sockets are closed by the caller).
     */
    async replacePassword(
      id: string,
      passwordHash: string,
      keepSessionId: string | null,
    ): Promise<string[]> {
      const { sessions } = tablesFor(db);
      return transaction(db, async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
        const ended = await tx
          .delete(sessions)
          .where(
            keepSessionId === null
              ? eq(sessions.userId, id)
              : and(eq(sessions.userId, id), ne(sessions.id, keepSessionId)),
          )
          .returning({ id: sessions.id });
        return ended.map((row) => row.id);
      });
    },

    async countByRole(role: Role): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, role));
      return row?.n ?? 0;
    },
  };
}

export function createSessionRepository(db: Db) {
  const { sessions, users } = tablesFor(db);
  const userColumns = userColumnsOf(users);
  // Every request and every socket looks its session up: prepared once, not built each time.
  const withUser = db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
      },
      sessionLastSeenAt: sessions.lastSeenAt,
      user: userColumns,
      lastActiveAt: users.lastActiveAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
  return {
    async create(session: SessionRecord & { userAgent?: string | null }): Promise<void> {
      await db.insert(sessions).values({
        ...session,
        userAgent: session.userAgent ?? null,
        lastSeenAt: session.createdAt,
      });
    },

    /**
     * The session, its user, when the user was last seen active and when this session was last
     * used (null: never).
     */
    async findWithUser(id: string): Promise<
      | {
          session: SessionRecord;
          user: User;
          lastActiveAt: Date | null;
          sessionLastSeenAt: Date | null;
        }
      | undefined
    > {
      const [row] = await withUser.execute({ id });
      return row
        ? {
            session: row.session,
            user: toUser(row.user),
            lastActiveAt: row.lastActiveAt,
            sessionLastSeenAt: row.sessionLastSeenAt,
          }
        : undefined;
    },

    /** Records use of a session, unless it was recorded less than `everyMs` before `at`. */
    async touchLastSeen(id: string, at: Date, everyMs: number): Promise<void> {
      const before = new Date(at.getTime() - everyMs);
      await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(
          and(
            eq(sessions.id, id),
            or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, before)),
          ),
        );
    },

    /** A user's unexpired sessions, the most recently used first. */
    async listOf(userId: string, now: Date): Promise<SessionListing[]> {
      return db
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(
          desc(sql`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`),
          desc(sessions.id),
        );
    },

    /** Ends one of a user's sessions; false when the user has no such session. */
    async deleteOf(userId: string, id: string): Promise<boolean> {
      const result = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.id, id)));
      return changedRows(result) > 0;
    },

    /** Ends every session of a user but `keepId`; returns the ended sessions' ids. */
    async deleteOthersOf(userId: string, keepId: string): Promise<string[]> {
      const ended = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
        .returning({ id: sessions.id });
      return ended.map((row) => row.id);
    },

    async setExpiry(id: string, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
    },

    async delete(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteAllOf(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },

    async deleteExpired(now: Date): Promise<number> {
      const result = await db.delete(sessions).where(lt(sessions.expiresAt, now));
      return changedRows(result);
    },

    async countFor(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(sessions)
        .where(and(eq(sessions.userId, userId)));
      return row?.n ?? 0;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
export type SessionRepository = ReturnType<typeof createSessionRepository>;
