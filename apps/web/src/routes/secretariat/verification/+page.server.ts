// The secretariat's verification queue: unverified institutions that an admin registered
// or claimed, each with a Verify button.
import { fail } from '@sveltejs/kit';
import type { Institution } from '@twinning/contracts/institutions';
import { listInstitutions, verifyInstitution } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { secretariatUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** The queue may tell when an institution was registered; the directory shape does not. */
type QueuedInstitution = Institution & { createdAt?: string | null };

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  secretariatUser(locals, url);
  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 500);
  let items: QueuedInstitution[] = [];
  let nextCursor: string | null = null;
  let loadError: string | null = null;
  try {
    ({ items, nextCursor } = await listInstitutions(fetch, {
      awaitingVerification: true,
      cursor: cursor || undefined,
      limit: PAGE_SIZE,
    }));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.verify_unavailable() : cause.message;
  }

  const locale = getLocale();
  const names = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return {
    institutions: items.map((institution) => ({
      id: institution.id,
      name: institution.name,
      countryName: names.get(institution.country) ?? institution.country,
      region: institution.region,
      city: institution.city,
      type: institution.type,
      website: institution.website,
      domains: institution.domains,
      registered: institution.createdAt ? date.format(new Date(institution.createdAt)) : null,
    })),
    isFirstPage: !cursor,
    nextPageQuery: nextCursor ? new URLSearchParams({ cursor: nextCursor }).toString() : null,
    loadError,
  };
};

export const actions: Actions = {
  verify: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const form = await request.formData();
    const institutionId = String(form.get('institutionId') ?? '');
    if (!institutionId) return fail(400, { verifyError: m.verify_missing() });
    try {
      const institution = await verifyInstitution(fetch, institutionId);
      return { verified: { id: institution.id, name: institution.name } };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      if (cause.status === 404) return fail(404, { verifyError: m.verify_gone() });
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        verifyError: formErrorMessage(cause),
      });
    }
  },
};
