// Find partners: the open offers that fit one of the owner's offers, best first, each with its
// score, the parts of the score and the reasons, and a form to request a partnership.
import { error, fail } from '@sveltejs/kit';
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
 * The partner offers this offer already has a live (pending or accepted) partnership with,
 * either way round; the page shows them as asked. Best effort: without it the API still
 * refuses a second request with 409.
 */
async function askedPartners(fetch: Fetch, offerId: string): Promise<string[]> {
  try {
    const { items } = await listPartnerships(fetch, { limit: 100 });
    const live = (p: Partnership) => p.status === 'pending' || p.status === 'accepted';
    return items
      .filter((p) => live(p) && (p.offerId === offerId || p.partnerOfferId === offerId))
      .map((p) => (p.offerId === offerId ? p.partnerOfferId : p.offerId));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not load the partnerships of an offer', cause);
    return [];
  }
}

export const load: PageServerLoad = async ({ params, fetch, locals, url }) => {
  const user = signedInUser(locals, url);
  const { offer } = await loadOfferDetail(fetch, params.id);
  if (offer.ownerId !== user.id) error(403, m.partners_not_owner());
  try {
    const [matches, asked] = await Promise.all([
      listMatches(fetch, offer.id, MATCH_LIMIT),
      askedPartners(fetch, offer.id),
    ]);
    const countries = new Map(countryOptions(getLocale()).map((c) => [c.code, c.name]));
    return {
      offer: { id: offer.id, title: offer.title, status: offer.status },
      messageMax: MESSAGE_MAX,
      asked,
      matches: matches.map((match) => ({
        ...match,
        countryName:
          countries.get(match.institution.country) ??
          findCountry(match.institution.country)?.name ??
          match.institution.country,
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
    if (message.trim().length > MESSAGE_MAX) {
      return fail(400, {
        partnerOfferId,
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
