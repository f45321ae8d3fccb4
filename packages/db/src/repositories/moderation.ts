// Moderation (the secretariat): what waits for a decision (institutions to verify, affiliations
// to confirm), suspended accounts and hidden offers, each with the reason kept. Hiding an offer
// closes its pending partnership requests in the same transaction, with the notifications
// that say why.
import { and, asc, count, desc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changedRows, tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { awaitingVerification } from './institutions.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';
import { pendingRequestsWithOffers, type DueRequest } from './partnerships.ts';

/** An offer as moderation names it to its owner. */
export interface ModeratedOffer {
  id: string;
  title: string;
  ownerId: string;
}

/** A pending request closed because one of its offers was hidden. */
export type ClosedRequest = DueRequest;

/** What hiding or showing an offer did, for the notifications that tell of it. */
export interface VisibilityChange {
  offer: ModeratedOffer;
  /** Whether it was hidden before. */
  wasHidden: boolean;
  /** Pending requests closed (withdrawn) by hiding it. */
  closed: ClosedRequest[];
}

export function createModerationRepository(db: Db) {
  const { affiliations, institutions, offers, partnerships, sessions, users } = tablesFor(db);
  return {
    /** What waits for the secretariat, and who and what is suspended or hidden. */
    async queue() {
      // The same definition as the verification queue's, so the two never disagree.
      const [pending] = await db
        .select({ n: count() })
        .from(institutions)
        .where(awaitingVerification(db));
      const waiting = await db
        .select({
          id: affiliations.id,
          userId: affiliations.userId,
          userName: users.name,
          email: users.email,
          institutionId: affiliations.institutionId,
          institutionName: institutions.name,
          role: affiliations.role,
          createdAt: affiliations.createdAt,
        })
        .from(affiliations)
        .innerJoin(users, eq(users.id, affiliations.userId))
        .innerJoin(institutions, eq(institutions.id, affiliations.institutionId))
        .where(eq(affiliations.status, 'pending'))
        .orderBy(asc(affiliations.createdAt), asc(affiliations.id))
        .limit(200);
      const suspended = await db
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          reason: users.suspendedReason,
          suspendedAt: users.suspendedAt,
        })
        .from(users)
        .where(isNotNull(users.suspendedAt))
        .orderBy(desc(users.suspendedAt))
        .limit(200);
      const hidden = await db
        .select({
          id: offers.id,
          title: offers.title,
          ownerName: users.name,
          reason: offers.hiddenReason,
          hiddenAt: offers.hiddenAt,
        })
        .from(offers)
        .innerJoin(users, eq(users.id, offers.ownerId))
        .where(isNotNull(offers.hiddenAt))
        .orderBy(desc(offers.hiddenAt))
        .limit(200);
      return {
        pendingInstitutions: pending?.n ?? 0,
        pendingAffiliations: waiting.map((a) => ({
          ...a,
          createdAt: a.createdAt.toISOString(),
        })),
        suspendedUsers: suspended.map((u) => ({
          ...u,
          reason: u.reason ?? '',
          suspendedAt: u.suspendedAt!.toISOString(),
        })),
        hiddenOffers: hidden.map((o) => ({
          ...o,
          reason: o.reason ?? '',
          hiddenAt: o.hiddenAt!.toISOString(),
        })),
      };
    },

    /** Suspends (reason) or restores (null) an account; suspending ends its sessions. */
    async setSuspended(userId: string, reason: string | null, at: Date): Promise<boolean> {
      return transaction(db, async (tx) => {
        const result = await tx
          .update(users)
          .set({ suspendedAt: reason === null ? null : at, suspendedReason: reason })
          .where(eq(users.id, userId));
        const changed = changedRows(result) > 0;
        if (changed && reason !== null)
          await tx.delete(sessions).where(eq(sessions.userId, userId));
        return changed;
      });
    },

    /**
     * Hides (reason) or shows (null) an offer; `updated_at` moves so the matcher catches up.
     * Hiding withdraws every pending partnership request it is part of (agreed ones stay, their
     * people still work together). `notify` turns what changed into notifications, stored in the
     * same transaction. Undefined when there is no such offer.
     */
    async setVisibility(
      input: { offerId: string; reason: string | null; by: string; at: Date },
      notify: (change: VisibilityChange) => NotificationInput[],
    ): Promise<VisibilityChange | undefined> {
      return transaction(db, async (tx) => {
        const [offer] = await tx
          .select({
            id: offers.id,
            title: offers.title,
            ownerId: offers.ownerId,
            hiddenAt: offers.hiddenAt,
          })
          .from(offers)
          .where(eq(offers.id, input.offerId));
        if (!offer) return undefined;
        const hiding = input.reason !== null;
        await tx
          .update(offers)
          .set({
            hiddenAt: hiding ? input.at : null,
            hiddenReason: input.reason,
            hiddenBy: hiding ? input.by : null,
            updatedAt: input.at,
          })
          .where(eq(offers.id, input.offerId));
        const closed: ClosedRequest[] = hiding
          ? await pendingRequestsWithOffers(
              tx,
              or(
                eq(partnerships.offerId, input.offerId),
                eq(partnerships.partnerOfferId, input.offerId),
              ),
            )
          : [];
        if (closed.length > 0) {
          await tx
            .update(partnerships)
            .set({ status: 'withdrawn' })
            .where(
              and(
                inArray(
                  partnerships.id,
                  closed.map((request) => request.id),
                ),
                eq(partnerships.status, 'pending'),
              ),
            );
        }
        const change: VisibilityChange = {
          offer: { id: offer.id, title: offer.title, ownerId: offer.ownerId },
          wasHidden: offer.hiddenAt !== null,
          closed,
        };
        await writeNotifications(tx, notify(change), input.at);
        return change;
      });
    },

    async sessionIdsOf(userId: string): Promise<string[]> {
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.userId, userId));
      return rows.map((r) => r.id);
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
