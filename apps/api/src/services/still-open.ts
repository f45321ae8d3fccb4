// Offers nobody looks after (core/offers/still-open.ts): at 60 days without a confirmation the
// owner gets a "still open?" mail with one-click confirm and close links; at 75 the offer leaves
// the open lists (the listings filter by time; this job only tells the matcher's index, through
// a write). Run by the server on a timer; each offer is taken by one process only (the
// repository's update re-checks it), and its mail is stored in the same transaction.
import { isoDateOf } from '@twinning/core/offers/dates';
import { confirmedSince, lapsesAt, stillOpenBounds } from '@twinning/core/offers/still-open';
import type { Repositories } from '@twinning/db/repositories';
import type { Mailer } from '../mail/mailer.ts';
import type { UnsubscribeTokens } from '../mail/unsubscribe.ts';

/** Offers taken per transaction: a backlog (after downtime) goes in several short ones. */
const batch = 200;

/** The purpose the one-click links' tokens are signed for (mail/unsubscribe.ts's signFor). */
export const stillOpenLinkPurpose = 'still_open';

export function createStillOpenService({
  repositories,
  now,
  mailer,
  tokens,
}: {
  repositories: Pick<Repositories, 'offers'>;
  now: () => Date;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
}) {
  const { offers } = repositories;
  return {
    /** Asks about what is 60 days unconfirmed, then marks what lapsed; says how many of each. */
    async run(): Promise<{ asked: number; lapsed: number }> {
      const at = now();
      const { askBefore, lapseBefore } = stillOpenBounds(at);
      let asked = 0;
      for (;;) {
        const taken = await offers.askStillOpenDue(
          { confirmedBefore: askBefore, today: isoDateOf(at), at, limit: batch },
          async (tx, due) => {
            for (const offer of due) {
              const token = encodeURIComponent(
                await tokens.signFor(stillOpenLinkPurpose, offer.id, tx),
              );
              const page = (action: string) =>
                mailer.link(`/offers/${offer.id}/still-open?token=${token}&action=${action}`);
              await mailer.enqueue(
                'still_open',
                offer.owner,
                {
                  offerTitle: offer.title,
                  lapsesOn: isoDateOf(lapsesAt(confirmedSince(offer))),
                  confirmUrl: page('confirm'),
                  closeUrl: page('close'),
                },
                { tx },
              );
            }
          },
        );
        asked += taken.length;
        if (taken.length > 0) mailer.wake();
        if (taken.length < batch) break;
      }
      let lapsed = 0;
      for (;;) {
        const touched = await offers.touchLapsed({ lapseBefore, at, limit: batch });
        lapsed += touched;
        if (touched < batch) break;
      }
      return { asked, lapsed };
    },
  };
}

export type StillOpenService = ReturnType<typeof createStillOpenService>;
