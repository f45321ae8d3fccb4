// A student's applications and what became of them; signing in comes first.
import { error, redirect } from '@sveltejs/kit';
import type { Application } from '@twinning/contracts/applications';
import { listApplications } from '$lib/api/applications';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatInstant } from '$lib/viewer-time';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const EXCERPT_LENGTH = 240;

/** The start of the motivation, cut at a word, for the list (the full text is one click away). */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  const cut = flat.slice(0, EXCERPT_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > EXCERPT_LENGTH / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export const load: PageServerLoad = async ({ locals, url, fetch, cookies }) => {
  if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent('/my/applications')}`);
  if (locals.user.role !== 'student') error(403, m.myapps_students_only());

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

  const viewer = viewerTimeZone(locals.user, cookies);
  const date = (iso: string) => formatInstant(iso, viewer, getLocale(), 'date');
  return {
    applications: items.map((application) => ({
      id: application.id,
      offerId: application.offerId,
      offerTitle: application.offerTitle,
      status: application.status,
      motivation: excerpt(application.motivation),
      created: date(application.createdAt),
      decided: application.decidedAt ? date(application.decidedAt) : null,
    })),
    isFirstPage: !cursor,
    nextPageQuery: nextCursor ? new URLSearchParams({ cursor: nextCursor }).toString() : null,
    loadError,
  };
};
