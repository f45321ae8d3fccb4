// Partnerships: a request opens a conversation between the two sides; the partner decides; the
// requester may withdraw; either side records completion. Every decision notifies the other side.
import { hardConstraintViolations } from '@twinning/core/matching/constraints';
import { scorePair } from '@twinning/core/matching/rank';
import { buildTextIndex, textSimilarity } from '@twinning/core/matching/text-similarity';
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import type { Repositories } from '@twinning/db/repositories';
import {
  PairTakenError,
  type Partnership,
  type PartnershipStatus,
} from '@twinning/db/repositories/partnerships';
import type { User } from '@twinning/db/repositories/users';
import { conflict, forbidden, invalidInput, notFound } from '../errors.ts';

export const partnershipMessageMax = 2000;

export function createPartnershipService({
  repositories,
  now,
  newId,
  notify = async () => undefined,
}: {
  repositories: Pick<Repositories, 'partnerships' | 'offers' | 'matchingRounds'>;
  now: () => Date;
  newId: () => string;
  /** Pushes stored notifications to their users' sockets. */
  notify?: (ids: string[]) => Promise<void>;
}) {
  const { partnerships, offers, matchingRounds } = repositories;

  async function load(id: string) {
    const partnership = await partnerships.findById(id);
    if (!partnership) throw notFound('partnership');
    const [offer, partnerOffer] = await Promise.all([
      offers.findById(partnership.offerId),
      offers.findById(partnership.partnerOfferId),
    ]);
    return { partnership, offer: offer!, partnerOffer: partnerOffer! };
  }

  async function move(
    id: string,
    from: PartnershipStatus,
    to: PartnershipStatus,
    notifyUserId: string,
    current: Partnership,
    students?: { a: number; b: number },
  ) {
    const notificationId = newId();
    const changed = await partnerships.transition({
      id,
      from,
      to,
      at: now(),
      students,
      notification: {
        id: notificationId,
        userId: notifyUserId,
        kind: to === 'completed' ? 'partnership_completed' : 'partnership_decided',
        payload: {
          partnershipId: id,
          offerId: current.offerId,
          partnerOfferId: current.partnerOfferId,
          status: to,
        },
      },
    });
    if (!changed)
      throw conflict(`The partnership is ${current.status}, so it cannot become ${to}.`);
    await notify([notificationId]);
    return (await partnerships.findById(id))!;
  }

  return {
    async request(
      user: User,
      input: { offerId: string; partnerOfferId: string; message?: string },
    ) {
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
      const notificationId = newId();
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
          },
          notification: {
            id: notificationId,
            userId: partner.ownerId,
            kind: 'partnership_requested',
            payload: {
              partnershipId: id,
              offerId: offer.id,
              partnerOfferId: partner.id,
              fromName: user.name,
            },
          },
        });
        // A request for a pair a matching round proposed answers that proposal.
        await matchingRounds.linkPartnership(offer.id, partner.id, id);
        await notify([notificationId]);
        return created;
      } catch (error) {
        if (error instanceof PairTakenError) {
          throw conflict('These offers have a pending or agreed partnership already.');
        }
        throw error;
      }
    },

    async list(user: User, query: { status?: PartnershipStatus; limit: number; cursor?: string }) {
      const offerIds = user.role === 'secretariat' ? null : await offers.idsOwnedBy(user.id);
      try {
        return await partnerships.list({ offerIds, ...query });
      } catch (error) {
        if (error instanceof BadCursorError)
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        throw error;
      }
    },

    async decide(user: User, id: string, to: 'accepted' | 'declined') {
      const { partnership, partnerOffer } = await load(id);
      if (partnerOffer.ownerId !== user.id)
        throw forbidden('Only the partner offer’s owner decides on a request.');
      return move(id, 'pending', to, partnership.requestedBy, partnership);
    },

    async withdraw(user: User, id: string) {
      const { partnership, partnerOffer } = await load(id);
      if (partnership.requestedBy !== user.id)
        throw forbidden('Only the requester withdraws a request.');
      return move(id, 'pending', 'withdrawn', partnerOffer.ownerId, partnership);
    },

    async complete(user: User, id: string, students: { studentsA: number; studentsB: number }) {
      const { partnership, offer, partnerOffer } = await load(id);
      const owners = [offer.ownerId, partnerOffer.ownerId];
      if (!owners.includes(user.id))
        throw forbidden('Only the two offers’ owners record completion.');
      const other = offer.ownerId === user.id ? partnerOffer.ownerId : offer.ownerId;
      return move(id, 'accepted', 'completed', other, partnership, {
        a: students.studentsA,
        b: students.studentsB,
      });
    },
  };
}
