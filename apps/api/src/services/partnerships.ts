// Partnerships: a request opens a conversation between the two sides, its message the first
// one there; the partner decides; the requester may withdraw; either side records completion.
// Every step notifies the other side, naming both offers and who acted. An offer the secretariat
// took down closes its pending requests (moderation.ts); agreed partnerships stay, and both
// sides keep working on them, so the steps here read a partnership's offers hidden or not.
import { hardConstraintViolations } from '@twinning/core/matching/constraints';
import { scorePair } from '@twinning/core/matching/rank';
import { buildTextIndex, textSimilarity } from '@twinning/core/matching/text-similarity';
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import type { Repositories } from '@twinning/db/repositories';
import {
  OfferHiddenError,
  PairTakenError,
  type PartnershipSide,
  type PartnershipStatus,
  type PartnershipWithSides,
} from '@twinning/db/repositories/partnerships';
import type { User } from '@twinning/db/repositories/users';
import { conflict, forbidden, invalidInput, notFound } from '../errors.ts';
import { isSecretariat, requireVerifiedEmail } from './guards.ts';
import type { NotificationService, PartnershipNote } from './notifications.ts';

export const partnershipMessageMax = 2000;

/** What the notifications of a step name: the partnership's two offers. */
function noteOf({ partnership, offer, partnerOffer }: PartnershipWithSides): PartnershipNote {
  return {
    partnershipId: partnership.id,
    offerId: offer.id,
    offerTitle: offer.title,
    partnerOfferId: partnerOffer.id,
    partnerOfferTitle: partnerOffer.title,
  };
}

const takenDown = (side: PartnershipSide) =>
  `the offer “${side.title}” has been taken down by the secretariat`;

