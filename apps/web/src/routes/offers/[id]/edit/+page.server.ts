// Edit an offer: its owner only, with the same form as posting one, filled from the offer.
import { error, redirect } from '@sveltejs/kit';
import { isoDateOf } from '@twinning/core/offers/dates';
import { updateOffer } from '$lib/api/offers';
import { offerToFormValues, readOfferForm } from '$lib/offer-form';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { languageOptions, offerFormFailure, timeZoneGroups } from '$lib/server/offer-authoring';
import { signedInUser } from '$lib/server/page-access';
import { loadOfferDetail } from '$lib/server/offer-page';
import { setFlash } from '$lib/server/flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch, params }) => {
  const user = signedInUser(locals, url);
  const detail = await loadOfferDetail(fetch, params.id);
  if (detail.offer.ownerId !== user.id) error(403, m.authoring_edit_not_owner());
  const locale = getLocale();
  return {
    offer: { id: detail.offer.id, title: detail.offer.title, status: detail.offer.status },
    values: offerToFormValues(detail.offer),
    ownRegion: detail.institution.region,
    timeZoneGroups: timeZoneGroups(locale),
    languageOptions: languageOptions(locale),
    today: isoDateOf(new Date()),
    navSection: '/my/offers' as const,
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals, url, params, cookies }) => {
    signedInUser(locals, url);
    const read = readOfferForm(await request.formData());
    const localErrors: Record<string, string> = read.classSizeUnreadable
      ? { classSize: m.authoring_class_size_unreadable() }
      : {};
    try {
      await updateOffer(fetch, params.id, read.body);
    } catch (cause) {
      return offerFormFailure(cause, read.values, read.rowMap, localErrors);
    }
    const path = `/offers/${encodeURIComponent(params.id)}`;
    setFlash(cookies, url, path, 'offer_saved');
    redirect(303, path);
  },
};
