// The secretariat's moderation: what waits (institutions to verify, affiliations to confirm),
// suspended accounts and hidden offers, and the forms that act on them — each with a reason.
// Every form works without JavaScript; a refused submission keeps what was typed.
import { error, fail } from '@sveltejs/kit';
import { decideAffiliation } from '$lib/api/affiliations';
import {
  findAccount,
  getModeration,
  hideOffer,
  suspendUser,
  unhideOffer,
  unsuspendUser,
} from '$lib/api/moderation';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { formErrorMessage } from '$lib/server/form-failure';
import { secretariatUser } from '$lib/server/page-access';
import { offerIdOf } from '$lib/moderation/offer-link';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  secretariatUser(locals, url);
  try {
    return { moderation: await getModeration(fetch) };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(503, m.moderation_unavailable());
  }
};

/** A form field as trimmed text of at most `max` characters. */
function text(form: FormData, name: string, max = 200): string {
  return String(form.get(name) ?? '')
    .trim()
    .slice(0, max);
}

type Moderated = 'affiliation' | 'user' | 'offer';

/** Runs one moderation call and turns its outcome into form data for the page. */
async function moderate(kind: Moderated, run: () => Promise<unknown>, done: string) {
  try {
    await run();
    return { moderated: { kind, message: done } };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    const status = cause.status >= 400 && cause.status < 600 ? cause.status : 500;
    const message = cause.status === 404 ? m.moderation_gone() : formErrorMessage(cause);
    return fail(status, { moderationError: { kind, message } });
  }
}

/** A refusal for a form that did not say which one (a tampered or broken form). */
const missingId = (kind: Moderated) =>
  fail(400, { moderationError: { kind, message: m.moderation_missing_id() } });

/** Approving and refusing a pending affiliation: one form, two decisions. */
async function decide(
  { request, locals, url, fetch }: RequestEvent,
  decision: 'approve' | 'refuse',
  done: () => string,
) {
  secretariatUser(locals, url);
  const id = text(await request.formData(), 'affiliationId');
  if (!id) return missingId('affiliation');
  return moderate('affiliation', () => decideAffiliation(fetch, id, decision), done());
}

export const actions: Actions = {
  approve: (event) => decide(event, 'approve', m.moderation_affiliation_approved),
  refuse: (event) => decide(event, 'refuse', m.moderation_affiliation_refused),
  suspend: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const form = await request.formData();
    const id = text(form, 'userId');
    const reason = text(form, 'reason', 500);
    if (!id || !reason) {
      return fail(400, {
        moderationError: { kind: 'user', message: m.moderation_reason_required() },
        suspendValues: { userId: id, reason },
      });
    }
    // An email address is looked up first (in a request body, so it stays out of URLs).
    return moderate(
      'user',
      async () =>
        suspendUser(fetch, id.includes('@') ? (await findAccount(fetch, id)).id : id, reason),
      m.moderation_user_suspended(),
    );
  },
  unsuspend: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const id = text(await request.formData(), 'userId');
    if (!id) return missingId('user');
    return moderate('user', () => unsuspendUser(fetch, id), m.moderation_user_unsuspended());
  },
  hide: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const form = await request.formData();
    const given = text(form, 'offerId', 2000);
    const id = offerIdOf(given);
    const reason = text(form, 'reason', 500);
    if (!id || !reason) {
      return fail(400, {
        moderationError: { kind: 'offer', message: m.moderation_reason_required() },
        hideValues: { offerId: given, reason },
      });
    }
    return moderate('offer', () => hideOffer(fetch, id, reason), m.moderation_offer_hidden());
  },
  unhide: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const id = text(await request.formData(), 'offerId');
    if (!id) return missingId('offer');
    return moderate('offer', () => unhideOffer(fetch, id), m.moderation_offer_unhidden());
  },
};
