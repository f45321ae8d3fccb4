// The secretariat's balance goals: the Asia share the flows are measured against, the cap on
// one country's share, how strongly matching lifts under-represented partners, and the
// countries lifted fully. People type percentages; the API takes shares from 0 to 1.
import { fail } from '@sveltejs/kit';
import type { BalanceGoals } from '@twinning/contracts/balance-goals';
import { getBalanceGoals, saveBalanceGoals } from '$lib/api/balance-goals';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { failFromApiError } from '$lib/server/form-failure';
import { secretariatUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

/** What the form shows and sends back: percentages as typed, ticked country codes. */
export interface GoalsFormValues {
  asiaShareTarget: string;
  maxCountryShare: string;
  balanceWeight: string;
  priorityCountries: string[];
}

const FIELDS = ['asiaShareTarget', 'maxCountryShare', 'balanceWeight', 'priorityCountries'];

/** A share (0–1) as a percentage for people, without float noise (0.29 → "29"). */
function asPercent(share: number): string {
  return String(Math.round(share * 10000) / 100);
}

function asFormValues(goals: BalanceGoals): GoalsFormValues {
  return {
    asiaShareTarget: asPercent(goals.asiaShareTarget),
    maxCountryShare: asPercent(goals.maxCountryShare),
    balanceWeight: asPercent(goals.balanceWeight),
    priorityCountries: [...goals.priorityCountries],
  };
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  secretariatUser(locals, url);
  let goals: GoalsFormValues | null = null;
  let loadError: string | null = null;
  try {
    goals = asFormValues(await getBalanceGoals(fetch));
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    loadError = cause.status >= 500 ? m.goals_unavailable() : cause.message;
  }
  const options = countryOptions(getLocale());
  return {
    goals,
    loadError,
    asia: options.filter((c) => c.region === 'asia'),
    europe: options.filter((c) => c.region === 'europe'),
  };
};

/** A typed percentage as a share, or an error message when it is no number in range. */
function readPercent(raw: string, min: number, max: number): { share: number } | { error: string } {
  const text = raw.trim().replace(',', '.');
  const percent = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(percent)) return { error: m.goals_error_number() };
  if (percent < min || percent > max) return { error: m.goals_error_range({ min, max }) };
  return { share: Math.round(percent * 100) / 10000 };
}

export const actions: Actions = {
  default: async ({ request, locals, url, fetch }) => {
    secretariatUser(locals, url);
    const form = await request.formData();
    const values: GoalsFormValues = {
      asiaShareTarget: String(form.get('asiaShareTarget') ?? '').slice(0, 20),
      maxCountryShare: String(form.get('maxCountryShare') ?? '').slice(0, 20),
      balanceWeight: String(form.get('balanceWeight') ?? '').slice(0, 20),
      priorityCountries: form
        .getAll('priorityCountries')
        .map(String)
        .filter((code) => code.length > 0 && code.length <= 10)
        .slice(0, 60),
    };

    const fieldErrors: Record<string, string> = {};
    const asia = readPercent(values.asiaShareTarget, 0, 100);
    const cap = readPercent(values.maxCountryShare, 1, 100);
    const weight = readPercent(values.balanceWeight, 0, 100);
    if ('error' in asia) fieldErrors.asiaShareTarget = asia.error;
    if ('error' in cap) fieldErrors.maxCountryShare = cap.error;
    if ('error' in weight) fieldErrors.balanceWeight = weight.error;
    if ('error' in asia || 'error' in cap || 'error' in weight) {
      return fail(400, { values, fieldErrors, formError: m.goals_error_summary() });
    }

    try {
      const saved = await saveBalanceGoals(fetch, {
        asiaShareTarget: asia.share,
        maxCountryShare: cap.share,
        balanceWeight: weight.share,
        priorityCountries: values.priorityCountries,
      });
      return { saved: true, values: asFormValues(saved) };
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 400) {
        // `priorityCountries.3` and the like belong to the country group as a whole.
        for (const detail of cause.details) {
          if (detail.field.startsWith('priorityCountries.')) detail.field = 'priorityCountries';
        }
      }
      return failFromApiError(cause, values, FIELDS);
    }
  },
};
