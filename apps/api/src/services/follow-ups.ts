// Requests nobody answers (core/partnerships/follow-up.ts): at 3 days the recipient is reminded,
// once; at 14 days the request expires and both sides are told, the requester with a way to the
// next best partners. Run by the server on a timer (`run`); every request is taken by one
// process only (the repository's update re-checks it), so any number of processes may run it.
import {
  expiryAfterDays,
  followUpBounds,
  reminderAfterDays,
} from '@twinning/core/partnerships/follow-up';
import type { Repositories } from '@twinning/db/repositories';
import type { DueRequest } from '@twinning/db/repositories/partnerships';
import type { NotificationService, PartnershipNote } from './notifications.ts';

/** Requests taken per transaction: a backlog (after downtime) goes in several short ones. */
const batch = 200;

function noteOf(request: DueRequest): PartnershipNote {
  return {
    partnershipId: request.id,
    offerId: request.offerId,
    offerTitle: request.offerTitle,
    partnerOfferId: request.partnerOfferId,
    partnerOfferTitle: request.partnerOfferTitle,
  };
}

export function createFollowUpService({
  repositories,
  now,
  notifications,
}: {
  repositories: Pick<Repositories, 'partnerships'>;
  now: () => Date;
  notifications: NotificationService;
}) {
  const { partnerships } = repositories;

  /** Repeats `step` until a batch comes back short; returns how many it took in all. */
  async function drain(step: () => Promise<{ taken: number; ids: string[] }>): Promise<number> {
    let total = 0;
    for (;;) {
      const { taken, ids } = await step();
      total += taken;
      await notifications.publish(ids);
      if (taken < batch) return total;
    }
  }

  return {
    /** Expires what is 14 days old, then reminds of what is 3; says how many of each. */
    async run(): Promise<{ expired: number; reminded: number }> {
      const at = now();
      const { remindBefore, expireBefore } = followUpBounds(at);
      // Expiry first: a request past 14 days (the platform was down) expires without a reminder.
      const expired = await drain(async () => {
        let ids: string[] = [];
        const taken = await partnerships.expireDue(
          { requestedBefore: expireBefore, at, limit: batch },
          (due) => {
            const drafts = due.flatMap((request) => [
              notifications.draft(request.requestedBy, 'partnership_expired', {
                ...noteOf(request),
                side: 'requester',
                days: expiryAfterDays,
              }),
              notifications.draft(request.partnerOwnerId, 'partnership_expired', {
                ...noteOf(request),
                side: 'recipient',
                days: expiryAfterDays,
              }),
            ]);
            ids = drafts.map((d) => d.id);
            return drafts;
          },
        );
        return { taken: taken.length, ids };
      });
      const reminded = await drain(async () => {
        let ids: string[] = [];
        const taken = await partnerships.remindDue(
          { requestedBefore: remindBefore, at, limit: batch },
          (due) => {
            const drafts = due.map((request) =>
              notifications.draft(request.partnerOwnerId, 'partnership_reminder', {
                ...noteOf(request),
                fromId: request.requestedBy,
                days: reminderAfterDays,
              }),
            );
            ids = drafts.map((d) => d.id);
            return drafts;
          },
        );
        return { taken: taken.length, ids };
      });
      return { expired, reminded };
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
