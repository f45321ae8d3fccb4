// Conversations, their members' read cursors, and messages. A message takes its conversation's
// next `seq` in the same transaction that stores it (no gaps, no duplicates), and a repeated
// (author, clientMessageId) finds the first message instead of storing another — after Matrix's
// transaction ids and Mattermost's sequence numbers.
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  applications,
  conversationMembers,
  conversations,
  institutions,
  messages,
  notifications,
  offers,
  users,
} from '../schema.ts';

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  authorId: string;
  body: string;
  clientMessageId: string;
  createdAt: Date;
}

export interface ConversationMember {
  id: string;
  name: string;
  role: string;
  institutionId: string | null;
  institutionName: string | null;
  country: string | null;
  lastReadSeq: number;
}

export interface ConversationSummary {
  id: string;
  kind: 'partnership' | 'direct';
  title: string;
  lastSeq: number;
  members: ConversationMember[];
  unread: number;
  lastMessage: Message | null;
}

export interface Notification {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export function createConversationRepository(db: Db) {
  async function membersOf(conversationIds: string[]): Promise<Map<string, ConversationMember[]>> {
    const byConversation = new Map<string, ConversationMember[]>();
    if (conversationIds.length === 0) return byConversation;
    const rows = await db
      .select({
        conversationId: conversationMembers.conversationId,
        id: users.id,
        name: users.name,
        role: users.role,
        institutionId: users.institutionId,
        institutionName: institutions.name,
        country: institutions.country,
        lastReadSeq: conversationMembers.lastReadSeq,
      })
      .from(conversationMembers)
      .innerJoin(users, eq(users.id, conversationMembers.userId))
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(inArray(conversationMembers.conversationId, conversationIds))
      .orderBy(asc(users.name));
    for (const { conversationId, ...member } of rows) {
      const list = byConversation.get(conversationId) ?? [];
      list.push(member);
      byConversation.set(conversationId, list);
    }
    return byConversation;
  }

