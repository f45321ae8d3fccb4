// Notifications: what happened to a user's offers, partnerships and applications, kept until
// read. The one place that writes them: a step that notifies inside its own transaction (a
// request, a decision, a round) hands its notifications to `writeNotifications` with that
// transaction, so the step and its notifications are stored together or not at all.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { transaction } from '../transaction.ts';
import { changedRows, tablesFor } from '../dialect.ts';

export interface Notification {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** A notification to store: what happened (`kind`), to whom, and what it names (`payload`). */
export interface NotificationInput {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** The database or an open transaction of it (transaction.ts): anything that can insert. */
export type NotificationWriter = Pick<Db, 'insert'>;

/** Stores notifications through `writer` (another repository's transaction, or the database). */
export async function writeNotifications(
  writer: NotificationWriter,
  list: readonly NotificationInput[],
  at: Date,
): Promise<void> {
  // Chunks keep each statement under SQLite's limit on bound values (a round notifies many).
  const { notifications } = tablesFor(writer as Db);
  for (let i = 0; i < list.length; i += 200) {
    await writer
      .insert(notifications)
      .values(list.slice(i, i + 200).map((n) => ({ ...n, createdAt: at })));
  }
}

/** A notification taken to be mailed, with what its mail needs of its recipient. */
export interface MailableNotification extends Notification {
  recipient: {
    id: string;
    email: string;
    name: string;
    locale: string | null;
    timeZone: string | null;
    emailNotifications: 'instant' | 'daily' | 'off';
  };
}

export interface TakeForMail {
  /** Whose: users whose e-mail setting is this (and, when given, only this user). */
  setting: 'instant' | 'daily';
  userId?: string;
  kinds: readonly string[];
  /** Made at or after `since` and before `before`. */
  since: Date;
  before: Date;
  at: Date;
  limit: number;
}

export function createNotificationRepository(db: Db) {
  const { notifications, users } = tablesFor(db);

  function unmailed(input: Omit<TakeForMail, 'at' | 'limit'>) {
    return and(
      isNull(notifications.mailedAt),
      inArray(notifications.kind, [...input.kinds]),
      gte(notifications.createdAt, input.since),
      lt(notifications.createdAt, input.before),
      eq(users.emailNotifications, input.setting),
      input.userId === undefined ? undefined : eq(notifications.userId, input.userId),
    );
  }

  return {
    /**
     * Takes notifications to mail (oldest first): marks them mailed and, in the same
     * transaction, lets `write` store their mails — so a mail exists exactly when its
     * notifications are marked, and each is taken by one process (the update re-checks it).
     * `write` may throw to take none of them.
     */
    async takeForMail(
      input: TakeForMail,
      write: (tx: Db, taken: MailableNotification[]) => Promise<void>,
    ): Promise<MailableNotification[]> {
      return transaction(db, async (tx) => {
        const rows = await tx
          .select({
            id: notifications.id,
            userId: notifications.userId,
            kind: notifications.kind,
            payload: notifications.payload,
            createdAt: notifications.createdAt,
            readAt: notifications.readAt,
            recipient: {
              id: users.id,
              email: users.email,
              name: users.name,
              locale: users.locale,
              timeZone: users.timeZone,
              emailNotifications: users.emailNotifications,
            },
          })
          .from(notifications)
          .innerJoin(users, eq(users.id, notifications.userId))
          .where(unmailed(input))
          .orderBy(asc(notifications.createdAt), asc(notifications.id))
          .limit(input.limit);
        if (rows.length === 0) return [];
        const taken = await tx
          .update(notifications)
          .set({ mailedAt: input.at })
          .where(
            and(
              inArray(
                notifications.id,
                rows.map((r) => r.id),
              ),
              isNull(notifications.mailedAt),
            ),
          )
          .returning({ id: notifications.id });
        const ids = new Set(taken.map((t) => t.id));
        const mine = rows.filter((r) => ids.has(r.id));
        if (mine.length > 0) await write(tx, mine);
        return mine;
      });
    },

    /** The users whose setting is `setting` with notifications of `kinds` not yet mailed. */
    async awaitingMail(
      input: Omit<TakeForMail, 'at' | 'limit' | 'userId'>,
    ): Promise<{ userId: string; timeZone: string | null }[]> {
      return db
        .selectDistinct({ userId: notifications.userId, timeZone: users.timeZone })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(unmailed(input));
    },

    /** Stores notifications on their own (steps that write nothing else). */
    async create(list: readonly NotificationInput[], at: Date): Promise<void> {
      if (list.length === 0) return;
      await transaction(db, (tx) => writeNotifications(tx, list, at));
    },

    /** The user's notifications, newest first, and how many are unread. */
    async listFor(
      userId: string,
      limit: number,
    ): Promise<{ items: Notification[]; unread: number }> {
      const items = await db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
      const [count] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), sql`${notifications.readAt} is null`));
      return { items, unread: count?.n ?? 0 };
    },

    /** Marks the user's notifications read (all, or those ids); returns how many changed. */
    async markRead(userId: string, at: Date, ids?: string[]): Promise<number> {
      const conditions = [eq(notifications.userId, userId), sql`${notifications.readAt} is null`];
      if (ids) conditions.push(inArray(notifications.id, ids));
      const result = await db
        .update(notifications)
        .set({ readAt: at })
        .where(and(...conditions));
      return changedRows(result);
    },

    async findById(id: string): Promise<Notification | undefined> {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
