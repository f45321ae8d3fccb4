// What stands between an offer and one partner offer, as the Find partners cards show it:
// read from the partnerships either way round, so a request this offer received is never
// taken for one it sent.
import type { Partnership } from '$lib/api/partnerships';

/**
 * Where this offer stands with one partner offer: the other side asked (`incoming`), this side
 * asked (`outgoing`), or they agreed (`agreed`). Declined and withdrawn requests leave room for
 * a new one, so they are no state here.
 */
export type PartnerState =
  | {
      kind: 'incoming';
      partnershipId: string;
      requesterName: string;
      message: string;
      date: string;
    }
  | { kind: 'outgoing'; partnershipId: string; date: string }
  | { kind: 'agreed'; partnershipId: string; conversationId: string | null; date: string };

/** Each live partnership of the offer, by the other offer's id. */
export function partnerStates(
  offerId: string,
  partnerships: readonly Partnership[],
  day: (iso: string) => string,
): Map<string, PartnerState> {
  const states = new Map<string, PartnerState>();
  for (const p of partnerships) {
    const asked = p.partnerOfferId === offerId;
    const other = asked ? p.offerId : p.partnerOfferId;
    if (p.status === 'accepted') {
      states.set(other, {
        kind: 'agreed',
        partnershipId: p.id,
        conversationId: p.conversationId,
        date: day(p.decidedAt ?? p.createdAt),
      });
    } else if (p.status === 'pending') {
      states.set(
        other,
        asked
          ? {
              kind: 'incoming',
              partnershipId: p.id,
              requesterName: p.requesterName,
              message: p.message,
              date: day(p.createdAt),
            }
          : { kind: 'outgoing', partnershipId: p.id, date: day(p.createdAt) },
      );
    }
  }
  return states;
}
