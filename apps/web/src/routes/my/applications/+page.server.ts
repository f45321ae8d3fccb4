// A student's applications and what became of them, each pending or accepted one with a way
// to withdraw it (asked to confirm first, with and without JavaScript); signing in comes first.
import { fail } from '@sveltejs/kit';
import type { Application } from '@twinning/contracts/applications';
import { listApplications, withdrawApplication } from '$lib/api/applications';
import { ApiError } from '$lib/api/request';
import { excerpt } from '$lib/text-excerpt';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formErrorMessage } from '$lib/server/form-failure';
import { userWithRole } from '$lib/server/page-access';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatInstant } from '$lib/viewer-time';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;
/** How much of the motivation the list shows (the full text is one click away). */
const EXCERPT_LENGTH = 240;

export const load: PageServerLoad = async ({ locals, url, fetch, cookies }) => {
  const user = userWithRole(locals, url, 'student', m.myapps_students_only());

  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 500);
  let items: Application[] = [];
  let nextCursor: string | null = null;
  let loadError: string | null = null;
  try {
    ({ items, nextCursor } = await listApplications(fetch, {
      cursor: cursor || undefined,
      limit: PAGE_SIZE,
    }));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.myapps_unavailable() : cause.message;
  }

  const viewer = viewerTimeZone(user, cookies);
  const date = (iso: string) => formatInstant(iso, viewer, getLocale(), 'date');
  return {
    applications: items.map((application) => ({
      id: application.id,
      offerId: application.offerId,
      offerTitle: application.offerTitle,
      status: application.status,
      motivation: excerpt(application.motivation, EXCERPT_LENGTH),
      created: date(application.createdAt),
      decided: application.decidedAt ? date(application.decidedAt) : null,
      withdrawable: application.status === 'pending' || application.status === 'accepted',
    })),
    isFirstPage: !cursor,
    nextPageQuery: nextCursor ? new URLSearchParams({ cursor: nextCursor }).toString() : null,
    loadError,
  };
};

export const actions: Actions = {
  /** Asks first (`confirm` missing), then withdraws. */
  withdraw: async ({ request, fetch, locals, url }) => {
    userWithRole(locals, url, 'student', m.myapps_students_only());
    const form = await request.formData();
    const id = String(form.get('applicationId') ?? '');
    const title = String(form.get('offerTitle') ?? '').slice(0, 300);
    if (form.get('confirm') !== 'yes') return { confirmWithdraw: id };
    try {
      await withdrawApplication(fetch, id);
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      return fail(status, {
        failedId: id,
        withdrawError: cause.status === 409 ? m.myapps_withdraw_changed() : formErrorMessage(cause),
      });
    }
    return { withdrawn: { id, title } };
  },
};
