// Conversations, their members' read cursors, and messages. A message takes its conversation's
// next `seq` in the same transaction that stores it (no gaps, no duplicates), and a repeated
// (author, clientMessageId) finds the first message instead of storing another — after Matrix's
// transaction ids and Mattermost's sequence numbers.
import {
  aliasedTable,
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
} from 'drizzle-orm';
import type {
  Conversation,
  ConversationMember,
  Message as MessageShape,
} from '@twinning/contracts/conversations';
import type { Db } from '../client.ts';
import { isUniqueViolation, rows, tablesFor } from '../dialect.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';
import { dialectOfDb, sqliteGateOf, transaction } from '../transaction.ts';

/** A stored message: the API's message (one shape, `@twinning/contracts`), its time a Date. */
export type Message = Omit<MessageShape, 'createdAt'> & { createdAt: Date };

export type { ConversationMember };

/** A conversation as its member sees it; the last message as stored. */
export type ConversationSummary = Omit<Conversation, 'lastMessage'> & {
  lastMessage: Message | null;
};

/** A message row as the hot statements below read it (created_at in ms). */
type MessageRow = Omit<Message, 'createdAt'> & { createdAt: number };
const messageColumns = `id, conversation_id as conversationId, seq, author_id as authorId, body,
  client_message_id as clientMessageId, created_at as createdAt`;

/** A member with a message unread long enough to be told of it. */
export interface UnreadDue {
  conversationId: string;
  userId: string;
  /** The conversation's title, and who wrote the first message the member has not read. */
  title: string;
  fromName: string;
  unread: number;
  firstUnreadAt: Date;
}

