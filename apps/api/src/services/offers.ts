// Offers: who may post, edit and close them; search with every filter of API.md.
import { isoDateOf } from '@twinning/core/offers/dates';
import { hasLapsed, stillOpenBounds } from '@twinning/core/offers/still-open';
import { mergeOfferPatch, validateOffer, type OfferInput } from '@twinning/core/offers/offer-rules';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { isIscedCode } from '@twinning/core/vocabulary/isced';
import { canonicalLanguageCode, isLanguageCode } from '@twinning/core/vocabulary/languages';
import { canonicalThemeId, isStudyLevel, isThemeId } from '@twinning/core/vocabulary/themes';
import { BadCursorError } from '@twinning/db/paging';
import type { Repositories } from '@twinning/db/repositories';
import type { Offer, OfferFilter } from '@twinning/db/repositories/offers';
import type { User } from '@twinning/db/repositories/users';
import { conflict, FieldProblems, invalidInput, notFound, unauthorized } from '../errors.ts';
import { requireOwner, requireVerifiedStaff } from './guards.ts';

export interface OfferSearchInput extends Omit<
  OfferFilter,
  'today' | 'status' | 'ownerId' | 'institutionId' | 'country'
> {
  status?: OfferFilter['status'];
  institution?: string;
  owner?: 'me';
  country?: string;
}

/**
 * The most offers a search counts: past it the list says "More than 100". A count reads rows
 * past the filters until it has this many, so its cost grows with the cap. Measured at 100k
 * offers, a search whose side-table filters (study level, SDG …) let about 1 % of offers
 * through reads ~2k rows for its first page of 20 and ~10k to count 100: counting 200 took ten
 * times the page, 1,000 forty times. Below the cap the count is exact.
 */
export const offerCountCap = 100;

/** How long a language count may serve after offers were written: popularity moves slowly. */
const languageUsageMaxAgeMs = 60_000;

