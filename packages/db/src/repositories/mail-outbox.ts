// The mail outbox: a mail is stored in the same transaction as what causes it (`enqueueMail(tx,
// …)` inside another repository's transaction, or `enqueue` on its own) and sent later by a
// worker. The worker's contract with this table:
// - `claim` takes due rows with a lease in ONE statement (an UPDATE … RETURNING; on PostgreSQL
//   its rows are picked FOR UPDATE SKIP LOCKED), so of several processes exactly one holds a row
//   until its lease ends; the claim counts the attempt and names its holder (`leaseOwner`);
// - `markSent` / `markFailed` only touch a row the caller still holds (its lease owner), so a
//   worker whose lease ran out cannot overwrite what the next holder did;
// - a row whose holder died is claimed again once its lease has ended.
// `dedupeKey` makes a mail once-only: a second enqueue with the same key is ignored.
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changedRows, rows, tablesFor } from '../dialect.ts';
import { dialectOfDb } from '../transaction.ts';

export interface NewMail {
  id: string;
  /** What the mail is: verify_email, password_reset, partnership_request, digest, … */
  kind: string;
  userId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers: Record<string, string>;
  /** Once-only: a second mail with this key is not stored. */
  dedupeKey?: string | null;
  createdAt: Date;
  /** When it may first be sent; `createdAt` by default. */
  notBefore?: Date;
}

export interface OutboxMail {
  id: string;
  kind: string;
  userId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupeKey: string | null;
  status: 'pending' | 'sent' | 'failed';
  /** Attempts made so far (a claim counts one). */
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  leaseOwner: string | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

/**
 * Stores a mail with `db` — a database or an open transaction's `tx`, so the mail commits or
 * rolls back with what caused it. Resolves to false when a mail with its dedupeKey exists.
 */
export async function enqueueMail(db: Db, mail: NewMail): Promise<boolean> {
  const { mailOutbox } = tablesFor(db);
  const inserted = await db
    .insert(mailOutbox)
    .values({
      id: mail.id,
      kind: mail.kind,
      userId: mail.userId,
      toAddress: mail.toAddress,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      dedupeKey: mail.dedupeKey ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: mail.notBefore ?? mail.createdAt,
      createdAt: mail.createdAt,
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
  return inserted.length > 0;
}

export function createMailOutboxRepository(db: Db) {
  const { mailOutbox } = tablesFor(db);
  const postgres = dialectOfDb(db) === 'postgres';

  return {
    /** See enqueueMail; pass `tx` to store the mail in an open transaction. */
    enqueue(mail: NewMail, tx: Db = db): Promise<boolean> {
      return enqueueMail(tx, mail);
    },

    /**
     * Claims up to `limit` due mails for `owner` until `now + leaseMs`, oldest due first, and
     * counts an attempt on each; resolves to them. Of concurrent claims (in this process or
     * others) each row goes to one.
     */
    async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMail[]> {
      const at = sql.param(now, mailOutbox.nextAttemptAt);
      const until = sql.param(new Date(now.getTime() + leaseMs), mailOutbox.leaseUntil);
      const due = sql`${mailOutbox.status} = 'pending' AND ${mailOutbox.nextAttemptAt} <= ${at}
        AND (${mailOutbox.leaseUntil} IS NULL OR ${mailOutbox.leaseUntil} <= ${at})`;
      // The due rows are picked once (a materialized CTE: as a plain subquery PostgreSQL may
      // run it again per row and go past the limit), then updated; the outer WHERE repeats the
      // conditions, which PostgreSQL re-checks on a row another statement changed meanwhile, and
      // SKIP LOCKED passes over rows another claim is taking.
      const claimed = await rows<{ id: string }>(
        db,
        sql`WITH picked AS MATERIALIZED (SELECT id FROM mail_outbox WHERE ${due}
          ORDER BY next_attempt_at, id LIMIT ${limit}${postgres ? sql` FOR UPDATE SKIP LOCKED` : sql``})
        UPDATE mail_outbox SET lease_owner = ${owner}, lease_until = ${until},
          attempts = attempts + 1
        WHERE id IN (SELECT id FROM picked) AND ${due}
        RETURNING id`,
      );
      if (claimed.length === 0) return [];
      return (await db
        .select()
        .from(mailOutbox)
        .where(
          and(
            inArray(
              mailOutbox.id,
              claimed.map((r) => r.id),
            ),
            eq(mailOutbox.leaseOwner, owner),
          ),
        )
        .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))) as OutboxMail[];
    },

    /** Marks a mail `owner` holds as sent; false when it no longer holds it. */
    async markSent(id: string, owner: string, now: Date): Promise<boolean> {
      const result = await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: now, leaseUntil: null, leaseOwner: null, lastError: null })
        .where(held(id, owner));
      return changedRows(result) > 0;
    },

    /**
     * Records a failed attempt of a mail `owner` holds: tried again at `retryAt`, or, when that
     * is null, given up (`failed`). False when it no longer holds it.
     */
    async markFailed(id: string, owner: string, error: string, retryAt: Date | null) {
      const result = await db
        .update(mailOutbox)
        .set({
          lastError: error.slice(0, 2000),
          leaseUntil: null,
          leaseOwner: null,
          ...(retryAt ? { nextAttemptAt: retryAt } : { status: 'failed' as const }),
        })
        .where(held(id, owner));
      return changedRows(result) > 0;
    },

    async find(id: string): Promise<OutboxMail | null> {
      const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
      return (row as OutboxMail | undefined) ?? null;
    },

    /** A user's mails, newest first. */
    async listForUser(userId: string, limit = 50): Promise<OutboxMail[]> {
      return (await db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.userId, userId))
        .orderBy(sql`${mailOutbox.createdAt} DESC`, sql`${mailOutbox.id} DESC`)
        .limit(limit)) as OutboxMail[];
    },

    /**
     * Pending mails stored after `after` (by createdAt, then id), oldest first: what a process
     * without a mail server logs, once each.
     */
    async listPendingAfter(
      after: { createdAt: Date; id: string } | null,
      limit: number,
    ): Promise<OutboxMail[]> {
      return (await db
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.status, 'pending'),
            after
              ? or(
                  gt(mailOutbox.createdAt, after.createdAt),
                  and(eq(mailOutbox.createdAt, after.createdAt), gt(mailOutbox.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id))
        .limit(limit)) as OutboxMail[];
    },

    /** When the next pending mail is due (null: none is). */
    async nextDueAt(): Promise<Date | null> {
      const [row] = await db
        .select({ at: mailOutbox.nextAttemptAt })
        .from(mailOutbox)
        .where(eq(mailOutbox.status, 'pending'))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(1);
      return row?.at ?? null;
    },

    /** How many mails are in each state (for logs and tests). */
    async counts(): Promise<Record<OutboxMail['status'], number>> {
      const found = await db
        .select({ status: mailOutbox.status, n: sql<number>`count(*)` })
        .from(mailOutbox)
        .groupBy(mailOutbox.status);
      const counts = { pending: 0, sent: 0, failed: 0 };
      for (const { status, n } of found) counts[status] = Number(n);
      return counts;
    },
  };

  function held(id: string, owner: string) {
    return and(eq(mailOutbox.id, id), eq(mailOutbox.leaseOwner, owner), isNull(mailOutbox.sentAt));
  }
}

export type MailOutboxRepository = ReturnType<typeof createMailOutboxRepository>;
