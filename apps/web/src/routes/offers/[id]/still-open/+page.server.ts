// Where the "still open?" mail's links lead: /offers/:id/still-open?token=…&action=confirm|close.
// Opening a link changes nothing (mail scanners follow links); the page asks with one button
// for the chosen answer (and the other beside it), and the API checks the link's signed token.
import { fail } from '@sveltejs/kit';
import { answerStillOpen } from '$lib/api/offers';
import { ApiError } from '$lib/api/request';
import { formErrorMessage } from '$lib/server/form-failure';
import { loadOfferDetail } from '$lib/server/offer-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, fetch }) => {
  const detail = await loadOfferDetail(fetch, params.id);
  const action = url.searchParams.get('action') === 'close' ? 'close' : 'confirm';
  return {
    offer: { id: detail.offer.id, title: detail.offer.title, status: detail.offer.status },
    token: url.searchParams.get('token') ?? '',
    action,
  };
};

export const actions: Actions = {
  default: async ({ request, params, fetch }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '');
    const action = form.get('action') === 'close' ? 'close' : 'confirm';
    try {
      const offer = await answerStillOpen(fetch, params.id, token, action);
      return { answered: action, status: offer.status };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      if (cause.code === 'invalid_token') return fail(400, { invalidLink: true, error: null });
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        invalidLink: false,
        error: formErrorMessage(cause),
      });
    }
  },
};
