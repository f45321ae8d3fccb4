// Moderation (the secretariat): what waits for a decision (institutions to verify, affiliations
// to confirm), suspended accounts and hidden offers, each with the reason kept. Hiding an offer
// closes its pending partnership requests in the same transaction, with the notifications
// that say why.
import { count, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { institutions } from '../schema.ts';
import { awaitingVerification } from './institutions.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';

/** An offer as moderation names it to its owner. */
export interface ModeratedOffer {
  id: string;
  title: string;
  ownerId: string;
}

/** A pending request closed because one of its offers was hidden. */
export interface ClosedRequest {
  id: string;
  offerId: string;
  offerTitle: string;
  offerOwnerId: string;
  partnerOfferId: string;
  partnerOfferTitle: string;
  partnerOwnerId: string;
}

/** What hiding or showing an offer did, for the notifications that tell of it. */
export interface VisibilityChange {
  offer: ModeratedOffer;
  /** Whether it was hidden before. */
  wasHidden: boolean;
  /** Pending requests closed (withdrawn) by hiding it. */
  closed: ClosedRequest[];
}

export function createModerationRepository(db: Db) {
  function all<T>(query: SQL): T[] {
    return db.all<T>(query);
  }

  return {
    /** What waits for the secretariat, and who and what is suspended or hidden. */
    async queue() {
      // The same definition as the verification queue's, so the two never disagree.
      const [pending] = await db
        .select({ n: count() })
        .from(institutions)
        .where(awaitingVerification);
      const affiliations = all<{
        id: string;
        userId: string;
        userName: string;
        email: string;
        institutionId: string;
        institutionName: string;
        role: string;
        createdAt: number;
      }>(sql`
        select a.id, a.user_id as userId, u.name as userName, u.email, a.institution_id as institutionId,
               i.name as institutionName, a.role, a.created_at as createdAt
        from affiliations a join users u on u.id = a.user_id join institutions i on i.id = a.institution_id
        where a.status = 'pending'
        order by a.created_at, a.id
        limit 200`);
      const suspended = all<{
        id: string;
        name: string;
        email: string;
        role: string;
        reason: string | null;
        suspendedAt: number;
      }>(sql`
        select id, name, email, role, suspended_reason as reason, suspended_at as suspendedAt
        from users where suspended_at is not null order by suspended_at desc limit 200`);
      const hidden = all<{
        id: string;
        title: string;
        ownerName: string;
        reason: string | null;
        hiddenAt: number;
      }>(sql`
        select o.id, o.title, u.name as ownerName, o.hidden_reason as reason, o.hidden_at as hiddenAt
        from offers o join users u on u.id = o.owner_id
        where o.hidden_at is not null order by o.hidden_at desc limit 200`);
      return {
        pendingInstitutions: pending?.n ?? 0,
        pendingAffiliations: affiliations.map((a) => ({
          ...a,
          createdAt: new Date(a.createdAt).toISOString(),
        })),
        suspendedUsers: suspended.map((u) => ({
          ...u,
          reason: u.reason ?? '',
          suspendedAt: new Date(u.suspendedAt).toISOString(),
        })),
        hiddenOffers: hidden.map((o) => ({
          ...o,
          reason: o.reason ?? '',
          hiddenAt: new Date(o.hiddenAt).toISOString(),
        })),
      };
    },

    /** Suspends (reason) or restores (null) an account; suspending ends its sessions. */
    async setSuspended(userId: string, reason: string | null, at: Date): Promise<boolean> {
      let changed = false;
      db.transaction((tx) => {
        const result = tx.run(sql`
          update users set suspended_at = ${reason === null ? null : at.getTime()},
                           suspended_reason = ${reason}
          where id = ${userId}`);
        changed = result.changes > 0;
        if (changed && reason !== null) tx.run(sql`delete from sessions where user_id = ${userId}`);
      });
      return changed;
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
      const at = input.at.getTime();
      return db.transaction((tx) => {
        const [offer] = tx.all<ModeratedOffer & { hiddenAt: number | null }>(sql`
          select id, title, owner_id as ownerId, hidden_at as hiddenAt
          from offers where id = ${input.offerId}`);
        if (!offer) return undefined;
        tx.run(sql`
          update offers set hidden_at = ${input.reason === null ? null : at},
                            hidden_reason = ${input.reason},
                            hidden_by = ${input.reason === null ? null : input.by},
                            updated_at = ${at}
          where id = ${input.offerId}`);
        const closed =
          input.reason === null
            ? []
            : tx.all<ClosedRequest>(sql`
                select p.id, p.offer_id as offerId, a.title as offerTitle, a.owner_id as offerOwnerId,
                       p.partner_offer_id as partnerOfferId, b.title as partnerOfferTitle,
                       b.owner_id as partnerOwnerId
                from partnerships p
                join offers a on a.id = p.offer_id
                join offers b on b.id = p.partner_offer_id
                where p.status = 'pending'
                  and (p.offer_id = ${input.offerId} or p.partner_offer_id = ${input.offerId})
                order by p.created_at, p.id`);
        for (const request of closed) {
          tx.run(sql`update partnerships set status = 'withdrawn'
                     where id = ${request.id} and status = 'pending'`);
        }
        const change: VisibilityChange = {
          offer: { id: offer.id, title: offer.title, ownerId: offer.ownerId },
          wasHidden: offer.hiddenAt !== null,
          closed,
        };
        writeNotifications(tx, notify(change), input.at);
        return change;
      });
    },

    async sessionIdsOf(userId: string): Promise<string[]> {
      return all<{ id: string }>(sql`select id from sessions where user_id = ${userId}`).map(
        (r) => r.id,
      );
    },
  };
}

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
