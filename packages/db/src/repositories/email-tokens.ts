// Single-use links sent by mail (address verification, password reset). Only the SHA-256 of a
// token is stored (as the row's id), with its purpose, the address it was sent to and when it
// expires. `consume` uses a token in one UPDATE … RETURNING, so of two uses at once one wins.
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { verifyAffiliationsByEmailDomain } from './affiliations.ts';

export type EmailTokenPurpose = 'verify_email' | 'password_reset';

export interface NewEmailToken {
  /** The token's SHA-256 (hex): never the token itself. */
  id: string;
  userId: string;
  purpose: EmailTokenPurpose;
  email: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Stores a token with `db` — a database or an open transaction's `tx`. */
export async function insertEmailToken(db: Db, token: NewEmailToken): Promise<void> {
  const { emailTokens } = tablesFor(db);
  await db.insert(emailTokens).values({ ...token, usedAt: null });
}

export function createEmailTokenRepository(db: Db) {
  const { emailTokens, users } = tablesFor(db);
  /**
   * Uses an unused, unexpired token of `purpose`; resolves to whom it was for, or null (unknown,
   * used, expired, or of another purpose).
   */
  async function consume(
    id: string,
    purpose: EmailTokenPurpose,
    now: Date,
    tx: Db = db,
  ): Promise<{ userId: string; email: string } | null> {
    const [row] = await tx
      .update(emailTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailTokens.id, id),
          eq(emailTokens.purpose, purpose),
          isNull(emailTokens.usedAt),
          gt(emailTokens.expiresAt, now),
        ),
      )
      .returning({ userId: emailTokens.userId, email: emailTokens.email });
    return row ?? null;
  }

  return {
    insert: (token: NewEmailToken, tx: Db = db) => insertEmailToken(tx, token),
    consume,

    /** Whom a usable token of `purpose` is for, without using it (null: not usable). */
    async peek(
      id: string,
      purpose: EmailTokenPurpose,
      now: Date,
    ): Promise<{ userId: string; email: string } | null> {
      const [row] = await db
        .select({ userId: emailTokens.userId, email: emailTokens.email })
        .from(emailTokens)
        .where(
          and(
            eq(emailTokens.id, id),
            eq(emailTokens.purpose, purpose),
            isNull(emailTokens.usedAt),
            gt(emailTokens.expiresAt, now),
          ),
        );
      return row ?? null;
    },

    /**
     * Uses a password-reset token: the user's password becomes `passwordHash` (when the link was
     * sent to the user's present address), every other reset link of theirs stops working, and
     * every session of theirs ends — all in one transaction. Resolves to the user's id and the
     * ended sessions' ids, or null when the token is not usable.
     */
    async resetPassword(
      id: string,
      passwordHash: string,
      now: Date,
    ): Promise<{ userId: string; endedSessionIds: string[] } | null> {
      const { sessions } = tablesFor(db);
      return transaction(db, async (tx) => {
        const used = await consume(id, 'password_reset', now, tx);
        if (!used) return null;
        const changed = await tx
          .update(users)
          .set({ passwordHash })
          .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
          .returning({ id: users.id });
        if (changed.length === 0) return null;
        await tx
          .update(emailTokens)
          .set({ usedAt: now })
          .where(
            and(
              eq(emailTokens.userId, used.userId),
              eq(emailTokens.purpose, 'password_reset'),
              isNull(emailTokens.usedAt),
              ne(emailTokens.id, id),
            ),
          );
        const ended = await tx
          .delete(sessions)
          .where(eq(sessions.userId, used.userId))
          .returning({ id: sessions.id });
        return { userId: used.userId, endedSessionIds: ended.map((row) => row.id) };
      });
    },

    /** Stores a token and, in the same transaction, what goes with it (the mail that sends it). */
    async issue(token: NewEmailToken, alsoInTransaction: (tx: Db) => Promise<void>) {
      await transaction(db, async (tx) => {
        await insertEmailToken(tx, token);
        await alsoInTransaction(tx);
      });
    },

    /**
     * Uses a verification token and marks its address verified — when it is still the user's
     * address — and, in the same transaction, applies the domain rule: a pending lecturer
     * affiliation on an approved domain of its institution becomes verified. Resolves to the
     * user's id, or null when the token is not usable.
     */
    async verifyEmail(id: string, now: Date): Promise<string | null> {
      return transaction(db, async (tx) => {
        const used = await consume(id, 'verify_email', now, tx);
        if (!used) return null;
        const changed = await tx
          .update(users)
          // The first verification's time stays (another of the user's links may follow).
          .set({
            emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${sql.param(now, users.emailVerifiedAt)})`,
          })
          .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
          .returning({ id: users.id });
        if (changed.length === 0) return null;
        await verifyAffiliationsByEmailDomain(tx, used.userId, used.email, now);
        return used.userId;
      });
    },
  };
}

export type EmailTokenRepository = ReturnType<typeof createEmailTokenRepository>;