  return {
    /** The user's conversations, most recent message first. */
    async listFor(userId: string, limit = 200, onlyId?: string): Promise<ConversationSummary[]> {
      const rows = await db
        .select({
          id: conversations.id,
          kind: conversations.kind,
          title: conversations.title,
          lastSeq: conversations.lastSeq,
          lastReadSeq: conversationMembers.lastReadSeq,
        })
        .from(conversationMembers)
        .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
        .where(
          and(
            eq(conversationMembers.userId, userId),
            onlyId === undefined ? undefined : eq(conversations.id, onlyId),
          ),
        )
        .orderBy(
          desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`),
          desc(conversations.id),
        )
        .limit(limit);
      const members = await membersOf(rows.map((r) => r.id));
      const last = rows.filter((r) => r.lastSeq > 0);
      const lastMessages = new Map<string, Message>();
      if (last.length > 0) {
        const found = await db
          .select()
          .from(messages)
          .where(
            sql`(${messages.conversationId}, ${messages.seq}) in (values ${sql.join(
              last.map((r) => sql`(${r.id}, ${r.lastSeq})`),
              sql`, `,
            )})`,
          );
        for (const m of found) lastMessages.set(m.conversationId, m);
      }
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        lastSeq: r.lastSeq,
        members: members.get(r.id) ?? [],
        unread: Math.max(0, r.lastSeq - r.lastReadSeq),
        lastMessage: lastMessages.get(r.id) ?? null,
      }));
    },

    async summary(
      conversationId: string,
      userId: string,
    ): Promise<ConversationSummary | undefined> {
      const [found] = await this.listFor(userId, 1, conversationId);
      return found;
    },

    async isMember(conversationId: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: conversationMembers.userId })
        .from(conversationMembers)
        .where(
          and(
            eq(conversationMembers.conversationId, conversationId),
            eq(conversationMembers.userId, userId),
          ),
        );
      return row !== undefined;
    },

    async exists(conversationId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(eq(conversations.id, conversationId));
      return row !== undefined;
    },

    async memberIds(conversationId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: conversationMembers.userId })
        .from(conversationMembers)
        .where(eq(conversationMembers.conversationId, conversationId));
      return rows.map((r) => r.userId);
    },

    /**
     * Stores a message with the next seq, or — when this author already sent this
     * clientMessageId here — returns the first one untouched (`duplicate: true`). The author has
     * read their own message.
     */
    async append(input: {
      id: string;
      conversationId: string;
      authorId: string;
      body: string;
      clientMessageId: string;
      at: Date;
    }): Promise<{ message: Message; duplicate: boolean }> {
      return db.transaction((tx) => {
        const existing = tx
          .select()
          .from(messages)
          .where(
            and(
              eq(messages.conversationId, input.conversationId),
              eq(messages.authorId, input.authorId),
              eq(messages.clientMessageId, input.clientMessageId),
            ),
          )
          .get();
        if (existing) return { message: existing, duplicate: true };
        const counter = tx
          .update(conversations)
          .set({ lastSeq: sql`${conversations.lastSeq} + 1`, lastMessageAt: input.at })
          .where(eq(conversations.id, input.conversationId))
          .returning({ seq: conversations.lastSeq })
          .get();
        if (!counter) throw new RangeError(`conversation ${input.conversationId} does not exist`);
        const message: Message = {
          id: input.id,
          conversationId: input.conversationId,
          seq: counter.seq,
          authorId: input.authorId,
          body: input.body,
          clientMessageId: input.clientMessageId,
          createdAt: input.at,
        };
        tx.insert(messages).values(message).run();
        tx.update(conversationMembers)
          .set({ lastReadSeq: counter.seq })
          .where(
            and(
              eq(conversationMembers.conversationId, input.conversationId),
              eq(conversationMembers.userId, input.authorId),
            ),
          )
          .run();
        return { message, duplicate: false };
      });
    },

    /** Messages in ascending seq: after `afterSeq`, or the newest before `beforeSeq`. */
    async history(
      conversationId: string,
      query: { afterSeq?: number; beforeSeq?: number; limit: number },
    ): Promise<Message[]> {
      const conditions = [eq(messages.conversationId, conversationId)];
      if (query.afterSeq !== undefined) conditions.push(gt(messages.seq, query.afterSeq));
      if (query.beforeSeq !== undefined) conditions.push(lt(messages.seq, query.beforeSeq));
      // Without afterSeq the page is the newest before beforeSeq (scrolling up), read in reverse.
      const newestFirst = query.afterSeq === undefined;
      const rows = await db
        .select()
        .from(messages)
        .where(and(...conditions))
        .orderBy(newestFirst ? desc(messages.seq) : asc(messages.seq))
        .limit(query.limit);
      return newestFirst ? rows.reverse() : rows;
    },

    /**
     * Moves the member's read cursor forward to `seq` (never back, never past the last message);
     * returns the cursor after the move, or undefined for a non-member.
     */
    async markRead(
      conversationId: string,
      userId: string,
      seq: number,
    ): Promise<number | undefined> {
      const row = db
        .update(conversationMembers)
        .set({
          lastReadSeq: sql`max(${conversationMembers.lastReadSeq}, min(${seq}, (select ${conversations.lastSeq} from ${conversations} where ${conversations.id} = ${conversationId})))`,
        })
        .where(
          and(
            eq(conversationMembers.conversationId, conversationId),
            eq(conversationMembers.userId, userId),
          ),
        )
        .returning({ lastReadSeq: conversationMembers.lastReadSeq })
        .get();
      return row?.lastReadSeq;
    },

    /** The direct conversation of two users, created with both as members if there is none. */
    async findOrCreateDirect(input: {
      id: string;
      userIds: [string, string];
      title: string;
      at: Date;
    }): Promise<{ id: string; created: boolean }> {
      const key = [...input.userIds].sort().join(':');
      return db.transaction((tx) => {
        const existing = tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.directKey, key))
          .get();
        if (existing) return { id: existing.id, created: false };
        tx.insert(conversations)
          .values({
            id: input.id,
            kind: 'direct',
            title: input.title,
            directKey: key,
            createdAt: input.at,
          })
          .run();
        tx.insert(conversationMembers)
          .values(
            input.userIds.map((userId) => ({
              conversationId: input.id,
              userId,
              joinedAt: input.at,
            })),
          )
          .run();
        return { id: input.id, created: true };
      });
    },

    /** The user's notifications, newest first, and how many are unread. */
    async notificationsFor(
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
        .select({ n: sql<number>`count(*)` })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), sql`${notifications.readAt} is null`));
      return { items, unread: count?.n ?? 0 };
    },

    /** Marks the user's notifications read (all, or those ids). */
    async markNotificationsRead(userId: string, at: Date, ids?: string[]): Promise<number> {
      const conditions = [eq(notifications.userId, userId), sql`${notifications.readAt} is null`];
      if (ids) conditions.push(inArray(notifications.id, ids));
      const result = await db
        .update(notifications)
        .set({ readAt: at })
        .where(and(...conditions));
      return result.changes;
    },

    /** Whether the student applied to any offer this user owns (the direct-message rule). */
    async appliedToOwner(studentId: string, ownerId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: applications.id })
        .from(applications)
        .innerJoin(offers, eq(offers.id, applications.offerId))
        .where(and(eq(applications.studentId, studentId), eq(offers.ownerId, ownerId)))
        .limit(1);
      return row !== undefined;
    },

    async notificationById(id: string): Promise<Notification | undefined> {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row;
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
