// Partnerships between two offers, the conversation each request opens (its first message the
// request's own), and the notifications every step sends: each step is one transaction that
// only happens from the expected state.
import {
  aliasedTable,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  lte,
  or,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { newestFirstKey, olderThanCursor, pageOf, type Page } from '../paging.ts';
import type * as schema from '../schema.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';

export type PartnershipStatus =
  | 'pending'
  | 'accepted'
  | 'declined'
  | 'withdrawn'
  | 'completed'
  /** A pending request nobody answered for 14 days (core/partnerships/follow-up.ts). */
  | 'expired';

/** A partnership with the name of the person who asked for it (the other side reads it). */
export type Partnership = typeof schema.partnerships.$inferSelect & { requesterName: string };

/** A stored partnership row with its requester's name, read with the same database. */
async function withRequesterName(
  reader: Pick<Db, 'select'>,
  row: typeof schema.partnerships.$inferSelect,
): Promise<Partnership> {
  const { users } = tablesFor(reader as Db);
  const [requester] = await reader
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, row.requestedBy));
  return { ...row, requesterName: requester?.name ?? '' };
}

/** One offer of a partnership as its steps need it, whether or not it is hidden. */
export interface PartnershipSide {
  id: string;
  title: string;
  ownerId: string;
  hidden: boolean;
}

/** A partnership with its two offers: `offer` asked, `partnerOffer` was asked. */
export interface PartnershipWithSides {
  partnership: Partnership;
  offer: PartnershipSide;
  partnerOffer: PartnershipSide;
}

export class PairTakenError extends Error {
  constructor() {
    super('these offers have a pending or agreed partnership already');
  }
}

/** One of the offers was taken down by the secretariat before the request was stored. */
export class OfferHiddenError extends Error {
  constructor(readonly offerId: string) {
    super(`offer ${offerId} is hidden`);
  }
}

/** A pending request due a follow-up (a reminder, or expiry), with both offers as they are. */
export interface DueRequest {
  id: string;
  requestedBy: string;
  createdAt: Date;
  offerId: string;
  offerTitle: string;
  offerOwnerId: string;
  partnerOfferId: string;
  partnerOfferTitle: string;
  partnerOwnerId: string;
}

/**
 * Pending requests matching `where`, oldest first, with both offers' titles and owners: what
 * closing, reminding or expiring them tells each side.
 */
export async function pendingRequestsWithOffers(
  db: Db,
  where: SQL | undefined,
  limit?: number,
): Promise<DueRequest[]> {
  const { offers, partnerships } = tablesFor(db);
  const a = aliasedTable(offers, 'a');
  const b = aliasedTable(offers, 'b');
  const query = db
    .select({
      id: partnerships.id,
      requestedBy: partnerships.requestedBy,
      createdAt: partnerships.createdAt,
      offerId: partnerships.offerId,
      offerTitle: a.title,
      offerOwnerId: a.ownerId,
      partnerOfferId: partnerships.partnerOfferId,
      partnerOfferTitle: b.title,
      partnerOwnerId: b.ownerId,
    })
    .from(partnerships)
    .innerJoin(a, eq(a.id, partnerships.offerId))
    .innerJoin(b, eq(b.id, partnerships.partnerOfferId))
    .where(and(eq(partnerships.status, 'pending'), where))
    .orderBy(asc(partnerships.createdAt), asc(partnerships.id));
  return limit === undefined ? query : query.limit(limit);
}

/** The request's message opens the conversation under this client id (one per conversation). */
export const requestMessageClientId = 'partnership-request';

