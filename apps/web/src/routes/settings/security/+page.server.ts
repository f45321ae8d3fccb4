// Settings → Security: change the password (the API ends the other sessions) and the list of
// one's own sessions, each with its device and when it was last used, to end one or all others.
import { fail, redirect } from '@sveltejs/kit';
import { changePassword, endOtherSessions, endSession, listSessions } from '$lib/api/accounts';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { failFromApiError, formErrorMessage } from '$lib/server/form-failure';
import { signedInUser } from '$lib/server/page-access';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatTimeAgo } from '$lib/relative-time';
import { formatInstant } from '$lib/viewer-time';
import type { Actions, PageServerLoad } from './$types';

export interface SessionRow {
  id: string;
  device: string;
  lastSeen: string;
  started: string;
  current: boolean;
}

const notices: Record<string, () => string> = {
  'password-changed': () => m.security_password_changed(),
  'session-ended': () => m.security_session_ended(),
  'others-ended': () => m.security_others_ended(),
};

export const load: PageServerLoad = async ({ locals, url, fetch, cookies }) => {
  const user = signedInUser(locals, url);
  const done = url.searchParams.get('done') ?? '';
  const locale = getLocale();
  const viewer = viewerTimeZone(user, cookies);
  const now = Date.now();
  let sessions: SessionRow[] | null = null;
  try {
    sessions = (await listSessions(fetch)).map((s) => {
      const seen = s.lastSeenAt ?? s.createdAt;
      return {
        id: s.id,
        device: s.userAgent ?? m.security_device_unknown(),
        lastSeen: s.current
          ? m.security_now()
          : (formatTimeAgo(Date.parse(seen), now, locale) ?? m.security_within_hour()),
        started: formatInstant(s.createdAt, viewer, locale, 'dateTime'),
        current: s.current,
      };
    });
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not list the sessions', cause);
  }
  return { notice: notices[done]?.() ?? null, sessions };
};

export const actions: Actions = {
  password: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const form = await request.formData();
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const repeatPassword = String(form.get('repeatPassword') ?? '');
    // Passwords are never sent back into the page.
    const values = {};
    const fieldErrors: Record<string, string> = {};
    if (!currentPassword) fieldErrors.currentPassword = m.security_current_missing();
    if (!newPassword) fieldErrors.newPassword = m.security_new_missing();
    else if (newPassword !== repeatPassword)
      fieldErrors.repeatPassword = m.security_repeat_differs();
    if (Object.keys(fieldErrors).length > 0) {
      return fail(400, { values, fieldErrors, formError: null });
    }
    try {
      await changePassword(fetch, { currentPassword, newPassword });
    } catch (cause) {
      return failFromApiError(cause, values, ['currentPassword', 'newPassword']);
    }
    redirect(303, '/settings/security?done=password-changed');
  },

  end: async ({ request, fetch, locals, url }) => {
    signedInUser(locals, url);
    const id = String((await request.formData()).get('sessionId') ?? '');
    try {
      await endSession(fetch, id);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      // 404: it had ended already (expired, or ended elsewhere): the list shows how things are.
      if (cause.status !== 404) {
        return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
          sessionsError: formErrorMessage(cause),
        });
      }
    }
    redirect(303, '/settings/security?done=session-ended');
  },

  endOthers: async ({ fetch, locals, url }) => {
    signedInUser(locals, url);
    try {
      await endOtherSessions(fetch);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        sessionsError: formErrorMessage(cause),
      });
    }
    redirect(303, '/settings/security?done=others-ended');
  },
};
