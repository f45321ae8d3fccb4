// Edit an institution's profile: its admin only. A web domain it adds waits for the
// secretariat before it counts (the form lists those too, so saving keeps them).
import { error, redirect } from '@sveltejs/kit';
import type { Institution } from '@twinning/contracts/institutions';
import { getInstitution, getInstitutionDomains, updateInstitution } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { domainsText } from '$lib/institution-input';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { failInstitutionForm, readInstitutionForm } from '$lib/server/institution-form';
import { isAdminOf, signedInUser } from '$lib/server/page-access';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals, url: URL, id: string): void {
  const user = signedInUser(locals, url);
  if (!isAdminOf(user, locals.affiliation, id)) error(403, m.inst_not_your_institution());
}

export const load: PageServerLoad = async ({ locals, url, params, fetch }) => {
  requireAdmin(locals, url, params.id);
  let institution: Institution;
  try {
    institution = await getInstitution(fetch, params.id);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404) error(404, m.institution_not_found());
    error(503, m.institutions_unavailable());
  }
  // Its domains with those that wait for the secretariat, so that saving keeps them.
  const domains = await getInstitutionDomains(fetch, institution.id)
    .then((all) => all.map((d) => d.domain))
    .catch((cause: unknown) => {
      if (!(cause instanceof ApiError)) throw cause;
      error(503, m.institutions_unavailable());
    });
  return {
    institution: { id: institution.id, name: institution.name },
    countries: countryOptions(getLocale()),
    values: {
      name: institution.name,
      country: institution.country,
      city: institution.city ?? '',
      website: institution.website ?? '',
      domains: domainsText(domains),
      type: institution.type,
    },
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals, url, params }) => {
    requireAdmin(locals, url, params.id);
    const { values, body } = readInstitutionForm(await request.formData());
    try {
      await updateInstitution(fetch, params.id, body);
    } catch (cause) {
      return failInstitutionForm(cause, values, body.domains);
    }
    redirect(303, '/my/institution?saved=1');
  },
};
