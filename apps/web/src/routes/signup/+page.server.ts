// Sign up: the choice of institution works without JavaScript (country first, then the
// institutions of that country), and the API's verdicts land next to the fields they name.
import { fail, redirect } from '@sveltejs/kit';
import type { SignupBody } from '@twinning/contracts/accounts';
import { signup } from '$lib/api/accounts';
import { listAllInstitutionsOfCountry } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/redirect-target';
import { countryOptions } from '$lib/server/country-options';
import { failFromApiError, formErrorMessage, type FormFailure } from '$lib/server/form-failure';
import { relaySessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

const signupRoles = ['student', 'lecturer', 'institution_admin'] as const;
type SignupRole = (typeof signupRoles)[number];

function isSignupRole(value: unknown): value is SignupRole {
  return signupRoles.includes(value as SignupRole);
}

const fields = ['email', 'password', 'name', 'role', 'institutionId'] as const;

interface InstitutionChoice {
  id: string;
  name: string;
  city: string | null;
}

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
  if (locals.user) redirect(303, redirectTo);

  const countries = countryOptions(getLocale());
  const countryParam = (url.searchParams.get('country') ?? '').toUpperCase();
  const country = countries.find((c) => c.code === countryParam) ?? null;
  const roleParam = url.searchParams.get('role');
  const role: SignupRole | '' = isSignupRole(roleParam) ? roleParam : '';

  let institutions: InstitutionChoice[] = [];
  let institutionsError: string | null = null;
  if (country) {
    try {
      const found = await listAllInstitutionsOfCountry(fetch, country.code);
      institutions = found
        .map(({ id, name, city }) => ({ id, name, city }))
        .sort((a, b) => a.name.localeCompare(b.name, getLocale()));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      institutionsError =
        error.status >= 500 ? m.signup_institutions_unavailable() : formErrorMessage(error);
    }
  }

  return {
    redirectTo,
    countries,
    country: country?.code ?? '',
    countryName: country?.name ?? '',
    role,
    institutions,
    institutionsError,
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, cookies, url }) => {
    const form = await request.formData();
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const values = {
      name: text('name'),
      email: text('email'),
      role: text('role'),
      country: text('country') || (url.searchParams.get('country') ?? ''),
      institutionId: text('institutionId'),
    };
    const password = String(form.get('password') ?? '');
    const redirectTo = safeRedirectTarget(text('redirectTo') || url.searchParams.get('redirectTo'));

    // Students belong to no institution here, even if the hidden choice was filled in.
    const institutionId =
      values.role !== 'student' && values.institutionId ? values.institutionId : undefined;

    try {
      const session = await signup(fetch, {
        name: values.name,
        email: values.email,
        password,
        // The API names a missing or unknown role in its 400, next to the other fields.
        role: values.role as SignupBody['role'],
        institutionId,
      });
      relaySessionCookie(cookies, session.setCookies);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const taken: FormFailure<typeof values> = {
          values,
          fieldErrors: { email: m.signup_email_taken() },
          formError: null,
        };
        return fail(409, taken);
      }
      return failFromApiError(error, values, fields);
    }
    redirect(303, redirectTo);
  },
};
