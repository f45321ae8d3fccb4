// Offers nobody looks after: an open offer whose owner has not confirmed it for 60 days is asked
// about by mail ("still open?", with one-click confirm or close); unconfirmed at 75 days it leaves
// the open lists (catalogue, search, partner suggestions, matching rounds) until its owner
// confirms it again. Confirming — from the mail, the offer's page, or by editing it — starts the
// 60 days anew. An offer never confirmed counts from when it was posted.
export const askStillOpenAfterDays = 60;
export const lapseAfterDays = 75;

const dayMs = 24 * 60 * 60 * 1000;

/** When the offer was last confirmed: its confirmation, else its posting. */
export function confirmedSince(offer: { confirmedAt: Date | null; createdAt: Date }): Date {
  return offer.confirmedAt ?? offer.createdAt;
}

/** Whether an open offer has gone unconfirmed too long to be listed as open at `now`. */
export function hasLapsed(
  offer: { confirmedAt: Date | null; createdAt: Date },
  now: Date,
): boolean {
  return now.getTime() - confirmedSince(offer).getTime() >= lapseAfterDays * dayMs;
}

/** When an offer confirmed at `since` leaves the open lists unless confirmed again. */
export function lapsesAt(since: Date): Date {
  return new Date(since.getTime() + lapseAfterDays * dayMs);
}

/**
 * The confirmation dates that matter at `now`: offers confirmed before `askBefore` and not yet
 * asked get the mail; those confirmed before `lapseBefore` are no longer listed as open.
 */
export function stillOpenBounds(now: Date): { askBefore: Date; lapseBefore: Date } {
  return {
    askBefore: new Date(now.getTime() - askStillOpenAfterDays * dayMs),
    lapseBefore: new Date(now.getTime() - lapseAfterDays * dayMs),
  };
}
