// Notifications: what each kind names, how one is drafted, stored and pushed. Every module that
// tells someone something goes through here: a step that changes other data drafts its
// notifications and hands them to its repository, which writes them in the step's own
// transaction (`writeNotifications`); once that commits, `publish` pushes them to the users'
// sockets. A notification names the things and the people as they were when it was written
// (titles and names are copied into the payload): it records what happened, like a letter,
// and its link leads to the thing as it is now.
import type { Repositories } from '@twinning/db/repositories';
import type { Notification, NotificationInput } from '@twinning/db/repositories/notifications';
import type { User } from '@twinning/db/repositories/users';
import type { Notification as NotificationView } from '@twinning/contracts/conversations';
import type { EventBus } from '../realtime/event-bus.ts';

/** A partnership as its notifications name it: both offers, as the request was made. */
export interface PartnershipNote {
  partnershipId: string;
  /** The requesting offer and its title. */
  offerId: string;
  offerTitle: string;
  /** The offer that was asked and its title. */
  partnerOfferId: string;
  partnerOfferTitle: string;
}

/** What each kind of notification carries. */
export interface NotificationPayloads {
  /** To the owner of the offer asked. */
  partnership_requested: PartnershipNote & { fromId: string; fromName: string };
  /** To the other side: accepted or declined (by the one asked) or withdrawn (by the requester). */
  partnership_decided: PartnershipNote & {
    status: 'accepted' | 'declined' | 'withdrawn';
    byId: string;
    byName: string;
  };
  /** To the other side of the one who recorded completion. */
  partnership_completed: PartnershipNote & { byId: string; byName: string };
  /** To the owner of the offer asked: a request has waited `days` days for an answer. */
  partnership_reminder: PartnershipNote & { fromId: string; days: number };
  /**
   * To both sides of a request nobody answered for `days` days: it expired. `side` says which
   * side this one is (the requester is pointed at the next best partners for `offerId`).
   */
  partnership_expired: PartnershipNote & { side: 'requester' | 'recipient'; days: number };
  /**
   * To a member with messages unread for 15 minutes: `unread` messages in the conversation
   * `title`, the first of them from `fromName` (once until they read it).
   */
  message_unread: { conversationId: string; title: string; fromName: string; unread: number };
  /** To the other side of a pending request closed because an offer was taken down. */
  partnership_closed: PartnershipNote & {
    reason: 'offer_hidden';
    hiddenOfferId: string;
    hiddenOfferTitle: string;
  };
  /** To the offer's owner. */
  application_received: {
    applicationId: string;
    offerId: string;
    offerTitle: string;
    studentId: string;
    studentName: string;
  };
  /** To the student. */
  application_decided: {
    applicationId: string;
    offerId: string;
    offerTitle: string;
    status: 'accepted' | 'declined';
    byId: string;
    byName: string;
  };
  /** To the offer's owner: the student took back an application that waited or was accepted. */
  application_withdrawn: {
    applicationId: string;
    offerId: string;
    offerTitle: string;
    studentId: string;
    studentName: string;
    previousStatus: 'pending' | 'accepted';
  };
  /** To each owner of a proposed pair: `offerId` is their own offer. */
  round_proposal: {
    roundId: string;
    offerId: string;
    offerTitle: string;
    partnerOfferId: string;
    partnerOfferTitle: string;
    score: number;
  };
  /** To the owner of an offer the secretariat took down, with the reason. */
  offer_hidden: { offerId: string; offerTitle: string; reason: string; closedRequests: number };
  /** To the owner of an offer the secretariat listed again. */
  offer_shown: { offerId: string; offerTitle: string };
  /** To a lecturer or admin whose affiliation was approved. */
  affiliation_verified: { institutionId: string; institutionName: string };
  /** To the person whose affiliation the institution's admin or the secretariat removed. */
  affiliation_removed: { institutionId: string; institutionName: string; byName: string };
  /** To the admin who added a web domain, once the secretariat decided on it. */
  domain_decided: {
    institutionId: string;
    institutionName: string;
    domain: string;
    status: 'approved' | 'refused';
  };
  /** To each admin of an institution the secretariat verified. */
  institution_verified: { institutionId: string; institutionName: string };
  /** To each admin of an institution the secretariat refused, with the reason. */
  institution_refused: { institutionId: string; institutionName: string; reason: string };
  /** To each admin of an institution the secretariat asked for more information. */
  institution_info_requested: {
    institutionId: string;
    institutionName: string;
    question: string;
  };
}

export type NotificationKind = keyof NotificationPayloads;

export function notificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    payload: n.payload,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function createNotificationService({
  repositories,
  now,
  newId,
  events,
}: {
  repositories: Pick<Repositories, 'notifications'>;
  now: () => Date;
  newId: () => string;
  events: EventBus;
}) {
  const { notifications } = repositories;

  /** Pushes stored notifications (by id) to their users; call it after the commit. */
  async function publish(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const stored = await notifications.findById(id);
      if (!stored) continue;
      await events.publish({
        type: 'notification',
        userId: stored.userId,
        notification: notificationView(stored),
      });
    }
  }

  return {
    /** A notification to store with the step that causes it (it gets its id here). */
    draft<K extends NotificationKind>(
      userId: string,
      kind: K,
      payload: NotificationPayloads[K],
    ): NotificationInput {
      return { id: newId(), userId, kind, payload: { ...payload } };
    },

    publish,

    /** Stores notifications that go with no other write, and pushes them. */
    async send(drafts: readonly NotificationInput[]): Promise<void> {
      await notifications.create(drafts, now());
      await publish(drafts.map((d) => d.id));
    },

    async list(user: User, limit: number) {
      const { items, unread } = await notifications.listFor(user.id, limit);
      return { items: items.map(notificationView), unread };
    },

    async markRead(user: User, ids?: string[]) {
      return notifications.markRead(user.id, now(), ids);
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