export function createConversationRepository(db: Db) {
  const {
    applications,
    conversationMembers,
    conversations,
    institutions,
    messages,
    offers,
    users,
  } = tablesFor(db);
  /*
   * The real-time path — store a message, catch a socket up, list a room's members — runs
   * thousands of times a second. Its statements are prepared once, on the connection itself:
   * built through the query builder each time, they cost more than the writes (profiled: ~60%
   * of the server's CPU per message went to building and preparing SQL).
   */
  type AppendInput = {
    id: string;
    conversationId: string;
    authorId: string;
    body: string;
    clientMessageId: string;
    at: Date;
  };
  function prepareHot(): HotPath {
    const client = db.$client;
    const prepared = {
      existing: client.prepare<[string, string, string], MessageRow>(
        `select ${messageColumns} from messages
         where conversation_id = ? and author_id = ? and client_message_id = ?`,
      ),
      nextSeq: client.prepare<[number, string], { seq: number }>(
        `update conversations set last_seq = last_seq + 1, last_message_at = ?
         where id = ? returning last_seq as seq`,
      ),
      insert: client.prepare<[string, string, number, string, string, string, number]>(
        `insert into messages (id, conversation_id, seq, author_id, body, client_message_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readOwn: client.prepare<[number, string, string]>(
        `update conversation_members set last_read_seq = ? where conversation_id = ? and user_id = ?`,
      ),
      after: client.prepare<[string, number, number], MessageRow>(
        `select ${messageColumns} from messages
         where conversation_id = ? and seq > ? order by seq asc limit ?`,
      ),
      memberIds: client
        .prepare<[string], string>(
          `select user_id from conversation_members where conversation_id = ?`,
        )
        .pluck(),
    };
    /** One message: the first of a retried id, or the next seq and the row. */
    const appendOne = (input: AppendInput): { message: Message; duplicate: boolean } => {
      const existing = prepared.existing.get(
        input.conversationId,
        input.authorId,
        input.clientMessageId,
      );
      if (existing) return { message: toMessage(existing), duplicate: true };
      const at = input.at.getTime();
      const counter = prepared.nextSeq.get(at, input.conversationId);
      if (!counter) throw new RangeError(`conversation ${input.conversationId} does not exist`);
      prepared.insert.run(
        input.id,
        input.conversationId,
        counter.seq,
        input.authorId,
        input.body,
        input.clientMessageId,
        at,
      );
      // The author has read their own message.
      prepared.readOwn.run(counter.seq, input.conversationId, input.authorId);
      return {
        message: {
          id: input.id,
          conversationId: input.conversationId,
          seq: counter.seq,
          authorId: input.authorId,
          body: input.body,
          clientMessageId: input.clientMessageId,
          createdAt: input.at,
        },
        duplicate: false,
      };
    };
    /** The same in a savepoint of its own (inside the batch's transaction). */
    const appendOneApart = client.transaction(appendOne);
    /*
     * Group commit: the messages that arrive in one turn of the event loop are stored in one
     * transaction — one write to the log instead of one per message. Each caller learns its own
     * outcome once the whole transaction has committed (nothing is acked before it is durable).
     * A message that fails (its conversation gone meanwhile) must take back only its own writes:
     * the batch is first tried plainly, and should anything fail, it is rolled back whole and
     * stored again with each message in its own savepoint (two statements more a message, paid
     * only then).
     */
    type Outcome =
      { ok: true; value: { message: Message; duplicate: boolean } } | { ok: false; cause: unknown };
    let queue: {
      input: AppendInput;
      resolve: (value: { message: Message; duplicate: boolean }) => void;
      reject: (cause: unknown) => void;
    }[] = [];
    const storeBatch = client.transaction((store: () => Outcome[]) => store());
    const flush = () => {
      const batch = queue;
      queue = [];
      let outcomes: Outcome[];
      // Whether a message failed (then the batch is worth storing again, each apart), not the
      // transaction itself (busy, I/O: then trying again would only wait twice as long).
      let messageFailed = false;
      // IMMEDIATE: the write lock from the start, so another process's write cannot make the
      // first write after a read fail as busy.
      try {
        outcomes = storeBatch.immediate(() =>
          batch.map((item) => {
            try {
              return { ok: true, value: appendOne(item.input) };
            } catch (cause) {
              messageFailed = true;
              throw cause;
            }
          }),
        );
      } catch (cause) {
        if (!messageFailed) {
          for (const item of batch) item.reject(cause);
          return;
        }
        // Rolled back, nothing of the batch stored: again, each message apart.
        try {
          outcomes = storeBatch.immediate(() =>
            batch.map((item): Outcome => {
              try {
                return { ok: true, value: appendOneApart(item.input) };
              } catch (cause) {
                // Some errors (disk full, I/O) make SQLite roll the whole transaction back: then
                // nothing of this batch is stored, and the rest must not run outside it.
                if (!client.inTransaction) throw cause;
                return { ok: false, cause };
              }
            }),
          );
        } catch (cause) {
          for (const item of batch) item.reject(cause);
          return;
        }
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.cause);
      });
    };
    // The statements run on the connection itself, outside drizzle: while a transaction of
    // this process is open (transaction.ts) they wait for it, so they neither read its
    // uncommitted rows nor write into it.
    const gate = sqliteGateOf(db);
    const whenIdle = async () => {
      while (gate.busy) await gate.idle();
    };
    const flushWhenIdle = () => {
      if (gate.busy) void gate.idle().then(flushWhenIdle);
      else flush();
    };
    return {
      append: (input: AppendInput) =>
        new Promise<{ message: Message; duplicate: boolean }>((resolve, reject) => {
          queue.push({ input, resolve, reject });
          if (queue.length === 1) setImmediate(flushWhenIdle);
        }),
      async after(conversationId: string, afterSeq: number, limit: number) {
        await whenIdle();
        return prepared.after.all(conversationId, afterSeq, limit).map(toMessage);
      },
      async memberIds(conversationId: string) {
        await whenIdle();
        return prepared.memberIds.all(conversationId);
      },
    };
  }

  /*
   * PostgreSQL: one statement stores a message — the conversation's row is locked by the
   * increment of its counter until the message is in, so writers on every process take
   * consecutive seqs, and a failed insert takes its increment back with it (no gap). A retried
   * clientMessageId is looked up first; two copies of it racing make the second insert fail on
   * the unique index, and the first one is returned.
   */
  function preparePostgres(): HotPath {
    const existing = async (input: AppendInput) => {
      const [row] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, input.conversationId),
            eq(messages.authorId, input.authorId),
            eq(messages.clientMessageId, input.clientMessageId),
          ),
        );
      return row;
    };
    async function appendNow(
      input: AppendInput,
    ): Promise<{ message: Message; duplicate: boolean }> {
      const first = await existing(input);
      if (first) return { message: first, duplicate: true };
      let stored: { seq: number }[];
      try {
        stored = await rows<{ seq: number }>(
          db,
          sql`with next as (
                update conversations set last_seq = last_seq + 1, last_message_at = ${input.at}
                where id = ${input.conversationId} returning last_seq
              ), stored as (
                insert into messages (id, conversation_id, seq, author_id, body, client_message_id, created_at)
                select ${input.id}, ${input.conversationId}, last_seq, ${input.authorId}, ${input.body},
                       ${input.clientMessageId}, ${input.at} from next
                returning seq
              ), own as (
                update conversation_members set last_read_seq = (select seq from stored)
                where conversation_id = ${input.conversationId} and user_id = ${input.authorId}
              )
              select seq from stored`,
        );
      } catch (error) {
        const raced = isUniqueViolation(error) ? await existing(input) : undefined;
        if (raced) return { message: raced, duplicate: true };
        throw error;
      }
      const seq = stored[0]?.seq;
      if (seq === undefined) {
        throw new RangeError(`conversation ${input.conversationId} does not exist`);
      }
      return {
        message: {
          id: input.id,
          conversationId: input.conversationId,
          seq,
          authorId: input.authorId,
          body: input.body,
          clientMessageId: input.clientMessageId,
          createdAt: input.at,
        },
        duplicate: false,
      };
    }
    /*
     * This process's appends to one conversation run one after the other, so they resolve —
     * and are acked and published — in seq order (the lock orders the commits, but answers on
     * different pooled connections could arrive in any order).
     */
    const tails = new Map<string, Promise<unknown>>();
    const inTurn = <T>(conversationId: string, step: () => Promise<T>): Promise<T> => {
      const previous = tails.get(conversationId) ?? Promise.resolve();
      const result = previous.then(step, step);
      const tail = result.catch(() => undefined);
      tails.set(conversationId, tail);
      void tail.then(() => {
        if (tails.get(conversationId) === tail) tails.delete(conversationId);
      });
      return result;
    };
    return {
      append: (input) => inTurn(input.conversationId, () => appendNow(input)),
      after: (conversationId, afterSeq, limit) =>
        db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
          .orderBy(asc(messages.seq))
          .limit(limit),
      async memberIds(conversationId) {
        const found = await db
          .select({ userId: conversationMembers.userId })
          .from(conversationMembers)
          .where(eq(conversationMembers.conversationId, conversationId));
        return found.map((r) => r.userId);
      },
    };
  }

  type HotPath = {
    append(input: AppendInput): Promise<{ message: Message; duplicate: boolean }>;
    after(conversationId: string, afterSeq: number, limit: number): Promise<Message[]>;
    memberIds(conversationId: string): Promise<string[]>;
  };
  let hot: HotPath | undefined;
  const statements = (): HotPath =>
    (hot ??= dialectOfDb(db) === 'postgres' ? preparePostgres() : prepareHot());
  const toMessage = (row: MessageRow): Message => ({ ...row, createdAt: new Date(row.createdAt) });

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
              last.map((r) => sql`(${r.id}, cast(${r.lastSeq} as integer))`),
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
      return statements().memberIds(conversationId);
    },

    /**
     * Stores a message with the next seq, or — when this author already sent this
     * clientMessageId here — returns the first one untouched (`duplicate: true`). The author has
     * read their own message.
     */
    async append(input: AppendInput): Promise<{ message: Message; duplicate: boolean }> {
      return statements().append(input);
    },

    /** Messages in ascending seq: after `afterSeq`, or the newest before `beforeSeq`. */
    async history(
      conversationId: string,
      query: { afterSeq?: number; beforeSeq?: number; limit: number },
    ): Promise<Message[]> {
      const conditions = [eq(messages.conversationId, conversationId)];
      if (query.afterSeq !== undefined) conditions.push(gt(messages.seq, query.afterSeq));
      if (query.beforeSeq !== undefined) conditions.push(lt(messages.seq, query.beforeSeq));
      // Catching up (after a seq, nothing before): the real-time path, prepared once.
      if (query.afterSeq !== undefined && query.beforeSeq === undefined) {
        return statements().after(conversationId, query.afterSeq, query.limit);
      }
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
      // SQLite's scalar max/min are PostgreSQL's greatest/least.
      const [larger, smaller] =
        dialectOfDb(db) === 'postgres' ? [sql`greatest`, sql`least`] : [sql`max`, sql`min`];
      const [row] = await db
        .update(conversationMembers)
        .set({
          lastReadSeq: sql`${larger}(${conversationMembers.lastReadSeq}, ${smaller}(cast(${seq} as integer), (select ${conversations.lastSeq} from ${conversations} where ${conversations.id} = ${conversationId})))`,
        })
        .where(
          and(
            eq(conversationMembers.conversationId, conversationId),
            eq(conversationMembers.userId, userId),
          ),
        )
        .returning({ lastReadSeq: conversationMembers.lastReadSeq });
      return row?.lastReadSeq;
    },

    /**
     * Members with a message unread since before `unreadBefore` (and after `since`) who were not
     * told of it yet: told now, once per conversation until they read it — `unreadMailedAt` is
     * set, and a member is due again only when their first unread message is newer than that
     * (they read, and a new message came). `notify` drafts what tells them, stored in the same
     * transaction; each member is taken by one process (the update re-checks it).
     */
    async takeUnread(
      input: { unreadBefore: Date; since: Date; at: Date; limit: number },
      notify: (due: UnreadDue[]) => NotificationInput[],
    ): Promise<UnreadDue[]> {
      return transaction(db, async (tx) => {
        const author = aliasedTable(users, 'author');
        const due = (m: typeof messages) =>
          and(
            gt(conversations.lastSeq, conversationMembers.lastReadSeq),
            lte(m.createdAt, input.unreadBefore),
            gt(m.createdAt, input.since),
            or(
              isNull(conversationMembers.unreadMailedAt),
              lt(conversationMembers.unreadMailedAt, m.createdAt),
            ),
          );
        const candidates = await tx
          .select({
            conversationId: conversationMembers.conversationId,
            userId: conversationMembers.userId,
            title: conversations.title,
            fromName: author.name,
            unread:
              sql<number>`${conversations.lastSeq} - ${conversationMembers.lastReadSeq}`.mapWith(
                Number,
              ),
            firstUnreadAt: messages.createdAt,
          })
          .from(conversationMembers)
          .innerJoin(conversations, eq(conversations.id, conversationMembers.conversationId))
          .innerJoin(
            messages,
            and(
              eq(messages.conversationId, conversationMembers.conversationId),
              eq(messages.seq, sql`${conversationMembers.lastReadSeq} + 1`),
            ),
          )
          .innerJoin(author, eq(author.id, messages.authorId))
          .where(due(messages))
          .orderBy(asc(messages.createdAt))
          .limit(input.limit);
        const taken: UnreadDue[] = [];
        for (const candidate of candidates) {
          const changed = await tx
            .update(conversationMembers)
            .set({ unreadMailedAt: input.at })
            .where(
              and(
                eq(conversationMembers.conversationId, candidate.conversationId),
                eq(conversationMembers.userId, candidate.userId),
                or(
                  isNull(conversationMembers.unreadMailedAt),
                  lt(conversationMembers.unreadMailedAt, candidate.firstUnreadAt),
                ),
              ),
            )
            .returning({ userId: conversationMembers.userId });
          if (changed.length > 0) taken.push(candidate);
        }
        if (taken.length > 0) await writeNotifications(tx, notify(taken), input.at);
        return taken;
      });
    },

    /** The direct conversation of two users, created with both as members if there is none. */
    async findOrCreateDirect(input: {
      id: string;
      userIds: [string, string];
      title: string;
      at: Date;
    }): Promise<{ id: string; created: boolean }> {
      const key = [...input.userIds].sort().join(':');
      const existing = async (reader: Db) => {
        const [row] = await reader
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.directKey, key));
        return row;
      };
      try {
        return await transaction(db, async (tx) => {
          const found = await existing(tx);
          if (found) return { id: found.id, created: false };
          await tx.insert(conversations).values({
            id: input.id,
            kind: 'direct',
            title: input.title,
            directKey: key,
            createdAt: input.at,
          });
          await tx.insert(conversationMembers).values(
            input.userIds.map((userId) => ({
              conversationId: input.id,
              userId,
              joinedAt: input.at,
            })),
          );
          return { id: input.id, created: true };
        });
      } catch (error) {
        // Both people opened it at once on two processes (PostgreSQL): the other one's stands.
        const raced = isUniqueViolation(error) ? await existing(db) : undefined;
        if (raced) return { id: raced.id, created: false };
        throw error;
      }
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
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
