// Find partners: the open offers that fit one of the owner's offers, best first, each with its
// score, the parts of the score, why it fits and what to watch out for, and what stands between
// the two offers: a request the other side sent (who, their message, accept or decline here), one
// this side sent (when, withdraw), an agreed partnership, or nothing yet (a request form). Above
// them, the partner the newest matching round proposed, and requests from offers not listed.
import { error, fail } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { getOfferProposal, type OfferProposal } from '$lib/api/matching-rounds';
import { getOffer } from '$lib/api/offers';
import {
  decidePartnership,
  listMatches,
  listPartnerships,
  requestPartnership,
  type Partnership,
  type PartnershipDecision,
} from '$lib/api/partnerships';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { loadOfferDetail } from '$lib/server/offer-page';
import { signedInUser } from '$lib/server/page-access';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatInstant } from '$lib/viewer-time';
import { partnerStates } from './partner-state';
import type { Actions, PageServerLoad } from './$types';

/** How many partners the page shows. */
const MATCH_LIMIT = 20;

/** The longest message the API takes with a request. */
const MESSAGE_MAX = 2000;

/** The most pages of partnerships read to find this offer's. */
const MAX_PAGES = 5;

/**
 * The user's partnerships that involve this offer, either way round. Best effort: without them
 * the cards offer the request form, and the API still refuses a second request with 409.
 */
async function offerPartnerships(fetch: Fetch, offerId: string): Promise<Partnership[]> {
  const found: Partnership[] = [];
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const list = await listPartnerships(fetch, { limit: 100, cursor });
      found.push(
        ...list.items.filter((p) => p.offerId === offerId || p.partnerOfferId === offerId),
      );
      if (list.nextCursor === null) break;
      cursor = list.nextCursor;
    }
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not load the partnerships of an offer', cause);
  }
  return found;
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

export const load: PageServerLoad = async ({ params, fetch, locals, url, cookies }) => {
  const user = signedInUser(locals, url);
  const { offer } = await loadOfferDetail(fetch, params.id);
  if (offer.ownerId !== user.id) error(403, m.partners_not_owner());
  try {
    const [matches, partnerships, proposal] = await Promise.all([
      listMatches(fetch, offer.id, MATCH_LIMIT),
      offerPartnerships(fetch, offer.id),
      roundProposal(fetch, offer.id),
    ]);
    const locale = getLocale();
    // Dates of requests fall on the viewer's own day.
    const viewer = viewerTimeZone(user, cookies);
    const day = (iso: string) => formatInstant(iso, viewer, locale, 'date');
    const countries = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
    const countryName = (code: string) => countries.get(code) ?? findCountry(code)?.name ?? code;
    const states = partnerStates(offer.id, partnerships, day);
    const state = (partnerOfferId: string) => states.get(partnerOfferId) ?? null;

    // The round's partner is shown once, in its own box: not again in the ranked list.
    const ranked = matches.filter((match) => match.offer.id !== proposal?.offer.id);
    // Requests from offers shown nowhere else (not ranked here: another term, a full list).
    const shown = new Set([...ranked.map((match) => match.offer.id), proposal?.offer.id]);
    const unlisted = [...states].filter(
      ([partnerOfferId, s]) => s.kind === 'incoming' && !shown.has(partnerOfferId),
    );
    const requests = (
      await Promise.all(
        unlisted.map(async ([partnerOfferId, s]) => {
          try {
            const detail = await getOffer(fetch, partnerOfferId);
            return {
              offer: { id: detail.offer.id, title: detail.offer.title },
              institution: detail.institution.name,
              countryName: countryName(detail.institution.country),
              state: s,
            };
          } catch (cause) {
            if (!(cause instanceof ApiError)) throw cause;
            return null;
          }
        }),
      )
    ).filter((request) => request !== null);

    return {
      offer: { id: offer.id, title: offer.title, status: offer.status },
      navSection: '/my/offers' as const,
      messageMax: MESSAGE_MAX,
      // An address not verified (any more): what to do, in place of the request forms.
      emailGate: !user.emailVerified,
      requests,
      proposal: proposal && {
        roundDate: day(proposal.roundAt),
        roundAt: proposal.roundAt,
        score: proposal.score,
        offer: { id: proposal.offer.id, title: proposal.offer.title },
        institution: proposal.institution.name,
        countryName: countryName(proposal.institution.country),
        state: state(proposal.offer.id),
        // Its score parts and reasons, when it is among the suggestions too.
        match: matches.find((match) => match.offer.id === proposal.offer.id) ?? null,
      },
      matches: ranked.map((match) => ({
        ...match,
        countryName: countryName(match.institution.country),
        state: state(match.offer.id),
      })),
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 403) error(403, m.partners_not_owner());
    error(503, m.partners_unavailable());
  }
};

/** Accept, decline or withdraw one of this offer's requests, from the card it shows on. */
function decide(decision: PartnershipDecision): Actions[string] {
  return async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const partnershipId = String(form.get('partnershipId') ?? '');
    const partnerOfferId = String(form.get('partnerOfferId') ?? '');
    try {
      const partnership = await decidePartnership(fetch, partnershipId, decision);
      return { decided: { partnerOfferId, status: partnership.status } };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      return fail(status, {
        partnerOfferId,
        decideError:
          cause.status === 409 ? m.partnerships_changed_already() : formErrorMessage(cause),
      });
    }
  };
}

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
  accept: decide('accept'),
  decline: decide('decline'),
  withdraw: decide('withdraw'),
};