export function createOfferService({
  repositories,
  now,
  newId,
}: {
  repositories: Pick<Repositories, 'offers' | 'institutions' | 'users'>;
  now: () => Date;
  newId: () => string;
}) {
  const { offers, institutions, users } = repositories;
  /** The last language count of each list (all open offers, or those open to students). */
  const languageUsageCache = new Map<
    boolean,
    {
      today: string;
      latest: number;
      at: number;
      usage: Promise<{ code: string; offers: number }[]>;
    }
  >();

  async function confirmOpen(current: Offer): Promise<Offer> {
    if (current.status !== 'open') {
      throw conflict(
        `Only an open offer can be confirmed as open; this one is ${current.status}. Post a new offer to look for partners again.`,
      );
    }
    if (!(await offers.confirm(current.id, now()))) {
      throw conflict('The offer is no longer open.');
    }
    const confirmed = await offers.findById(current.id);
    if (!confirmed) throw notFound('offer');
    return confirmed;
  }

  async function ownOffer(user: User, id: string): Promise<Offer> {
    const offer = await offers.findById(id);
    if (!offer) throw notFound('offer');
    requireOwner(user, offer.ownerId, 'Only the offer’s owner may do that.');
    return offer;
  }

  return {
    async create(user: User, input: OfferInput): Promise<Offer> {
      const institution = await requireVerifiedStaff(user, (id) => institutions.findById(id));
      const result = validateOffer(input, {
        institutionRegion: institution.region,
        today: isoDateOf(now()),
      });
      if (!result.ok) throw invalidInput(result.problems);
      return offers.create({
        ...result.offer,
        id: newId(),
        institutionId: institution.id,
        ownerId: user.id,
        country: institution.country,
        region: institution.region,
        createdAt: now(),
      });
    },

    async update(user: User, id: string, patch: OfferInput): Promise<Offer> {
      const current = await ownOffer(user, id);
      if (current.status === 'closed') throw conflict('A closed offer cannot be edited.');
      const institution = await institutions.findById(current.institutionId);
      const result = validateOffer(mergeOfferPatch(current, patch), {
        institutionRegion: institution?.region ?? 'europe',
        // Dates of an offer already running may stay as they are; new ones may not lie in the past.
        today: patch.endDate !== undefined ? isoDateOf(now()) : undefined,
      });
      if (!result.ok) throw invalidInput(result.problems);
      // Undefined when it was taken down between the read and the write.
      const updated = await offers.update(id, result.offer, now());
      if (!updated) throw notFound('offer');
      return updated;
    },

    async close(user: User, id: string): Promise<Offer> {
      const current = await ownOffer(user, id);
      if (!(await offers.setStatus(id, ['open', 'matched'], 'closed', now()))) {
        throw conflict(`The offer is ${current.status} already.`);
      }
      const closed = await offers.findById(id);
      if (!closed) throw notFound('offer');
      return closed;
    },

    /**
     * The owner confirms the offer is still open: the 60 days start anew, and an offer that had
     * left the open lists (75 days unconfirmed) is listed again.
     */
    async confirm(user: User, id: string): Promise<Offer> {
      const current = await ownOffer(user, id);
      return confirmOpen(current);
    },

    /**
     * The "still open?" mail's one-click choice, for the offer `offerId` the link's token was
     * signed for (the caller checks the token): confirm it, or close it.
     */
    async answerStillOpen(offerId: string, action: 'confirm' | 'close'): Promise<Offer> {
      const current = await offers.findById(offerId);
      if (!current) throw notFound('offer');
      if (action === 'confirm') return confirmOpen(current);
      if (current.status === 'closed') return current;
      if (!(await offers.setStatus(offerId, ['open', 'matched'], 'closed', now()))) {
        throw conflict(`The offer is ${current.status} already.`);
      }
      const closed = await offers.findById(offerId);
      if (!closed) throw notFound('offer');
      return closed;
    },

    async get(id: string) {
      const offer = await offers.findById(id);
      if (!offer) throw notFound('offer');
      const [institution, owner, lastActiveAt] = await Promise.all([
        institutions.findById(offer.institutionId),
        users.findById(offer.ownerId),
        users.lastActiveAt(offer.ownerId),
      ]);
      if (!institution) throw notFound('institution of this offer');
      return {
        offer,
        institution,
        owner: {
          id: offer.ownerId,
          name: owner?.name ?? '',
          lastActiveAt: lastActiveAt
            ? new Date(Math.floor(lastActiveAt.getTime() / 3_600_000) * 3_600_000)
            : null,
        },
        ended: offer.endDate < isoDateOf(now()),
        lapsed: offer.status === 'open' && hasLapsed(offer, now()),
      };
    },

    async search(user: User | null, input: OfferSearchInput) {
      const problems = new FieldProblems();
      if (input.field && !isIscedCode(input.field))
        problems.add('field', 'is not an ISCED-F 2013 code');
      if (input.language && !isLanguageCode(input.language))
        problems.add('language', 'is not an ISO 639-1 code');
      if (input.level && !isStudyLevel(input.level)) problems.add('level', 'is not a study level');
      if (input.theme && !isThemeId(input.theme))
        problems.add('theme', 'is not an ASEM education theme');
      const country = input.country ? findCountry(input.country) : undefined;
      if (input.country && !country) problems.add('country', 'is not an ASEM partner country');
      if (input.from && input.to && input.from > input.to)
        problems.add('to', 'must be on or after from');
      problems.throwIfAny();
      if (input.owner === 'me' && !user) throw unauthorized('Log in to see your own offers.');
      const filter = {
        ...input,
        // Old theme ids and language aliases mean the kept ones, which is all offers store.
        theme: input.theme ? canonicalThemeId(input.theme) : undefined,
        language: input.language ? canonicalLanguageCode(input.language) : undefined,
        country: country?.code,
        institutionId: input.institution,
        ownerId: input.owner === 'me' ? user!.id : undefined,
        status: input.status ?? 'open',
        today: isoDateOf(now()),
        lapseBefore: stillOpenBounds(now()).lapseBefore,
      };
      try {
        const [page, total] = await Promise.all([
          offers.search(filter),
          offers.count(filter, offerCountCap),
        ]);
        return { ...page, total: total.count, totalCapped: total.capped };
      } catch (error) {
        if (error instanceof BadCursorError)
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        throw error;
      }
    },

    /**
     * The languages open offers use, most used first. It reads every open offer's languages
     * (~50 ms at 100k offers), so a count is kept until offers were written (by any process:
     * the newest write time says) and it is a minute old, or the day changes.
     */
    async languageUsage(input: { openToStudents?: boolean }) {
      const at = now();
      const today = isoDateOf(at);
      const studentsOnly = input.openToStudents === true;
      const latest = (await offers.latestWrite())?.getTime() ?? 0;
      const cached = languageUsageCache.get(studentsOnly);
      if (
        cached &&
        cached.today === today &&
        (cached.latest === latest || at.getTime() - cached.at < languageUsageMaxAgeMs)
      ) {
        return cached.usage;
      }
      const usage = offers.languageUsage({
        today,
        lapseBefore: stillOpenBounds(at).lapseBefore,
        openToStudents: studentsOnly ? true : undefined,
      });
      const entry = { today, latest, at: at.getTime(), usage };
      languageUsageCache.set(studentsOnly, entry);
      usage.catch(() => {
        if (languageUsageCache.get(studentsOnly) === entry) languageUsageCache.delete(studentsOnly);
      });
      return usage;
    },

    ownOffer,
  };
}

export type OfferService = ReturnType<typeof createOfferService>;
