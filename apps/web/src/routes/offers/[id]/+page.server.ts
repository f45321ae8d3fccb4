// One offer: what it is, when it meets (in the offer's zone and the viewer's), who keeps it,
// and what the viewer can do — the owner edits or closes it, a student applies.
import { fail, redirect } from '@sveltejs/kit';
import type { Application } from '@twinning/contracts/applications';
import { isoDateOf } from '@twinning/core/offers/dates';
import { confirmedSince, lapsesAt, stillOpenBounds } from '@twinning/core/offers/still-open';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { languageName } from '@twinning/core/vocabulary/languages';
import { applyToOffer, listApplications } from '$lib/api/applications';
import { startConversation } from '$lib/api/conversations';
import { closeOffer, confirmOffer } from '$lib/api/offers';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { defaultOfferBack, readOfferBack } from '$lib/offer-back-link';
import { takeFlash } from '$lib/server/flash';
import { formErrorMessage } from '$lib/server/form-failure';
import { summarise } from '$lib/meta-description';
import type { PageMeta } from '$lib/page-meta';
import { loadOfferDetail } from '$lib/server/offer-page';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

/** The most the API lists at once. */
const PAGE_SIZE = 100;

async function ownApplicationTo(fetch: Fetch, offerId: string): Promise<Application | null> {
  const { items } = await listApplications(fetch, { limit: PAGE_SIZE });
  return items.find((application) => application.offerId === offerId) ?? null;
}

function stillOpenState(
  offer: { confirmedAt?: string | null; createdAt: string },
  lapsed: boolean,
  now: Date,
): { lapsed: boolean; since: string; lapsesOn: string } | null {
  const since = confirmedSince({
    confirmedAt: offer.confirmedAt ? new Date(offer.confirmedAt) : null,
    createdAt: new Date(offer.createdAt),
  });
  if (!lapsed && since > stillOpenBounds(now).askBefore) return null;
  return { lapsed, since: isoDateOf(since), lapsesOn: isoDateOf(lapsesAt(since)) };
}

export const load: PageServerLoad = async ({ params, fetch, locals, cookies, url }) => {
  const detail = await loadOfferDetail(fetch, params.id);
  const user = locals.user;
  const isOwner = user?.id === detail.offer.ownerId;

  // What the owner and a student see besides the offer; the page still shows without it.
  let applicationCount: number | null = null;
  let moreApplications = false;
  let ownApplication: Application | null = null;
  try {
    if (isOwner) {
      const page = await listApplications(fetch, { offerId: detail.offer.id, limit: PAGE_SIZE });
      applicationCount = page.items.length;
      moreApplications = page.nextCursor !== null;
    } else if (user?.role === 'student') {
      ownApplication = await ownApplicationTo(fetch, detail.offer.id);
    }
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not load the applications of an offer', cause);
  }

  // Where "back" leads: the list the visitor came from (`?back=`), else a list that fits them.
  const back =
    readOfferBack(url.searchParams.get('back')) ??
    defaultOfferBack({ isOwner, role: user?.role ?? null });

  const locale = getLocale();
  const country = countryOptions(locale).find((c) => c.code === detail.institution.country);
  const now = Date.now();
  // Staff and the secretariat may write to the owner; a student once they have applied
  // (the API decides in the end and says why when it refuses).
  const canMessageOwner =
    !!user && !isOwner && (user.role !== 'student' || ownApplication !== null);
  const takesApplications =
    detail.offer.openToStudents && detail.offer.status === 'open' && !detail.ended;
  return {
    ...detail,
    countryName:
      country?.name ?? findCountry(detail.institution.country)?.name ?? detail.institution.country,
    // Named on the server, so the page reads the same before and after it starts running.
    languageNames: Object.fromEntries(
      detail.offer.languages.map((l) => [l.code, languageName(l.code, locale)]),
    ) as Record<string, string>,
    isOwner,
    viewerRole: user?.role ?? null,
    canMessageOwner,
    // An address not verified yet: the page says what to do in place of the message button
    // and the application form (the site-wide notice then steps back).
    emailGate:
      !!user &&
      !user.emailVerified &&
      (canMessageOwner || (user.role === 'student' && !ownApplication && takesApplications)),
    applicationCount,
    moreApplications,
    ownApplication,
    back,
    // Said once, after the owner posted or edited the offer.
    flash: isOwner
      ? takeFlash(cookies, url, `/offers/${encodeURIComponent(detail.offer.id)}`)
      : null,
    // The owner's own offer belongs to My offers in the navigation, not to the catalogue.
    navSection: isOwner ? ('/my/offers' as const) : null,
    // An open offer unconfirmed for 60 days is asked about; at 75 it left the open lists.
    stillOpen:
      isOwner && detail.offer.status === 'open' && !detail.ended
        ? stillOpenState(detail.offer, detail.lapsed ?? false, new Date(now))
        : null,
    now,
    today: isoDateOf(new Date(now)),
    meta: {
      title: detail.offer.title,
      description: summarise(detail.offer.description),
      type: 'article',
    } satisfies PageMeta,
  };
};

export const actions: Actions = {
  /** Opens (or finds) the direct conversation with the offer's owner and goes there. */
  message: async ({ fetch, locals, params, url }) => {
    signedInUser(locals, url);
    let conversationId: string;
    try {
      const { owner } = await loadOfferDetail(fetch, params.id);
      conversationId = (await startConversation(fetch, owner.id)).id;
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        messageError: formErrorMessage(cause),
      });
    }
    redirect(303, `/messages/${encodeURIComponent(conversationId)}`);
  },

  close: async ({ request, fetch, locals, params, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    // Without a confirmation the page asks first (with and without JavaScript alike).
    if (form.get('confirm') !== 'yes') return { closeConfirm: true };
    try {
      await closeOffer(fetch, params.id);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        closeError: formErrorMessage(cause),
      });
    }
    return { closed: true };
  },

  /** "Still open": the 60 days start anew, and a lapsed offer is listed again. */
  confirmOpen: async ({ fetch, locals, params, url }) => {
    signedInUser(locals, url);
    try {
      await confirmOffer(fetch, params.id);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        confirmError: formErrorMessage(cause),
      });
    }
    return { confirmed: true };
  },

  apply: async ({ request, fetch, locals, params, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const motivation = String(form.get('motivation') ?? '');
    try {
      await applyToOffer(fetch, params.id, motivation);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      if (cause.status === 409) {
        // Applied already (another tab, a second click)? Then say so; else the API's reason.
        const existing = await ownApplicationTo(fetch, params.id).catch(() => null);
        return fail(409, {
          motivation,
          motivationError: null,
          applyError: existing ? m.offer_apply_already() : cause.message,
        });
      }
      const fieldMessage = cause.status === 400 ? cause.fieldMessages().motivation : undefined;
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        motivation,
        motivationError: fieldMessage
          ? fieldMessage.charAt(0).toLocaleUpperCase() + fieldMessage.slice(1)
          : null,
        applyError: fieldMessage ? null : formErrorMessage(cause),
      });
    }
    return { applied: true };
  },
};
