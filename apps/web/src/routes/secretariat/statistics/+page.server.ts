// The secretariat's statistics dashboard. The platform summary and the moderation queue come
// first (small, fast). The breakdown table and the balance report are awaited for the first
// answer, so the page arrives whole (a browser without JavaScript cannot receive streamed
// data); when the page's own script asks for new data (a filter, another dimension) they are
// streamed, and the page shows skeletons until they arrive.
// Filters live in the query string (a plain GET form): from, to, region, by, field.
import { error, fail } from '@sveltejs/kit';
import type { Moderation, StatsSummary } from '@twinning/contracts/stats';
import { decideAffiliation } from '$lib/api/affiliations';
import { ApiError } from '$lib/api/request';
import {
  findAccount,
  getBalanceReport,
  getBreakdown,
  getModeration,
  getStatsSummary,
  hideOffer,
  suspendUser,
  unhideOffer,
  unsuspendUser,
} from '$lib/api/stats';
import { m } from '$lib/paraglide/messages';
import { formErrorMessage } from '$lib/server/form-failure';
import { signedInUser } from '$lib/server/page-access';
import { activePreset, periodPresets, readView } from '$lib/statistics/filters';
import { offerIdOf } from '$lib/statistics/offer-link';
import { settle, type Settled } from '$lib/statistics/settle';
import type { Actions, PageServerLoad } from './$types';

function requireSecretariat(locals: App.Locals, url: URL): void {
  const user = signedInUser(locals, url);
  if (user.role !== 'secretariat') error(403, m.verify_secretariat_only());
}

/** What a failed read says on the page. */
function failure(cause: unknown): string {
  if (cause instanceof ApiError) {
    return cause.status >= 500 || cause.status === 404 ? m.stats_unavailable() : cause.message;
  }
  return m.stats_unavailable();
}

export const load: PageServerLoad = async ({ locals, url, fetch, isDataRequest }) => {
  requireSecretariat(locals, url);
  const view = readView(url.searchParams);
  const presets = periodPresets(new Date());

  // Streamed to the running page, awaited below for the first answer.
  const breakdown = settle(
    getBreakdown(fetch, {
      by: view.by,
      from: view.from ?? undefined,
      to: view.to ?? undefined,
      region: view.region ?? undefined,
      field: view.field ?? undefined,
    }),
    failure,
  );
  const balance = settle(
    getBalanceReport(fetch, { from: view.from ?? undefined, to: view.to ?? undefined }),
    failure,
  );

  const [summary, moderation]: [Settled<StatsSummary>, Settled<Moderation>] = await Promise.all([
    settle(getStatsSummary(fetch), failure),
    settle(getModeration(fetch), failure),
  ]);

  return {
    view,
    presets,
    preset: activePreset(view, presets),
    summary,
    moderation,
    breakdown: isDataRequest ? breakdown : await breakdown,
    balance: isDataRequest ? balance : await balance,
  };
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
    const message = cause.status === 404 ? m.stats_moderation_gone() : formErrorMessage(cause);
    return fail(status, { moderationError: { kind, message } });
  }
}

export const actions: Actions = {
  approve: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const id = text(await request.formData(), 'affiliationId');
    if (!id)
      return fail(400, { moderationError: { kind: 'affiliation', message: m.stats_missing_id() } });
    return moderate(
      'affiliation',
      () => decideAffiliation(fetch, id, 'approve'),
      m.stats_affiliation_approved(),
    );
  },
  refuse: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const id = text(await request.formData(), 'affiliationId');
    if (!id)
      return fail(400, { moderationError: { kind: 'affiliation', message: m.stats_missing_id() } });
    return moderate(
      'affiliation',
      () => decideAffiliation(fetch, id, 'refuse'),
      m.stats_affiliation_refused(),
    );
  },
  suspend: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const form = await request.formData();
    const id = text(form, 'userId');
    const reason = text(form, 'reason', 500);
    if (!id || !reason) {
      return fail(400, {
        moderationError: { kind: 'user', message: m.stats_reason_required() },
        suspendValues: { userId: id, reason },
      });
    }
    // An email address is looked up first (in a request body, so it stays out of URLs).
    return moderate(
      'user',
      async () =>
        suspendUser(fetch, id.includes('@') ? (await findAccount(fetch, id)).id : id, reason),
      m.stats_user_suspended(),
    );
  },
  unsuspend: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const id = text(await request.formData(), 'userId');
    if (!id) return fail(400, { moderationError: { kind: 'user', message: m.stats_missing_id() } });
    return moderate('user', () => unsuspendUser(fetch, id), m.stats_user_unsuspended());
  },
  hide: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const form = await request.formData();
    const given = text(form, 'offerId', 2000);
    const id = offerIdOf(given);
    const reason = text(form, 'reason', 500);
    if (!id || !reason) {
      return fail(400, {
        moderationError: { kind: 'offer', message: m.stats_reason_required() },
        hideValues: { offerId: given, reason },
      });
    }
    return moderate('offer', () => hideOffer(fetch, id, reason), m.stats_offer_hidden());
  },
  unhide: async ({ request, locals, url, fetch }) => {
    requireSecretariat(locals, url);
    const id = text(await request.formData(), 'offerId');
    if (!id)
      return fail(400, { moderationError: { kind: 'offer', message: m.stats_missing_id() } });
    return moderate('offer', () => unhideOffer(fetch, id), m.stats_offer_unhidden());
  },
};