export function createPartnershipService({
  repositories,
  now,
  newId,
  notifications,
}: {
  repositories: Pick<Repositories, 'partnerships' | 'offers' | 'matchingRounds'>;
  now: () => Date;
  newId: () => string;
  notifications: NotificationService;
}) {
  const { partnerships, offers, matchingRounds } = repositories;

  async function load(id: string): Promise<PartnershipWithSides> {
    const found = await partnerships.findWithSides(id);
    if (!found) throw notFound('partnership');
    return found;
  }

  /** Why a partnership cannot move from its status to `to`, as a 409. */
  function refusal(found: PartnershipWithSides, to: PartnershipStatus) {
    const { partnership, offer, partnerOffer } = found;
    const hidden = [offer, partnerOffer].find((side) => side.hidden);
    const why = hidden ? ` (${takenDown(hidden)})` : '';
    return conflict(`The partnership is ${partnership.status}${why}, so it cannot become ${to}.`);
  }

  async function move(
    found: PartnershipWithSides,
    to: 'accepted' | 'declined' | 'withdrawn' | 'completed',
    by: User,
    notifyUserId: string,
    students?: { a: number; b: number },
  ) {
    const from = to === 'completed' ? 'accepted' : 'pending';
    if (found.partnership.status !== from) throw refusal(found, to);
    const note = noteOf(found);
    const notification =
      to === 'completed'
        ? notifications.draft(notifyUserId, 'partnership_completed', {
            ...note,
            byId: by.id,
            byName: by.name,
          })
        : notifications.draft(notifyUserId, 'partnership_decided', {
            ...note,
            status: to,
            byId: by.id,
            byName: by.name,
          });
    const moved = await partnerships.transition({
      id: found.partnership.id,
      from,
      to,
      at: now(),
      students,
      notification,
    });
    if (!moved) {
      // Changed meanwhile (another tab, the other side, the secretariat): say how it stands now.
      throw refusal(await load(found.partnership.id), to);
    }
    await notifications.publish([notification.id]);
    return moved;
  }

  return {
    async request(
      user: User,
      input: { offerId: string; partnerOfferId: string; message?: string },
    ) {
      requireVerifiedEmail(user, 'request partners');
      const message = (input.message ?? '').trim();
      if (message.length > partnershipMessageMax) {
        throw invalidInput([
          { field: 'message', message: `must be at most ${partnershipMessageMax} characters` },
        ]);
      }
      const [offer, partner] = await Promise.all([
        offers.findForMatching(input.offerId),
        offers.findForMatching(input.partnerOfferId),
      ]);
      if (!offer) throw notFound('offer');
      if (offer.ownerId !== user.id)
        throw forbidden('Only the offer’s owner requests partners for it.');
      if (!partner) throw notFound('partner offer');
      const today = isoDateOf(now());
      const violations = hardConstraintViolations(offer, partner, { today });
      if (violations.length > 0) {
        throw conflict(
          `These offers cannot be partners: ${violations.map((v) => v.message).join('; ')}.`,
          violations.map((v) => ({ field: 'partnerOfferId', message: v.message })),
        );
      }
      const index = buildTextIndex([offer, partner]);
      const scored = scorePair(offer, partner, {
        today,
        textSimilarity: (a, b) => textSimilarity(index, a, b),
        balanceNeed: () => 0,
        balanceWeight: 0,
      });
      const id = newId();
      const notification = notifications.draft(partner.ownerId, 'partnership_requested', {
        partnershipId: id,
        offerId: offer.id,
        offerTitle: offer.title,
        partnerOfferId: partner.id,
        partnerOfferTitle: partner.title,
        fromId: user.id,
        fromName: user.name,
      });
      try {
        const created = await partnerships.create({
          id,
          offerId: offer.id,
          partnerOfferId: partner.id,
          requestedBy: user.id,
          message,
          score: scored?.score ?? null,
          at: now(),
          conversation: {
            id: newId(),
            title: `${offer.title} × ${partner.title}`.slice(0, 120),
            memberIds: [offer.ownerId, partner.ownerId],
            firstMessageId: newId(),
          },
          notification,
        });
        // A request for a pair a matching round proposed answers that proposal.
        await matchingRounds.linkPartnership(offer.id, partner.id, id);
        await notifications.publish([notification.id]);
        return created;
      } catch (error) {
        if (error instanceof PairTakenError) {
          throw conflict('These offers have a pending or agreed partnership already.');
        }
        if (error instanceof OfferHiddenError) {
          throw notFound(error.offerId === offer.id ? 'offer' : 'partner offer');
        }
        throw error;
      }
    },

    async list(user: User, query: { status?: PartnershipStatus; limit: number; cursor?: string }) {
      // The secretariat oversees all of them; everyone else the ones of their own offers,
      // hidden ones included.
      const offerIds = isSecretariat(user) ? null : await offers.idsOwnedBy(user.id);
      try {
        return await partnerships.list({ offerIds, ...query });
      } catch (error) {
        if (error instanceof BadCursorError)
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        throw error;
      }
    },

    async decide(user: User, id: string, to: 'accepted' | 'declined') {
      requireVerifiedEmail(user, 'answer partnership requests');
      const found = await load(id);
      if (found.partnerOffer.ownerId !== user.id)
        throw forbidden('Only the partner offer’s owner decides on a request.');
      // A request still pending on an offer taken down (hidden before requests were closed with
      // it) can be declined, not accepted.
      const hidden = [found.offer, found.partnerOffer].find((side) => side.hidden);
      if (to === 'accepted' && hidden && found.partnership.status === 'pending') {
        throw conflict(`This request cannot be accepted: ${takenDown(hidden)}.`);
      }
      return move(found, to, user, found.partnership.requestedBy);
    },

    async withdraw(user: User, id: string) {
      const found = await load(id);
      if (found.partnership.requestedBy !== user.id)
        throw forbidden('Only the requester withdraws a request.');
      return move(found, 'withdrawn', user, found.partnerOffer.ownerId);
    },

    async complete(user: User, id: string, students: { studentsA: number; studentsB: number }) {
      requireVerifiedEmail(user, 'record a partnership’s completion');
      const found = await load(id);
      const { offer, partnerOffer } = found;
      if (offer.ownerId !== user.id && partnerOffer.ownerId !== user.id)
        throw forbidden('Only the two offers’ owners record completion.');
      const other = offer.ownerId === user.id ? partnerOffer.ownerId : offer.ownerId;
      return move(found, 'completed', user, other, {
        a: students.studentsA,
        b: students.studentsB,
      });
    },
  };
}
