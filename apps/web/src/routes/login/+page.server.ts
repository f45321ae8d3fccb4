// Log in: the API checks the password and opens a session; its cookie is relayed here.
import { fail, redirect } from '@sveltejs/kit';
import { login } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { safeRedirectTarget } from '$lib/redirect-target';
import { failFromApiError, type FormFailure } from '$lib/server/form-failure';
import { relaySessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
  const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
  if (locals.user) redirect(303, redirectTo);
  const notice =
    url.searchParams.get('done') === 'password-reset' ? m.login_password_reset_done() : null;
  return { redirectTo, notice };
};

export const actions: Actions = {
  default: async ({ request, fetch, cookies, url }) => {
    const form = await request.formData();
    const values = { email: String(form.get('email') ?? '').trim() };
    const password = String(form.get('password') ?? '');
    const redirectTo = safeRedirectTarget(
      String(form.get('redirectTo') ?? url.searchParams.get('redirectTo') ?? ''),
    );

    try {
      const session = await login(fetch, { email: values.email, password });
      relaySessionCookie(cookies, session.setCookies);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // The API says the same for an unknown email and a wrong password; so do we.
        const wrong: FormFailure<typeof values> = {
          values,
          fieldErrors: {},
          formError: m.login_wrong_credentials(),
        };
        return fail(401, wrong);
      }
      return failFromApiError(error, values, ['email', 'password']);
    }
    redirect(303, redirectTo);
  },
};
