// One institution's profile, its figures and its open offers; an unknown id is the 404 page.
// The figures and offers are extras: the profile still shows when they cannot be read.
import { error } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { Institution, InstitutionSummary } from '@twinning/contracts/institutions';
import { getInstitution, getInstitutionSummary } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { institutionLead } from '$lib/labels';
import type { PageMeta } from '$lib/page-meta';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { loadInstitutionOffers } from '$lib/server/institution-offers';
import type { OfferCard } from '$lib/server/offer-cards';
import { isAdminOf } from '$lib/server/page-access';
import type { PageServerLoad } from './$types';

const OFFERS_SHOWN = 20;

export const load: PageServerLoad = async ({ params, fetch, locals }) => {
  let institution: Institution;
  try {
    institution = await getInstitution(fetch, params.id);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404 || cause.status === 400) error(404, m.institution_not_found());
    error(503, m.institutions_unavailable());
  }
  const locale = getLocale();
  const country = countryOptions(locale).find((c) => c.code === institution.country);

  const [summary, openOffers] = await Promise.all([
    getInstitutionSummary(fetch, institution.id).catch((cause: unknown): null => {
      console.error('Could not read the figures of an institution', cause);
      return null;
    }),
    loadInstitutionOffers(fetch, institution, locale, { limit: OFFERS_SHOWN }),
  ]);

  const countryName =
    country?.name ?? findCountry(institution.country)?.name ?? institution.country;
  return {
    institution,
    countryName,
    summary: summary satisfies InstitutionSummary | null,
    offers: openOffers?.cards ?? ([] as OfferCard[]),
    moreOffers: openOffers?.more ?? false,
    offersUnavailable: openOffers === null,
    canEdit: isAdminOf(locals.user, locals.affiliation, institution.id),
    meta: {
      title: institution.name,
      description: institutionDescription(institution, countryName, summary),
      type: 'article',
    } satisfies PageMeta,
  };
};

/** "University in Kyoto, Japan. On Twinning: 3 open offers and 2 partnerships. Verified…" */
function institutionDescription(
  institution: Institution,
  countryName: string,
  summary: InstitutionSummary | null,
): string {
  const parts = [institutionLead(institution, countryName)];
  if (summary) {
    parts.push(
      m.institution_meta_figures({
        offers: m.institution_meta_offers({ count: summary.openOffers }),
        partnerships: m.institution_meta_partnerships({ count: summary.partnerships }),
      }),
    );
  }
  if (institution.verified) parts.push(m.institution_meta_verified());
  return parts.join(' ');
}
