// Find partners: the open offers that fit one of the owner's offers, best first, each with its
// score, the parts of the score and the reasons, and a form to request a partnership. Above
// them, the partner the newest matching round proposed for the offer, if it proposed one.
import { error, fail } from '@sveltejs/kit';
import { getOfferProposal, type OfferProposal } from '$lib/api/matching-rounds';
import { findCountry } from '@twinning/core/vocabulary/countries';
import {
  listMatches,
  listPartnerships,
  requestPartnership,
  type Partnership,
} from '$lib/api/partnerships';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { loadOfferDetail } from '$lib/server/offer-page';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

/** How many partners the page shows. */
const MATCH_LIMIT = 20;

/** The longest message the API takes with a request. */
const MESSAGE_MAX = 2000;

/**
 * The user's partnerships that involve this offer, either way round; the page shows live
 * (pending or accepted) partners as asked. Best effort: without it the API still refuses a
 * second request with 409.
 */
async function offerPartnerships(fetch: Fetch, offerId: string): Promise<Partnership[]> {
  try {
    const { items } = await listPartnerships(fetch, { limit: 100 });
    return items.filter((p) => p.offerId === offerId || p.partnerOfferId === offerId);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not load the partnerships of an offer', cause);
    return [];
  }
}

/** The newest matching round's proposal for the offer. Best effort: the page does without. */
async function roundProposal(fetch: Fetch, offerId: string): Promise<OfferProposal['proposal']> {
  try {
    return (await getOfferProposal(fetch, offerId)).proposal;
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not load the round proposal of an offer', cause);
    return null;
  }
}

export const load: PageServerLoad = async ({ params, fetch, locals, url }) => {
  const user = signedInUser(locals, url);
  const { offer } = await loadOfferDetail(fetch, params.id);
  if (offer.ownerId !== user.id) error(403, m.partners_not_owner());
  try {
    const [matches, partnerships, proposal] = await Promise.all([
      listMatches(fetch, offer.id, MATCH_LIMIT),
      offerPartnerships(fetch, offer.id),
      roundProposal(fetch, offer.id),
    ]);
    const live = (p: Partnership) => p.status === 'pending' || p.status === 'accepted';
    const asked = partnerships
      .filter(live)
      .map((p) => (p.offerId === offer.id ? p.partnerOfferId : p.offerId));
    const locale = getLocale();
    const countries = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
    const countryName = (code: string) => countries.get(code) ?? findCountry(code)?.name ?? code;
    // Who asked for the partnership the proposal turned into: this offer's side or the other.
    const requestedFrom = proposal?.partnershipId
      ? partnerships.find((p) => p.id === proposal.partnershipId)
      : undefined;
    return {
      offer: { id: offer.id, title: offer.title, status: offer.status },
      messageMax: MESSAGE_MAX,
      asked,
      proposal: proposal && {
        roundDate: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(proposal.roundAt),
        ),
        roundAt: proposal.roundAt,
        score: proposal.score,
        requested: proposal.partnershipId
          ? requestedFrom
            ? requestedFrom.offerId === offer.id
              ? ('you' as const)
              : ('them' as const)
            : ('someone' as const)
          : null,
        offer: { id: proposal.offer.id, title: proposal.offer.title },
        institution: proposal.institution.name,
        countryName: countryName(proposal.institution.country),
      },
      matches: matches.map((match) => ({
        ...match,
        countryName: countryName(match.institution.country),
      })),
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 403) error(403, m.partners_not_owner());
    error(503, m.partners_unavailable());
  }
};

export const actions: Actions = {
  request: async ({ request, fetch, locals, params, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const partnerOfferId = String(form.get('partnerOfferId') ?? '');
    const message = String(form.get('message') ?? '');
    // Which card asked: the round's proposal or a suggestion (the same partner may be both).
    const source = form.get('source') === 'proposal' ? 'proposal' : 'suggestion';
    if (message.trim().length > MESSAGE_MAX) {
      return fail(400, {
        partnerOfferId,
        source,
        message,
        messageError: m.partners_message_too_long({ max: MESSAGE_MAX }),
        requestError: null,
      });
    }
    try {
      await requestPartnership(fetch, {
        offerId: params.id,
        partnerOfferId,
        message: message.trim(),
      });
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      const fieldMessage = cause.status === 400 ? cause.fieldMessages().message : undefined;
      return fail(status, {
        partnerOfferId,
        source,
        message,
        messageError: fieldMessage
          ? fieldMessage.charAt(0).toLocaleUpperCase() + fieldMessage.slice(1)
          : null,
        requestError: fieldMessage
          ? null
          : cause.status === 409
            ? m.partners_already_asked()
            : formErrorMessage(cause),
      });
    }
    return { requested: partnerOfferId };
  },
};
