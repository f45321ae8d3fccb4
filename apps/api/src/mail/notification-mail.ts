// Notifications by mail, as each person chose (`emailNotifications`): `instant` — each one in a
// mail of its own, within a minute; `daily` — one digest a day at 08:00 on their clock
// (core/mail/digest.ts) holding everything since the previous one; `off` — none. Only what
// brings people back is mailed: partnership requests, decisions, reminders and expiries, round
// proposals, applications and their decisions, and messages still unread after 15 minutes (once
// per conversation until read: they become a `message_unread` notification) — `mailedKinds`.
//
// A notification is marked mailed in the transaction that stores its mail (the repository's
// takeForMail), so each is mailed once however many processes run this; a digest is once-only
// by its date (the outbox's dedupe key), and one that exists already takes nothing, leaving
// what came late for the next day's digest. Old notifications are never mailed late: an instant
// one only within a day of it, a digest only what happened in its own day.
import { digestKey, latestDigestSlot } from '@twinning/core/mail/digest';
import type { Repositories } from '@twinning/db/repositories';
import type { MailableNotification } from '@twinning/db/repositories/notifications';
import type { NotificationService } from '../services/notifications.ts';
import type { Mailer } from './mailer.ts';
import type { MailNotification } from './templates.ts';

export const mailedKinds = [
  'partnership_requested',
  'partnership_decided',
  'partnership_reminder',
  'partnership_expired',
  'round_proposal',
  'application_received',
  'application_decided',
  'application_withdrawn',
  'message_unread',
] as const;

/** A message unread this long is mailed (once per conversation until it is read). */
export const unreadMessageMailAfterMs = 15 * 60 * 1000;

const dayMs = 24 * 60 * 60 * 1000;
/** Notifications mailed per transaction. */
const batch = 100;

/** Where a mailed notification leads (a path of the site; the pages' own links agree). */
export function notificationPath(kind: string, payload: Record<string, unknown>): string {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  const offerId = encodeURIComponent(text('offerId'));
  const partnershipId = encodeURIComponent(text('partnershipId'));
  switch (kind) {
    case 'partnership_expired':
      if (text('side') === 'requester' && offerId) return `/offers/${offerId}/partners`;
      return partnershipId ? `/my/partnerships#partnership-${partnershipId}` : '/my/partnerships';
    case 'partnership_requested':
    case 'partnership_decided':
    case 'partnership_reminder':
      return partnershipId ? `/my/partnerships#partnership-${partnershipId}` : '/my/partnerships';
    case 'round_proposal':
      return offerId ? `/offers/${offerId}/partners` : '/my/offers';
    case 'application_received':
    case 'application_withdrawn':
      return offerId ? `/offers/${offerId}/applications` : '/my/offers';
    case 'application_decided':
      return '/my/applications';
    case 'message_unread': {
      const conversationId = encodeURIComponent(text('conversationId'));
      return conversationId ? `/messages/${conversationId}` : '/messages';
    }
    default:
      return '/';
  }
}

/** The digest of a date was stored already: nothing is taken (see the file's comment). */
class DigestExists extends Error {}

export function createNotificationMail({
  repositories,
  mailer,
  now,
  notes,
}: {
  repositories: Pick<Repositories, 'notifications' | 'conversations'>;
  mailer: Mailer;
  now: () => Date;
  /** Drafts and pushes the notifications this writes (messages left unread). */
  notes: NotificationService;
}) {
  const { notifications, conversations } = repositories;

  /** Members with a message unread for 15 minutes are told (then mailed as they chose). */
  async function unreadMessages(at: Date): Promise<void> {
    for (;;) {
      let ids: string[] = [];
      const taken = await conversations.takeUnread(
        {
          unreadBefore: new Date(at.getTime() - unreadMessageMailAfterMs),
          since: new Date(at.getTime() - dayMs),
          at,
          limit: batch,
        },
        (due) => {
          const drafts = due.map((d) =>
            notes.draft(d.userId, 'message_unread', {
              conversationId: d.conversationId,
              title: d.title,
              fromName: d.fromName,
              unread: d.unread,
            }),
          );
          ids = drafts.map((d) => d.id);
          return drafts;
        },
      );
      await notes.publish(ids);
      if (taken.length < batch) return;
    }
  }

  const asMail = (n: MailableNotification): MailNotification => ({
    kind: n.kind,
    payload: n.payload,
    url: mailer.link(notificationPath(n.kind, n.payload)),
  });

  async function instant(at: Date): Promise<number> {
    let mailed = 0;
    for (;;) {
      const taken = await notifications.takeForMail(
        {
          setting: 'instant',
          kinds: mailedKinds,
          since: new Date(at.getTime() - dayMs),
          before: new Date(at.getTime() + 1),
          at,
          limit: batch,
        },
        async (tx, list) => {
          for (const n of list) {
            await mailer.enqueue('notification', n.recipient, asMail(n), {
              tx,
              dedupeKey: `notification:${n.id}`,
            });
          }
        },
      );
      mailed += taken.length;
      if (taken.length < batch) return mailed;
    }
  }

  async function digests(at: Date): Promise<number> {
    let sent = 0;
    const waiting = await notifications.awaitingMail({
      setting: 'daily',
      kinds: mailedKinds,
      since: new Date(at.getTime() - 2 * dayMs),
      before: at,
    });
    for (const { userId, timeZone } of waiting) {
      const slot = latestDigestSlot(at, timeZone);
      try {
        const taken = await notifications.takeForMail(
          {
            setting: 'daily',
            userId,
            kinds: mailedKinds,
            since: new Date(slot.at.getTime() - dayMs),
            before: slot.at,
            at,
            // A day's digest holds all of it.
            limit: 10_000,
          },
          async (tx, list) => {
            const stored = await mailer.enqueue(
              'digest',
              list[0]!.recipient,
              { date: slot.date, items: list.map(asMail), url: mailer.link('/') },
              { tx, dedupeKey: digestKey(userId, slot) },
            );
            if (stored === null) throw new DigestExists();
          },
        );
        if (taken.length > 0) sent++;
      } catch (error) {
        if (!(error instanceof DigestExists)) throw error;
      }
    }
    return sent;
  }

  return {
    /** Mails what is due now; says how many notifications went out alone and how many digests. */
    async run(): Promise<{ instant: number; digests: number }> {
      const at = now();
      await unreadMessages(at);
      const result = { instant: await instant(at), digests: await digests(at) };
      if (result.instant + result.digests > 0) mailer.wake();
      return result;
    },
  };
}

export type NotificationMail = ReturnType<typeof createNotificationMail>;
