// Post an offer: lecturers and institution admins of a verified institution. Everyone else
// signed in gets an explanation instead of the form; visitors are sent to log in first.
import { redirect } from '@sveltejs/kit';
import { isoDateOf } from '@twinning/core/offers/dates';
import { createOffer } from '$lib/api/offers';
import { emptyOfferFormValues, readOfferForm } from '$lib/offer-form';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import {
  authoringAccess,
  canAuthor,
  defaultTimeZone,
  languageOptions,
  offerFormFailure,
  otherRegion,
  timeZoneGroups,
} from '$lib/server/offer-authoring';
import { setFlash } from '$lib/server/flash';
import { signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  // A lecturer or admin whose address is not verified yet: that first (following the link may
  // also confirm the affiliation), in place of a form that would fail.
  if (canAuthor(user) && !user.emailVerified) {
    return { refusal: null, form: null, emailGate: true };
  }
  const access = await authoringAccess(fetch, user, locals.affiliation);
  if (!access.allowed) {
    return {
      refusal: { reason: access.reason, institutionName: access.institutionName },
      form: null,
      emailGate: false,
    };
  }
  const locale = getLocale();
  return {
    refusal: null,
    emailGate: false,
    form: {
      values: emptyOfferFormValues({
        timeZone: defaultTimeZone(user, access.institution),
        seekingRegion: otherRegion(access.institution),
      }),
      useBrowserTimeZone: !user.timeZone,
      ownRegion: access.institution.region,
      institutionName: access.institution.name,
      timeZoneGroups: timeZoneGroups(locale),
      languageOptions: languageOptions(locale),
      today: isoDateOf(new Date()),
    },
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals, url, cookies }) => {
    signedInUser(locals, url);
    const read = readOfferForm(await request.formData());
    const localErrors: Record<string, string> = read.classSizeUnreadable
      ? { classSize: m.authoring_class_size_unreadable() }
      : {};
    let id: string;
    try {
      id = (await createOffer(fetch, read.body)).id;
    } catch (error) {
      return offerFormFailure(error, read.values, read.rowMap, localErrors);
    }
    const path = `/offers/${encodeURIComponent(id)}`;
    setFlash(cookies, url, path, 'offer_posted');
    redirect(303, path);
  },
};
