// The verification mail's link: /verify-email?token=… verifies the address and says so, or
// explains a bad or expired link and offers a new one. Without a token: what to do next. The
// `resend` action (also the site-wide notice's button) sends the link again.
import { fail } from '@sveltejs/kit';
import { resendVerification, verifyEmail } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, fetch, locals }) => {
  const token = url.searchParams.get('token');
  if (token) {
    try {
      await verifyEmail(fetch, token);
      return { state: 'verified' as const, email: locals.user?.email ?? null };
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        return { state: 'invalid' as const, email: locals.user?.email ?? null };
      }
      throw error;
    }
  }
  if (locals.user?.emailVerified) return { state: 'verified' as const, email: locals.user.email };
  return { state: 'pending' as const, email: locals.user?.email ?? null };
};

export const actions: Actions = {
  resend: async ({ fetch, locals }) => {
    if (!locals.user) return fail(401, { resend: 'signed_out' as const });
    try {
      await resendVerification(fetch);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        return fail(429, { resend: 'limited' as const, message: error.message });
      }
      throw error;
    }
    return { resend: 'sent' as const };
  },
};
