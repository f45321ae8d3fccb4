// Partnerships between two offers, the conversation each request opens, and the notifications
// every step sends: each step is one transaction that only happens from the expected state.
import { and, desc, eq, getTableColumns, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newestFirstKey, olderThanCursor, pageOf, type Page } from '../paging.ts';
import {
  conversationMembers,
  conversations,
  notifications,
  offers,
  partnerships,
  users,
} from '../schema.ts';

export type PartnershipStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'completed';

/** A partnership with the name of the person who asked for it (the other side reads it). */
export type Partnership = typeof partnerships.$inferSelect & { requesterName: string };

const withRequester = { ...getTableColumns(partnerships), requesterName: users.name };

export interface NotificationInput {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
}

export class PairTakenError extends Error {
  constructor() {
    super('these offers have a pending or agreed partnership already');
  }
}

export function createPartnershipRepository(db: Db) {
  return {
    async create(input: {
      id: string;
      offerId: string;
      partnerOfferId: string;
      requestedBy: string;
      message: string;
      score: number | null;
      at: Date;
      conversation: { id: string; title: string; memberIds: string[] };
      notification: NotificationInput;
    }): Promise<Partnership> {
      db.transaction((tx) => {
        const pair = or(
          and(
            eq(partnerships.offerId, input.offerId),
            eq(partnerships.partnerOfferId, input.partnerOfferId),
          ),
          and(
            eq(partnerships.offerId, input.partnerOfferId),
            eq(partnerships.partnerOfferId, input.offerId),
          ),
        );
        const live = tx
          .select({ id: partnerships.id })
          .from(partnerships)
          .where(and(pair, inArray(partnerships.status, ['pending', 'accepted'])))
          .get();
        if (live) throw new PairTakenError();
        tx.insert(conversations)
          .values({
            id: input.conversation.id,
            kind: 'partnership',
            title: input.conversation.title,
            createdAt: input.at,
          })
          .run();
        tx.insert(conversationMembers)
          .values(
            [...new Set(input.conversation.memberIds)].map((userId) => ({
              conversationId: input.conversation.id,
              userId,
              joinedAt: input.at,
            })),
          )
          .run();
        tx.insert(partnerships)
          .values({
            id: input.id,
            offerId: input.offerId,
            partnerOfferId: input.partnerOfferId,
            requestedBy: input.requestedBy,
            status: 'pending',
            message: input.message,
            score: input.score,
            conversationId: input.conversation.id,
            createdAt: input.at,
          })
          .run();
        tx.insert(notifications)
          .values({ ...input.notification, createdAt: input.at })
          .run();
      });
      return (await this.findById(input.id))!;
    },

    /** Who is in a partnership's conversation. */
    async conversationMemberIds(conversationId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: conversationMembers.userId })
        .from(conversationMembers)
        .where(eq(conversationMembers.conversationId, conversationId));
      return rows.map((r) => r.userId).sort();
    },

    async findById(id: string): Promise<Partnership | undefined> {
      const [row] = await db
        .select(withRequester)
        .from(partnerships)
        .innerJoin(users, eq(users.id, partnerships.requestedBy))
        .where(eq(partnerships.id, id));
      return row;
    },

    /** Those involving any of `offerIds` (or all, for `null`), newest first. */
    async list(filter: {
      offerIds: string[] | null;
      status?: PartnershipStatus;
      limit: number;
      cursor?: string;
    }): Promise<Page<Partnership>> {
      const where: SQL[] = [];
      if (filter.offerIds) {
        if (filter.offerIds.length === 0) return { items: [], nextCursor: null };
        where.push(
          or(
            inArray(partnerships.offerId, filter.offerIds),
            inArray(partnerships.partnerOfferId, filter.offerIds),
          )!,
        );
      }
      if (filter.status) where.push(eq(partnerships.status, filter.status));
      if (filter.cursor) {
        where.push(olderThanCursor(partnerships.createdAt, partnerships.id, filter.cursor));
      }
      const rows = await db
        .select(withRequester)
        .from(partnerships)
        .innerJoin(users, eq(users.id, partnerships.requestedBy))
        .where(and(...where))
        .orderBy(desc(partnerships.createdAt), desc(partnerships.id))
        .limit(filter.limit + 1);
      const page = pageOf(rows, filter.limit, newestFirstKey);
      return { items: page.rows, nextCursor: page.nextCursor };
    },

    /**
     * Moves a partnership from `from` to `to` with its side effects, in one transaction; false when
     * it was not in `from` any more. Accepting marks both offers matched.
     */
    async transition(input: {
      id: string;
      from: PartnershipStatus;
      to: PartnershipStatus;
      at: Date;
      students?: { a: number; b: number };
      notification: NotificationInput;
    }): Promise<boolean> {
      let changed = false;
      db.transaction((tx) => {
        const row = tx.select().from(partnerships).where(eq(partnerships.id, input.id)).get();
        if (!row || row.status !== input.from) return;
        tx.update(partnerships)
          .set({
            status: input.to,
            ...(input.to === 'accepted' || input.to === 'declined' ? { decidedAt: input.at } : {}),
            ...(input.to === 'completed'
              ? {
                  completedAt: input.at,
                  studentsA: input.students?.a ?? 0,
                  studentsB: input.students?.b ?? 0,
                }
              : {}),
          })
          .where(eq(partnerships.id, input.id))
          .run();
        if (input.to === 'accepted') {
          tx.update(offers)
            .set({ status: 'matched', updatedAt: input.at })
            .where(
              and(inArray(offers.id, [row.offerId, row.partnerOfferId]), eq(offers.status, 'open')),
            )
            .run();
        }
        tx.insert(notifications)
          .values({ ...input.notification, createdAt: input.at })
          .run();
        changed = true;
      });
      return changed;
    },
  };
}

export type PartnershipRepository = ReturnType<typeof createPartnershipRepository>;
