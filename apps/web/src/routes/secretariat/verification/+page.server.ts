// The secretariat's verification queue: institutions an admin registered or claimed, oldest
// request first, each naming who asked and when. The secretariat verifies one, asks its admin
// for more information (it waits outside the queue for the answer) or refuses it with a reason
// (the admin is told). Tabs (`?status=`) show those waiting for an answer and those refused.
// Beside the institutions wait the web domains admins added (approve / refuse) and admins'
// claims on verified institutions (approve / refuse), each with who asked.
import { fail } from '@sveltejs/kit';
import { decideAffiliation } from '$lib/api/affiliations';
import {
  decideDomain,
  getAdminClaims,
  getPendingDomains,
  getVerificationQueue,
  refuseInstitution,
  requestInstitutionInformation,
  verifyInstitution,
  type ReviewStatus,
  type VerificationQueue,
} from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatInstant } from '$lib/viewer-time';
import { secretariatUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PAGE_SIZE = 20;
const statuses: readonly ReviewStatus[] = ['pending', 'info_requested', 'refused'];

function statusOf(url: URL): ReviewStatus {
  const given = url.searchParams.get('status');
  return statuses.find((s) => s === given) ?? 'pending';
}

export const load: PageServerLoad = async ({ locals, url, fetch, cookies }) => {
  const user = secretariatUser(locals, url);
  const status = statusOf(url);
  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 500);
  let page: VerificationQueue = { items: [], nextCursor: null };
  let loadError: string | null = null;
  try {
    page = await getVerificationQueue(fetch, {
      status,
      cursor: cursor || undefined,
      limit: PAGE_SIZE,
    });
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.verify_unavailable() : cause.message;
  }

  // Domains and admins' claims wait beside the institutions (on the first tab).
  const [pendingDomains, adminClaims] =
    status === 'pending' && !cursor
      ? await Promise.all([
          getPendingDomains(fetch).catch((cause: unknown): null => {
            console.error('Could not read the pending web domains', cause);
            return null;
          }),
          getAdminClaims(fetch).catch((cause: unknown): null => {
            console.error('Could not read the admins’ claims', cause);
            return null;
          }),
        ])
      : [[], []];

  const locale = getLocale();
  const viewer = viewerTimeZone(user, cookies);
  const names = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const at = (iso: string | null) => (iso ? formatInstant(iso, viewer, locale, 'dateTime') : null);
  return {
    status,
    institutions: page.items.map(({ institution, requestedBy, requestedAt, review }) => ({
      id: institution.id,
      name: institution.name,
      countryName: names.get(institution.country) ?? institution.country,
      region: institution.region,
      city: institution.city,
      type: institution.type,
      website: institution.website,
      domains: institution.domains,
      requestedBy,
      requestedAt: at(requestedAt)!,
      review: {
        status: review.status,
        note: review.note,
        answer: review.answer,
        reviewedAt: at(review.reviewedAt),
        answeredAt: at(review.answeredAt),
      },
    })),
    domains:
      pendingDomains?.map((d) => ({
        institutionId: d.institutionId,
        institutionName: d.institutionName,
        domain: d.domain,
        requestedBy: d.requestedBy,
        requestedAt: at(d.requestedAt) ?? '',
      })) ?? null,
    claims:
      adminClaims?.map((c) => ({
        id: c.id,
        name: c.name,
        email: c.email,
        institutionId: c.institutionId,
        institutionName: c.institutionName,
        requestedAt: at(c.createdAt) ?? '',
      })) ?? null,
    isFirstPage: !cursor,
    nextPageQuery: page.nextCursor
      ? new URLSearchParams({
          ...(status === 'pending' ? {} : { status }),
          cursor: page.nextCursor,
        }).toString()
      : null,
    loadError,
  };
};

type Review = 'refuse' | 'ask';

/** Refuses (with a reason) or asks (a question): the text goes to the institution's admin. */
async function review(event: RequestEvent, kind: Review) {
  secretariatUser(event.locals, event.url);
  const form = await event.request.formData();
  const institutionId = String(form.get('institutionId') ?? '');
  const name = String(form.get('name') ?? '').slice(0, 300);
  const text = String(form.get('text') ?? '')
    .trim()
    .slice(0, kind === 'refuse' ? 1000 : 2000);
  if (!institutionId) return fail(400, { verifyError: m.verify_missing() });
  if (!text) {
    return fail(400, {
      reviewError: {
        id: institutionId,
        kind,
        message: kind === 'refuse' ? m.verify_reason_missing() : m.verify_question_missing(),
      },
    });
  }
  try {
    if (kind === 'refuse') await refuseInstitution(event.fetch, institutionId, text);
    else await requestInstitutionInformation(event.fetch, institutionId, text);
    return {
      reviewed: {
        id: institutionId,
        message: kind === 'refuse' ? m.verify_refused({ name }) : m.verify_asked({ name }),
      },
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404) return fail(404, { verifyError: m.verify_gone() });
    return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
      reviewError: { id: institutionId, kind, message: formErrorMessage(cause) },
    });
  }
}

/** Approves or refuses a web domain an admin added; the admin is told. */
async function domain(event: RequestEvent, decision: 'approve' | 'refuse') {
  secretariatUser(event.locals, event.url);
  const form = await event.request.formData();
  const institutionId = String(form.get('institutionId') ?? '');
  const name = String(form.get('domain') ?? '')
    .trim()
    .slice(0, 253);
  const institution = String(form.get('institutionName') ?? '').slice(0, 300);
  if (!institutionId || !name) return fail(400, { verifyError: m.verify_domain_missing() });
  try {
    await decideDomain(event.fetch, institutionId, name, decision);
    return {
      reviewed: {
        id: `${institutionId}/${name}`,
        message:
          decision === 'approve'
            ? m.verify_domain_approved({ domain: name, institution })
            : m.verify_domain_refused({ domain: name, institution }),
      },
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
      verifyError: formErrorMessage(cause),
    });
  }
}

/** Approves or refuses an admin's claim on a verified institution; the person is told. */
async function claim(event: RequestEvent, decision: 'approve' | 'refuse') {
  secretariatUser(event.locals, event.url);
  const form = await event.request.formData();
  const affiliationId = String(form.get('affiliationId') ?? '');
  const institution = String(form.get('institutionName') ?? '').slice(0, 300);
  if (!affiliationId) return fail(400, { verifyError: m.verify_missing() });
  try {
    const decided = await decideAffiliation(event.fetch, affiliationId, decision);
    return {
      reviewed: {
        id: affiliationId,
        message:
          decided.status === 'verified'
            ? m.verify_claim_approved({ name: decided.name, institution })
            : m.verify_claim_refused({ name: decided.name }),
      },
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
      verifyError: formErrorMessage(cause),
    });
  }
}

export const actions: Actions = {
  approveDomain: (event) => domain(event, 'approve'),
  refuseDomain: (event) => domain(event, 'refuse'),
  approveClaim: (event) => claim(event, 'approve'),
  refuseClaim: (event) => claim(event, 'refuse'),
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
  refuse: (event) => review(event, 'refuse'),
  ask: (event) => review(event, 'ask'),
};