export function createPartnershipRepository(db: Db) {
  const { conversationMembers, conversations, messages, offers, partnerships, users } =
    tablesFor(db);
  const withRequester = { ...getTableColumns(partnerships), requesterName: users.name };
  return {
    async create(input: {
      id: string;
      offerId: string;
      partnerOfferId: string;
      requestedBy: string;
      message: string;
      score: number | null;
      at: Date;
      conversation: { id: string; title: string; memberIds: string[]; firstMessageId: string };
      notification: NotificationInput;
    }): Promise<Partnership> {
      return transaction(db, async (tx) => {
        // Checked here, not only before: an offer hidden meanwhile takes no new requests.
        const [hidden] = await tx
          .select({ id: offers.id })
          .from(offers)
          .where(
            and(
              inArray(offers.id, [input.offerId, input.partnerOfferId]),
              isNotNull(offers.hiddenAt),
            ),
          );
        if (hidden) throw new OfferHiddenError(hidden.id);
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
        const [live] = await tx
          .select({ id: partnerships.id })
          .from(partnerships)
          .where(and(pair, inArray(partnerships.status, ['pending', 'accepted'])));
        if (live) throw new PairTakenError();
        // The request's message is the conversation's first (seq 1, by the requester, who has
        // read it): the partner reads it where they answer.
        const opening = input.message.length > 0;
        await tx.insert(conversations).values({
          id: input.conversation.id,
          kind: 'partnership',
          title: input.conversation.title,
          lastSeq: opening ? 1 : 0,
          lastMessageAt: opening ? input.at : null,
          createdAt: input.at,
        });
        await tx.insert(conversationMembers).values(
          [...new Set(input.conversation.memberIds)].map((userId) => ({
            conversationId: input.conversation.id,
            userId,
            lastReadSeq: opening && userId === input.requestedBy ? 1 : 0,
            joinedAt: input.at,
          })),
        );
        if (opening) {
          await tx.insert(messages).values({
            id: input.conversation.firstMessageId,
            conversationId: input.conversation.id,
            seq: 1,
            authorId: input.requestedBy,
            body: input.message,
            clientMessageId: requestMessageClientId,
            createdAt: input.at,
          });
        }
        const [created] = await tx
          .insert(partnerships)
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
          .returning();
        await writeNotifications(tx, [input.notification], input.at);
        return withRequesterName(tx, created!);
      });
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

    /** The partnership with both its offers, hidden ones included (their people still act). */
    async findWithSides(id: string): Promise<PartnershipWithSides | undefined> {
      const a = alias(offers, 'a');
      const b = alias(offers, 'b');
      const side = (o: typeof a | typeof b) => ({
        id: o.id,
        title: o.title,
        ownerId: o.ownerId,
        hiddenAt: o.hiddenAt,
      });
      const [row] = await db
        .select({ partnership: withRequester, offer: side(a), partnerOffer: side(b) })
        .from(partnerships)
        .innerJoin(users, eq(users.id, partnerships.requestedBy))
        .innerJoin(a, eq(a.id, partnerships.offerId))
        .innerJoin(b, eq(b.id, partnerships.partnerOfferId))
        .where(eq(partnerships.id, id));
      if (!row) return undefined;
      const toSide = ({ hiddenAt, ...rest }: typeof row.offer): PartnershipSide => ({
        ...rest,
        hidden: hiddenAt !== null,
      });
      return {
        partnership: row.partnership,
        offer: toSide(row.offer),
        partnerOffer: toSide(row.partnerOffer),
      };
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
     * Moves a partnership from `from` to `to` with its side effects, in one transaction, and
     * returns it as it is now; undefined when it was not in `from` any more. Accepting marks
     * both offers matched.
     */
    async transition(input: {
      id: string;
      from: PartnershipStatus;
      to: PartnershipStatus;
      at: Date;
      students?: { a: number; b: number };
      notification: NotificationInput;
    }): Promise<Partnership | undefined> {
      return transaction(db, async (tx) => {
        const [row] = await tx.select().from(partnerships).where(eq(partnerships.id, input.id));
        if (!row || row.status !== input.from) return undefined;
        const [changed] = await tx
          .update(partnerships)
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
          .returning();
        if (input.to === 'accepted') {
          await tx
            .update(offers)
            .set({ status: 'matched', updatedAt: input.at })
            .where(
              and(inArray(offers.id, [row.offerId, row.partnerOfferId]), eq(offers.status, 'open')),
            );
        }
        await writeNotifications(tx, [input.notification], input.at);
        return withRequesterName(tx, changed!);
      });
    },

    /**
     * Marks up to `limit` pending requests made at or before `requestedBefore` and not reminded
     * yet as reminded, oldest first, and stores what `notify` drafts for them, in one
     * transaction. Each request is taken once: of several processes doing this at once, the
     * update (which re-checks the row) gives every request to one of them only.
     */
    async remindDue(
      input: { requestedBefore: Date; at: Date; limit: number },
      notify: (due: DueRequest[]) => NotificationInput[],
    ): Promise<DueRequest[]> {
      return followUp(input, isNull(partnerships.remindedAt), { remindedAt: input.at }, notify);
    },

    /** As remindDue, for requests that expire: their status becomes `expired`. */
    async expireDue(
      input: { requestedBefore: Date; at: Date; limit: number },
      notify: (due: DueRequest[]) => NotificationInput[],
    ): Promise<DueRequest[]> {
      return followUp(input, undefined, { status: 'expired' }, notify);
    },
  };

  async function followUp(
    input: { requestedBefore: Date; at: Date; limit: number },
    condition: SQL | undefined,
    change: Partial<typeof schema.partnerships.$inferInsert>,
    notify: (due: DueRequest[]) => NotificationInput[],
  ): Promise<DueRequest[]> {
    return transaction(db, async (tx) => {
      const due = and(
        eq(partnerships.status, 'pending'),
        lte(partnerships.createdAt, input.requestedBefore),
        condition,
      );
      const candidates = await pendingRequestsWithOffers(tx, due, input.limit);
      if (candidates.length === 0) return [];
      // Only what is still due when written (another process may have taken some meanwhile).
      const taken = await tx
        .update(partnerships)
        .set(change)
        .where(
          and(
            inArray(
              partnerships.id,
              candidates.map((c) => c.id),
            ),
            due,
          ),
        )
        .returning({ id: partnerships.id });
      const ids = new Set(taken.map((t) => t.id));
      const mine = candidates.filter((c) => ids.has(c.id));
      await writeNotifications(tx, notify(mine), input.at);
      return mine;
    });
  }
}

export type PartnershipRepository = ReturnType<typeof createPartnershipRepository>;
