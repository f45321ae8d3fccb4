// An institution admin's desk: the institution's profile and verification (with what the
// secretariat asked or why it refused, and the answer form), the lecturers
// whose affiliation waits for a decision (approve / refuse), recent decisions and its offers.
// An admin without an institution is shown the way to register one.
import { error, fail } from '@sveltejs/kit';
import type {
  AffiliationRequest,
  Institution,
  InstitutionSummary,
} from '@twinning/contracts/institutions';
import { decideAffiliation, listAffiliations, removeAffiliation } from '$lib/api/affiliations';
import {
  answerInstitutionReview,
  getInstitution,
  getInstitutionDomains,
  getInstitutionReview,
  getInstitutionSummary,
  type InstitutionReview,
} from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { formErrorMessage } from '$lib/server/form-failure';
import { loadInstitutionOffers } from '$lib/server/institution-offers';
import type { OfferCard } from '$lib/server/offer-cards';
import { userWithRole } from '$lib/server/page-access';
import { viewerTimeZone } from '$lib/server/viewer-zone';
import { formatInstant } from '$lib/viewer-time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const OFFERS_SHOWN = 20;
const DECISIONS_SHOWN = 10;

interface Person {
  id: string;
  name: string;
  email: string;
  role: AffiliationRequest['role'];
  status: AffiliationRequest['status'];
  asked: string;
  decided: string | null;
}

function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
  const user = userWithRole(event.locals, event.url, 'institution_admin', m.inst_admins_only());
  return user;
}

export const load: PageServerLoad = async (event) => {
  const { fetch, url, locals, cookies } = event;
  const user = requireAdmin(event);
  const notice = url.searchParams.has('registered')
    ? m.inst_my_registered()
    : url.searchParams.has('saved')
      ? m.inst_my_saved()
      : null;

  if (!user.institutionId) return { affiliation: locals.affiliation, notice: null, desk: null };

  let institution: Institution;
  try {
    institution = await getInstitution(fetch, user.institutionId);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(cause.status === 404 ? 404 : 503, m.institutions_unavailable());
  }

  const locale = getLocale();
  const viewer = viewerTimeZone(user, cookies);
  const date = (iso: string) => formatInstant(iso, viewer, locale, 'date');
  const [summary, affiliations, offers, review, domains] = await Promise.all([
    getInstitutionSummary(fetch, institution.id).catch((cause: unknown): null => {
      console.error('Could not read the figures of an institution', cause);
      return null;
    }),
    listAffiliations(fetch, institution.id).catch((cause: unknown): null => {
      console.error('Could not read the affiliations of an institution', cause);
      return null;
    }),
    loadInstitutionOffers(fetch, institution, locale, { status: 'all', limit: OFFERS_SHOWN }),
    // What the secretariat said about it, while it is unverified.
    institution.verified
      ? null
      : getInstitutionReview(fetch, institution.id).catch((cause: unknown): null => {
          console.error('Could not read the review of an institution', cause);
          return null;
        }),
    getInstitutionDomains(fetch, institution.id).catch((cause: unknown): null => {
      console.error('Could not read the domains of an institution', cause);
      return null;
    }),
  ]);
  const at = (iso: string | null) => (iso ? formatInstant(iso, viewer, locale, 'dateTime') : '');
  const reviewView = (r: InstitutionReview | null) =>
    r && {
      status: r.status,
      note: r.note,
      answer: r.answer,
      reviewedAt: at(r.reviewedAt),
      answeredAt: at(r.answeredAt),
    };

  const person = (a: AffiliationRequest): Person => ({
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.role,
    status: a.status,
    asked: date(a.createdAt),
    decided: a.decidedAt ? date(a.decidedAt) : null,
  });
  const others = (affiliations ?? []).filter((a) => a.userId !== user.id);
  const waiting = others
    .filter((a) => a.status === 'pending')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map(person);
  const decided = others
    .filter((a) => a.status !== 'pending' && a.decidedAt)
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
    .slice(0, DECISIONS_SHOWN)
    .map(person);
  // The lecturers it has now, whom the admin may remove.
  const lecturers = others
    .filter((a) => a.status === 'verified' && a.role === 'lecturer')
    .sort((a, b) => a.name.localeCompare(b.name, locale))
    .map(person);

  return {
    affiliation: locals.affiliation,
    notice,
    desk: {
      institution,
      countryName:
        countryOptions(locale).find((c) => c.code === institution.country)?.name ??
        institution.country,
      summary: summary satisfies InstitutionSummary | null,
      review: reviewView(review),
      waiting,
      decided,
      lecturers,
      pendingDomains: (domains ?? []).filter((d) => d.status === 'pending').map((d) => d.domain),
      affiliationsUnavailable: affiliations === null,
      offers: offers?.cards ?? ([] as OfferCard[]),
      moreOffers: offers?.more ?? false,
      offersUnavailable: offers === null,
    },
  };
};

async function decide(event: RequestEvent, decision: 'approve' | 'refuse') {
  requireAdmin(event);
  const form = await event.request.formData();
  const affiliationId = String(form.get('affiliationId') ?? '');
  const name = String(form.get('name') ?? '').slice(0, 200);
  if (!affiliationId) return fail(400, { decisionError: m.inst_my_decision_missing() });
  try {
    const affiliation = await decideAffiliation(event.fetch, affiliationId, decision);
    return {
      decisionMessage:
        affiliation.status === 'verified'
          ? m.inst_my_approved({ name: affiliation.name })
          : m.inst_my_refused_person({ name: affiliation.name }),
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 409) {
      return fail(409, { decisionError: m.inst_my_already_decided({ name }) });
    }
    if (cause.status === 404) return fail(404, { decisionError: m.inst_my_decision_gone() });
    return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
      decisionError: formErrorMessage(cause),
    });
  }
}

export const actions: Actions = {
  approve: (event) => decide(event, 'approve'),
  refuse: (event) => decide(event, 'refuse'),
  /** Ends a lecturer's affiliation: they are told and leave the institution. */
  remove: async (event) => {
    requireAdmin(event);
    const form = await event.request.formData();
    const affiliationId = String(form.get('affiliationId') ?? '');
    const name = String(form.get('name') ?? '').slice(0, 200);
    if (!affiliationId) return fail(400, { removeError: m.inst_my_decision_missing() });
    try {
      const removed = await removeAffiliation(event.fetch, affiliationId);
      return { removeMessage: m.inst_my_removed({ name: removed.name }) };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      if (cause.status === 409)
        return fail(409, { removeError: m.inst_my_remove_conflict({ name }) });
      if (cause.status === 404) return fail(404, { removeError: m.inst_my_decision_gone() });
      return fail(cause.status >= 400 && cause.status < 600 ? cause.status : 500, {
        removeError: formErrorMessage(cause),
      });
    }
  },
  /** The answer to the secretariat's question: the institution goes back to its queue. */
  answer: async (event) => {
    const user = requireAdmin(event);
    const answer = String((await event.request.formData()).get('answer') ?? '')
      .trim()
      .slice(0, 4000);
    if (!user.institutionId) return fail(400, { answerError: m.inst_my_answer_missing() });
    if (!answer) return fail(400, { answerError: m.inst_my_answer_missing() });
    try {
      await answerInstitutionReview(event.fetch, user.institutionId, answer);
      return { answered: true };
    } catch (cause) {
      if (!(cause instanceof ApiError)) throw cause;
      const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
      return fail(status, { answerError: formErrorMessage(cause), answer });
    }
  },
};
