// People with accounts, their sessions and their institution affiliations.
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
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
    title: row.title,
    bio: row.bio,
    locale: row.locale,
    emailNotifications: row.emailNotifications,
  };
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
    async create(input: NewUser, affiliation?: NewAffiliation): Promise<User> {
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
      user: userColumns,
      lastActiveAt: users.lastActiveAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare();
  return {
    async create(session: SessionRecord): Promise<void> {
      await db.insert(sessions).values(session);
    },

    /** The session, its user, and when the user was last seen active (null: never). */
    async findWithUser(
      id: string,
    ): Promise<{ session: SessionRecord; user: User; lastActiveAt: Date | null } | undefined> {
      const [row] = await withUser.execute({ id });
      return row
        ? { session: row.session, user: toUser(row.user), lastActiveAt: row.lastActiveAt }
        : undefined;
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
