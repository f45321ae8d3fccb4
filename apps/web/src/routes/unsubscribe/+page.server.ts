// The footer link of a notification mail: asks before it turns notification mail off (mail
// scanners open links; only the button's POST unsubscribes). Mail clients use the one-click URL
// of the List-Unsubscribe header (the API's) instead.
import { fail } from '@sveltejs/kit';
import { unsubscribe } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
  token: url.searchParams.get('token') ?? '',
});

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const token = String((await request.formData()).get('token') ?? '');
    try {
      await unsubscribe(fetch, token);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return fail(400, { invalid: true });
      throw error;
    }
    return { done: true };
  },
};
