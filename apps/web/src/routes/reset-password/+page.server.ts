// The reset mail's link: /reset-password?token=… asks for a new password, twice. The API sets it
// and ends every session of the account (this browser's too), so the next step is logging in.
import { fail, redirect } from '@sveltejs/kit';
import { confirmPasswordReset } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { failFromApiError } from '$lib/server/form-failure';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const token = String(form.get('token') ?? '');
    const password = String(form.get('password') ?? '');
    const repeatPassword = String(form.get('repeatPassword') ?? '');
    // Passwords are never sent back into the page.
    const values = {};
    const fieldErrors: Record<string, string> = {};
    if (!password) fieldErrors.password = m.security_new_missing();
    else if (password !== repeatPassword) fieldErrors.repeatPassword = m.security_repeat_differs();
    if (Object.keys(fieldErrors).length > 0) {
      return fail(400, { values, fieldErrors, formError: null, invalidLink: false });
    }
    try {
      await confirmPasswordReset(fetch, { token, password });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_token') {
        return fail(400, { values, fieldErrors: {}, formError: null, invalidLink: true });
      }
      return failFromApiError(error, values, ['password']);
    }
    redirect(303, '/login?done=password-reset');
  },
};
