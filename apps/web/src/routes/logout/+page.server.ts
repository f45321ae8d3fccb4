// Log out: end the session at the API, drop the cookie, go home. GET shows a confirmation.
import { redirect } from '@sveltejs/kit';
import { logout } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { SESSION_COOKIE, clearSessionCookie } from '$lib/server/session-cookie';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ fetch, cookies }) => {
    if (cookies.get(SESSION_COOKIE)) {
      try {
        await logout(fetch);
      } catch (error) {
        // 401: the session had already ended. Otherwise the cookie still goes: the user
        // asked to be signed out of this browser.
        if (!(error instanceof ApiError)) throw error;
        if (error.status !== 401) console.error('Logging out at the API failed', error);
      }
    }
    clearSessionCookie(cookies);
    redirect(303, '/');
  },
};
