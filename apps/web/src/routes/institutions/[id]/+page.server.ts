// One institution's profile; an unknown id is the 404 page.
import { error } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { getInstitution } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch }) => {
  try {
    const institution = await getInstitution(fetch, params.id);
    const country = countryOptions(getLocale()).find((c) => c.code === institution.country);
    return {
      institution,
      countryName: country?.name ?? findCountry(institution.country)?.name ?? institution.country,
    };
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404 || cause.status === 400) error(404, m.institution_not_found());
    error(503, m.institutions_unavailable());
  }
};
