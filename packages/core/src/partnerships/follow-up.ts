// What happens to a partnership request nobody answers: after 3 days its recipient is reminded
// (once); after 14 days it expires — both sides are told, and the requester is pointed at the
// next best partners. Partners who never answer are the first complaint about partner-finding
// tools: a request must neither wait forever nor block its offer.
export const reminderAfterDays = 3;
export const expiryAfterDays = 14;

const dayMs = 24 * 60 * 60 * 1000;

/** What a pending request made at `requestedAt` is due at `now`. */
export type RequestFollowUp = 'none' | 'remind' | 'expire';

export function requestFollowUp(
  request: { requestedAt: Date; remindedAt: Date | null },
  now: Date,
): RequestFollowUp {
  const age = now.getTime() - request.requestedAt.getTime();
  if (age >= expiryAfterDays * dayMs) return 'expire';
  if (age >= reminderAfterDays * dayMs && request.remindedAt === null) return 'remind';
  return 'none';
}

/**
 * The request dates that are due at `now`: requests made before `remindBefore` and not yet
 * reminded get their reminder; those made before `expireBefore` expire. (The repository asks for
 * them with these bounds; `requestFollowUp` says the same of one request.)
 */
export function followUpBounds(now: Date): { remindBefore: Date; expireBefore: Date } {
  return {
    remindBefore: new Date(now.getTime() - reminderAfterDays * dayMs),
    expireBefore: new Date(now.getTime() - expiryAfterDays * dayMs),
  };
}
