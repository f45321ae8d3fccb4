// "Forgot your password?": asks the API to mail a reset link. The page says the same whether or
// not an account has the address, as the API does.
import { fail, redirect } from '@sveltejs/kit';
import { requestPasswordReset } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { failFromApiError, type FormFailure } from '$lib/server/form-failure';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
  sent: url.searchParams.get('sent') === '1',
  email: locals.user?.email ?? '',
});

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = { email: String(form.get('email') ?? '').trim() };
    if (!values.email) {
      const missing: FormFailure<typeof values> = {
        values,
        fieldErrors: { email: m.forgot_password_email_missing() },
        formError: null,
      };
      return fail(400, missing);
    }
    try {
      await requestPasswordReset(fetch, values.email);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        const limited: FormFailure<typeof values> = {
          values,
          fieldErrors: {},
          formError: error.message,
        };
        return fail(429, limited);
      }
      return failFromApiError(error, values, ['email']);
    }
    redirect(303, '/forgot-password?sent=1');
  },
};
