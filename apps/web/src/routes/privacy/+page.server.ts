// Privacy: durations and cookie names come from the code that sets them, so the page says
// what the platform actually does.
import { sessionAbsoluteMs, sessionIdleMs } from '@twinning/core/accounts/sessions';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { SESSION_COOKIE } from '$lib/server/session-cookie';
import { TIME_ZONE_COOKIE } from '$lib/viewer-time';
import type { PageServerLoad } from './$types';

const day = 24 * 60 * 60 * 1000;

export const load: PageServerLoad = () => ({
  sessionIdleDays: Math.round(sessionIdleMs / day),
  sessionMaxDays: Math.round(sessionAbsoluteMs / day),
  cookies: {
    session: SESSION_COOKIE,
    language: cookieName,
    languageDays: Math.round((cookieMaxAge * 1000) / day),
    timeZone: TIME_ZONE_COOKIE,
  },
});
