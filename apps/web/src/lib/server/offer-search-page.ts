// The `load` of the offer search pages (`/offers`, `/opportunities`): the filters from the
// query string, one page of offers from the API as cards, and the links of the search.
import type { Institution } from '@twinning/contracts/institutions';
import { getInstitution } from '$lib/api/institutions';
import { listOfferLanguages, listOffers, type OfferLanguageUse } from '$lib/api/offers';
import { ApiError } from '$lib/api/request';
import {
  countActiveFilters,
  isFiltered,
  offerFiltersQuery,
  offerSearchOf,
  readOfferFilters,
  type DateProblem,
  type FilterOptions,
} from '$lib/offer-filters';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { offerCards, type OfferCard } from './offer-cards';
import { offerFilterOptions } from './offer-filter-options';

const PAGE_SIZE = 20;

/** The form fields an API 400 may name (`details[].field`). */
const formFields = [
  'q',
  'format',
  'field',
  'language',
  'region',
  'country',
  'level',
  'sdg',
  'theme',
  'from',
  'to',
  'openToStudents',
];

function dateProblemMessage(problem: DateProblem): string {
  return problem === 'invalid' ? m.catalogue_date_invalid() : m.catalogue_date_before_start();
}

function asSentence(message: string): string {
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}

export async function loadOfferSearch(
  { url, fetch }: { url: URL; fetch: typeof globalThis.fetch },
  options: FilterOptions = {},
) {
  const locale = getLocale();
  const { filters, problems } = readOfferFilters(url.searchParams, options);
  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 500);

  const fieldErrors: Record<string, string> = {};
  for (const [name, problem] of Object.entries(problems)) {
    fieldErrors[name] = dateProblemMessage(problem);
  }

  let institution: Institution | null = null;
  if (filters.institution) {
    try {
      institution = await getInstitution(fetch, filters.institution);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // An unknown institution simply has no offers; the list says so.
    }
  }

  // The language filter lists the languages the offers use; without them, every language.
  const languageUsage = listOfferLanguages(fetch, { openToStudents: options.studentsOnly }).catch(
    (error: unknown): OfferLanguageUse[] | null => {
      if (!(error instanceof ApiError)) throw error;
      console.error('Could not read the languages offers use', error);
      return null;
    },
  );

  let offers: OfferCard[] = [];
  let total = 0;
  let totalCapped = false;
  let nextCursor: string | null = null;
  let loadError: string | null = null;
  if (Object.keys(fieldErrors).length > 0) {
    loadError = m.catalogue_invalid_search();
  } else {
    try {
      const page = await listOffers(fetch, {
        ...offerSearchOf(filters),
        limit: PAGE_SIZE,
        cursor: cursor || undefined,
      });
      nextCursor = page.nextCursor;
      total = page.total;
      totalCapped = page.totalCapped;
      offers = await offerCards(fetch, page.items, locale, institution ? [institution] : []);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 400) {
        for (const [field, message] of Object.entries(error.fieldMessages())) {
          if (formFields.includes(field)) fieldErrors[field] ??= asSentence(message);
        }
        loadError =
          Object.keys(fieldErrors).length > 0 ? m.catalogue_invalid_search() : error.message;
      } else {
        loadError = error.status >= 500 ? m.catalogue_unavailable() : error.message;
      }
    }
  }

  return {
    filters,
    options: offerFilterOptions(locale, filters.field, await languageUsage, filters.language),
    fieldErrors,
    loadError,
    offers,
    total,
    totalCapped,
    /** This list as the way back from an offer's page. */
    backPath: `${url.pathname}${url.search}`,
    institutionName: institution?.name ?? null,
    activeFilterCount: countActiveFilters(filters, options),
    filtered: isFiltered(filters, options),
    isFirstPage: !cursor,
    firstPageQuery: offerFiltersQuery(filters, options),
    nextPageQuery: nextCursor ? offerFiltersQuery(filters, options, { cursor: nextCursor }) : null,
    /** The search without the institution: for "show offers of all institutions". */
    withoutInstitutionQuery: offerFiltersQuery({ ...filters, institution: '' }, options),
  };
}

export type OfferSearchData = Awaited<ReturnType<typeof loadOfferSearch>>;
