// Moderation (the secretariat): what waits for a decision, finding an account by its email
// address, suspending an account and hiding an offer — each with its reason kept.
import { normalizeEmail } from '@twinning/core/accounts/credentials';
import type { Repositories } from '@twinning/db/repositories';
import type { User } from '@twinning/db/repositories/users';
import { FieldProblems, forbidden, notFound } from '../errors.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import { isSecretariat, requireSecretariat } from './guards.ts';
import type { NotificationService } from './notifications.ts';

const moderates = 'moderates';

function checkReason(reason: string | null) {
  if (reason !== null && reason.trim().length === 0) {
    const problems = new FieldProblems();
    problems.add('reason', 'must say why (it is kept with the record)');
    problems.throwIfAny();
  }
}

export function createModerationService({
  repositories,
  now,
  events,
  notifications,
}: {
  repositories: Pick<Repositories, 'moderation' | 'users'>;
  now: () => Date;
  events: EventBus;
  notifications: NotificationService;
}) {
  const { moderation, users } = repositories;

  return {
    /** Institutions and affiliations waiting, suspended accounts, hidden offers. */
    async queue(user: User) {
      requireSecretariat(user, 'sees the moderation queue');
      return moderation.queue();
    },

    /** The account with this email address (any case). */
    async findAccount(user: User, email: string) {
      requireSecretariat(user, moderates);
      const found = (await users.findCredentials(normalizeEmail(email)))?.user;
      if (!found) throw notFound('user');
      return {
        id: found.id,
        name: found.name,
        email: found.email,
        role: found.role,
        suspended: found.suspended,
      };
    },

    /** Suspends an account with a reason (its sessions end, its sockets close), or restores it. */
    async suspend(user: User, userId: string, reason: string | null) {
      requireSecretariat(user, moderates);
      checkReason(reason);
      const target = await users.findById(userId);
      if (!target) throw notFound('user');
      if (isSecretariat(target)) {
        throw forbidden('Secretariat accounts cannot be suspended here.');
      }
      const sessions = reason === null ? [] : await moderation.sessionIdsOf(userId);
      await moderation.setSuspended(userId, reason?.trim() ?? null, now());
      for (const sessionId of sessions) await events.publish({ type: 'logout', userId, sessionId });
      return { id: userId, suspended: reason !== null, reason: reason?.trim() ?? null };
    },

    /**
     * Hides an offer with a reason (it leaves lists, pages and matching), or shows it again.
     * Hiding withdraws its pending partnership requests and tells the other side of each why;
     * agreed partnerships stay. The owner hears that the offer was taken down, with the reason,
     * and when it is listed again.
     */
    async hide(user: User, offerId: string, reasonInput: string | null) {
      requireSecretariat(user, moderates);
      checkReason(reasonInput);
      const reason = reasonInput?.trim() ?? null;
      let drafted: string[] = [];
      const change = await moderation.setVisibility(
        { offerId, reason, by: user.id, at: now() },
        ({ offer, wasHidden, closed }) => {
          const drafts = closed.map((request) => {
            const hiddenIsRequester = request.offerId === offer.id;
            return notifications.draft(
              hiddenIsRequester ? request.partnerOwnerId : request.offerOwnerId,
              'partnership_closed',
              {
                partnershipId: request.id,
                offerId: request.offerId,
                offerTitle: request.offerTitle,
                partnerOfferId: request.partnerOfferId,
                partnerOfferTitle: request.partnerOfferTitle,
                reason: 'offer_hidden',
                hiddenOfferId: offer.id,
                hiddenOfferTitle: offer.title,
              },
            );
          });
          if (reason !== null && !wasHidden) {
            drafts.push(
              notifications.draft(offer.ownerId, 'offer_hidden', {
                offerId: offer.id,
                offerTitle: offer.title,
                reason,
                closedRequests: closed.length,
              }),
            );
          }
          if (reason === null && wasHidden) {
            drafts.push(
              notifications.draft(offer.ownerId, 'offer_shown', {
                offerId: offer.id,
                offerTitle: offer.title,
              }),
            );
          }
          drafted = drafts.map((d) => d.id);
          return drafts;
        },
      );
      if (!change) throw notFound('offer');
      await notifications.publish(drafted);
      return { id: offerId, hidden: reason !== null, reason };
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
