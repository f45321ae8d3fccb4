// Notifications: what happened to a user's offers, partnerships and applications, kept until
// read. The one place that writes them: a step that notifies inside its own transaction (a
// request, a decision, a round) hands its notifications to `writeNotifications` with that
// transaction, so the step and its notifications are stored together or not at all.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
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

export function createNotificationRepository(db: Db) {
  const { notifications } = tablesFor(db);
  return {
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
