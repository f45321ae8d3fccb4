// My partnerships: requests to the user's offers (accept or decline), requests they sent
// (withdraw), agreed ones (record completion) and past ones, each with both offers named.
import { error, fail } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { getOffer, type OfferDetail } from '$lib/api/offers';
import {
  completePartnership,
  decidePartnership,
  listPartnerships,
  type Partnership,
  type PartnershipDecision,
} from '$lib/api/partnerships';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { canAuthor } from '$lib/server/offer-authoring';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

/** The most pages of partnerships read at once. */
const MAX_PAGES = 5;

/** The most students a side may report. */
const STUDENTS_MAX = 10000;

/** One side of a partnership as the page shows it. */
interface Side {
  offerId: string;
  title: string;
  institutionName: string;
  countryName: string;
  mine: boolean;
  /** Whether its offer can be opened (one the secretariat took down cannot). */
  available: boolean;
  /** Who posted its offer (for a link to their profile), when the offer could be read. */
  ownerId: string | null;
}

interface PartnershipView extends Partnership {
  /** The side of `offerId` (who asked) and of `partnerOfferId` (who was asked). */
  a: Side;
  b: Side;
  /** Which list it belongs in. */
  group: 'incoming' | 'sent' | 'agreed' | 'past';
}

async function allPartnerships(fetch: Fetch): Promise<{ items: Partnership[]; more: boolean }> {
  const items: Partnership[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await listPartnerships(fetch, { cursor, limit: 100 });
    items.push(...page.items);
    if (page.nextCursor === null) return { items, more: false };
    cursor = page.nextCursor;
  }
  return { items, more: true };
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  if (!canAuthor(user)) {
    return { allowed: false as const, partnerships: [] as PartnershipView[], more: false };
  }
  let list: { items: Partnership[]; more: boolean };
  try {
    list = await allPartnerships(fetch);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(503, m.partnerships_unavailable());
  }

  // Each offer once; one that cannot be read (taken down by the secretariat, an API hiccup) is
  // named as such, and its partnership stays workable.
  const ids = [...new Set(list.items.flatMap((p) => [p.offerId, p.partnerOfferId]))];
  const details = new Map<string, OfferDetail>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        details.set(id, await getOffer(fetch, id));
      } catch (cause) {
        if (!(cause instanceof ApiError)) throw cause;
      }
    }),
  );
  const countries = new Map(countryOptions(getLocale()).map((c) => [c.code, c.name]));
  const side = (offerId: string, requester: boolean, p: Partnership): Side => {
    const detail = details.get(offerId);
    const code = detail?.institution.country ?? '';
    const mine = detail
      ? detail.offer.ownerId === user.id
      : requester === (p.requestedBy === user.id);
    return {
      offerId,
      title:
        detail?.offer.title ??
        (mine ? m.partnerships_own_offer_unavailable() : m.partnerships_unknown_offer()),
      institutionName: detail?.institution.name ?? '',
      countryName: countries.get(code) ?? findCountry(code)?.name ?? code,
      mine,
      available: detail !== undefined,
      ownerId: detail?.offer.ownerId ?? null,
    };
  };

  const partnerships = list.items.map((p): PartnershipView => {
    const a = side(p.offerId, true, p);
    const b = side(p.partnerOfferId, false, p);
    const group =
      p.status === 'pending'
        ? b.mine && !a.mine
          ? 'incoming'
          : 'sent'
        : p.status === 'accepted'
          ? 'agreed'
          : 'past';
    return { ...p, a, b, group };
  });
  return { allowed: true as const, partnerships, more: list.more };
};

function decide(decision: PartnershipDecision): Actions[string] {
  return async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const id = String(form.get('partnershipId') ?? '');
    try {
      const partnership = await decidePartnership(fetch, id, decision);
      return { done: { id: partnership.id, status: partnership.status } };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      const message =
        cause.status === 409 ? m.partnerships_changed_already() : formErrorMessage(cause);
      return fail(status, { failedId: id, actionError: message });
    }
  };
}

/** A whole number of students 0–10000, or null. */
function studentCount(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text)) return null;
  const count = Number(text);
  return count <= STUDENTS_MAX ? count : null;
}

export const actions: Actions = {
  accept: decide('accept'),
  decline: decide('decline'),
  withdraw: decide('withdraw'),

  complete: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const id = String(form.get('partnershipId') ?? '');
    const values = {
      studentsA: String(form.get('studentsA') ?? ''),
      studentsB: String(form.get('studentsB') ?? ''),
    };
    const studentsA = studentCount(form.get('studentsA'));
    const studentsB = studentCount(form.get('studentsB'));
    if (studentsA === null || studentsB === null) {
      const invalid = m.partnerships_students_invalid({ max: STUDENTS_MAX });
      return fail(400, {
        failedId: id,
        values,
        fieldErrors: {
          studentsA: studentsA === null ? invalid : null,
          studentsB: studentsB === null ? invalid : null,
        },
        actionError: null,
      });
    }
    try {
      const partnership = await completePartnership(fetch, id, { studentsA, studentsB });
      return { done: { id: partnership.id, status: partnership.status } };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      const fields = cause.status === 400 ? cause.fieldMessages() : {};
      const sentence = (text: string | undefined) =>
        text ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : null;
      const fieldErrors = {
        studentsA: sentence(fields.studentsA),
        studentsB: sentence(fields.studentsB),
      };
      const placed = fieldErrors.studentsA !== null || fieldErrors.studentsB !== null;
      return fail(status, {
        failedId: id,
        values,
        fieldErrors,
        actionError: placed
          ? null
          : cause.status === 409
            ? m.partnerships_changed_already()
            : formErrorMessage(cause),
      });
    }
  },
};
