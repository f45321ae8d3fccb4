// Register an institution: for an institution admin who has none yet. It starts unverified
// and its creator becomes its admin.
import { fail, redirect } from '@sveltejs/kit';
import { createInstitution } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import {
  failInstitutionForm,
  readInstitutionForm,
  type InstitutionFormValues,
} from '$lib/server/institution-form';
import type { FormFailure } from '$lib/server/form-failure';
import { userWithRole } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

const emptyValues: InstitutionFormValues = {
  name: '',
  country: '',
  city: '',
  website: '',
  domains: '',
  type: '',
};

export const load: PageServerLoad = ({ locals, url }) => {
  const user = userWithRole(locals, url, 'institution_admin', m.inst_admins_only());
  if (user.institutionId) redirect(303, '/my/institution');
  return {
    countries: countryOptions(getLocale()),
    values: emptyValues,
    // Not verified yet: what to do, in place of a form that would fail.
    emailGate: !user.emailVerified,
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals, url }) => {
    userWithRole(locals, url, 'institution_admin', m.inst_admins_only());
    const { values, body } = readInstitutionForm(await request.formData());
    try {
      await createInstitution(fetch, body);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        const failure: FormFailure<InstitutionFormValues> = {
          values,
          fieldErrors: {},
          formError: m.inst_new_has_one(),
        };
        return fail(409, failure);
      }
      return failInstitutionForm(cause, values, body.domains);
    }
    redirect(303, '/my/institution?registered=1');
  },
};
