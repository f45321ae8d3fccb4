// The institution directory: a GET search (works without JavaScript) and cursor pages.
import { isRegion, type Region } from '@twinning/core/vocabulary/countries';
import type { Institution } from '@twinning/contracts/institutions';
import { listInstitutions, type InstitutionSearch } from '$lib/api/institutions';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const countries = countryOptions(getLocale());
  const params = url.searchParams;
  const countryParam = (params.get('country') ?? '').toUpperCase();
  const regionParam = params.get('region') ?? '';
  const filters = {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    country: countries.some((c) => c.code === countryParam) ? countryParam : '',
    region: (isRegion(regionParam) ? regionParam : '') as Region | '',
    verified: params.get('verified') === 'true',
  };
  const cursor = (params.get('cursor') ?? '').slice(0, 500);

  const search: InstitutionSearch = {
    q: filters.q || undefined,
    country: filters.country || undefined,
    region: filters.region || undefined,
    verified: filters.verified,
    cursor: cursor || undefined,
    limit: PAGE_SIZE,
  };

  let items: Institution[] = [];
  let nextCursor: string | null = null;
  let loadError: string | null = null;
  try {
    ({ items, nextCursor } = await listInstitutions(fetch, search));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    loadError = error.status >= 500 ? m.institutions_unavailable() : error.message;
  }

  const names = new Map(countries.map((c) => [c.code, c.name]));
  // Query strings of this search; the page turns them into links.
  const queryWith = (extra: Record<string, string>) => {
    const query = new URLSearchParams();
    if (filters.q) query.set('q', filters.q);
    if (filters.country) query.set('country', filters.country);
    if (filters.region) query.set('region', filters.region);
    if (filters.verified) query.set('verified', 'true');
    for (const [key, value] of Object.entries(extra)) query.set(key, value);
    return query.toString();
  };

  return {
    filters,
    countries,
    isFirstPage: !cursor,
    filtered: Boolean(filters.q || filters.country || filters.region || filters.verified),
    institutions: items.map((institution) => ({
      ...institution,
      countryName: names.get(institution.country) ?? institution.country,
    })),
    firstPageQuery: queryWith({}),
    nextPageQuery: nextCursor ? queryWith({ cursor: nextCursor }) : null,
    loadError,
  };
};
