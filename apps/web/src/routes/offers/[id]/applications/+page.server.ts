// The applications to one offer, for its owner: read each motivation, accept or decline.
import { error, fail } from '@sveltejs/kit';
import { decideApplication, listApplications } from '$lib/api/applications';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { formErrorMessage } from '$lib/server/form-failure';
import { signedInUser } from '$lib/server/page-access';
import { loadOfferDetail } from '$lib/server/offer-page';
import type { Actions, PageServerLoad } from './$types';

/** The most the API lists at once. */
const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ params, fetch, locals, url }) => {
  const user = signedInUser(locals, url);
  const { offer } = await loadOfferDetail(fetch, params.id);
  if (offer.ownerId !== user.id) error(403, m.owner_apps_not_owner());
  try {
    const page = await listApplications(fetch, { offerId: offer.id, limit: PAGE_SIZE });
    return {
      offer: { id: offer.id, title: offer.title, openToStudents: offer.openToStudents },
      applications: page.items,
      more: page.nextCursor !== null,
      navSection: '/my/offers' as const,
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 403) error(403, m.owner_apps_not_owner());
    error(503, m.owner_apps_unavailable());
  }
};

function decide(decision: 'accept' | 'decline'): Actions[string] {
  return async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const applicationId = String(form.get('applicationId') ?? '');
    const studentName = String(form.get('studentName') ?? '');
    try {
      const application = await decideApplication(fetch, applicationId, decision);
      return {
        decided: { id: application.id, status: application.status, name: application.studentName },
      };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      const message =
        cause.status === 409
          ? m.owner_apps_decided_already({ name: studentName })
          : formErrorMessage(cause);
      return fail(status, { failedId: applicationId, decideError: message });
    }
  };
}

export const actions: Actions = {
  accept: decide('accept'),
  decline: decide('decline'),
};
