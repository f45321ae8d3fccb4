// The offer catalogue's filters as the page's query string holds them: read (unknown values
// are dropped, so a hand-edited or outdated link never breaks the page), checked (dates),
// counted, and written back into links and into the API's query.
import { isAsemCountry, isRegion, type Region } from '@twinning/core/vocabulary/countries';
import { isIscedCode } from '@twinning/core/vocabulary/isced';
import { canonicalLanguageCode, isLanguageCode } from '@twinning/core/vocabulary/languages';
import { isSdg } from '@twinning/core/vocabulary/sdgs';
import {
  canonicalThemeId,
  isFormat,
  isStudyLevel,
  isThemeId,
  type Format,
  type StudyLevel,
} from '@twinning/core/vocabulary/themes';

export interface OfferFilters {
  q: string;
  format: Format | '';
  /** ISCED-F broad, narrow or detailed code. */
  field: string;
  language: string;
  region: Region | '';
  country: string;
  level: StudyLevel | '';
  sdg: number | null;
  theme: string;
  /** `YYYY-MM-DD`. */
  from: string;
  to: string;
  openToStudents: boolean;
  /** Offers of one institution (a link from its page, not a form field). */
  institution: string;
}

/** What is wrong with a date filter: not a date, or an end before the start. */
export type DateProblem = 'invalid' | 'before_start';

export interface ReadOfferFilters {
  filters: OfferFilters;
  problems: Partial<Record<'from' | 'to', DateProblem>>;
}

export interface FilterOptions {
  /** The page always shows offers open to students (the students' page): not a choice. */
  studentsOnly?: boolean;
}

const Q_MAX = 200;
const ID_MAX = 64;

export const emptyOfferFilters: OfferFilters = {
  q: '',
  format: '',
  field: '',
  language: '',
  region: '',
  country: '',
  level: '',
  sdg: null,
  theme: '',
  from: '',
  to: '',
  openToStudents: false,
  institution: '',
};

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function readOfferFilters(
  params: URLSearchParams,
  options: FilterOptions = {},
): ReadOfferFilters {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const format = get('format');
  const field = get('field');
  const language = get('language').toLowerCase();
  const region = get('region');
  const country = get('country').toUpperCase();
  const level = get('level');
  const sdg = get('sdg');
  const theme = get('theme');
  const institution = get('institution');

  const filters: OfferFilters = {
    q: get('q').slice(0, Q_MAX),
    format: isFormat(format) ? format : '',
    field: /^\d{2,4}$/.test(field) && isIscedCode(field) ? field : '',
    // An alias or an old theme id means the kept one, which the select lists.
    language: isLanguageCode(language) ? canonicalLanguageCode(language) : '',
    region: isRegion(region) ? region : '',
    country: /^[A-Z]{2}$/.test(country) && isAsemCountry(country) ? country : '',
    level: isStudyLevel(level) ? level : '',
    sdg: /^\d{1,2}$/.test(sdg) && isSdg(Number(sdg)) ? Number(sdg) : null,
    theme: isThemeId(theme) ? canonicalThemeId(theme) : '',
    from: '',
    to: '',
    openToStudents: options.studentsOnly ? true : get('openToStudents') === 'true',
    institution: institution.length <= ID_MAX ? institution : '',
  };

  const problems: ReadOfferFilters['problems'] = {};
  for (const name of ['from', 'to'] as const) {
    const value = get(name);
    if (!value) continue;
    if (isIsoDate(value)) filters[name] = value;
    else problems[name] = 'invalid';
  }
  if (filters.from && filters.to && filters.to < filters.from) problems.to = 'before_start';
  return { filters, problems };
}

/** How many filters narrow the list (the text search and fixed choices not counted). */
export function countActiveFilters(filters: OfferFilters, options: FilterOptions = {}): number {
  return [
    filters.format,
    filters.field,
    filters.language,
    filters.region,
    filters.country,
    filters.level,
    filters.sdg !== null,
    filters.theme,
    filters.from,
    filters.to,
    !options.studentsOnly && filters.openToStudents,
    filters.institution,
  ].filter(Boolean).length;
}

/** Whether anything (text or a filter) narrows the list. */
export function isFiltered(filters: OfferFilters, options: FilterOptions = {}): boolean {
  return filters.q !== '' || countActiveFilters(filters, options) > 0;
}

/**
 * The query string of this search (for "Next page" and similar links), without fixed
 * choices, plus `extra` (e.g. `{ cursor }`). Empty filters are left out.
 */
export function offerFiltersQuery(
  filters: OfferFilters,
  options: FilterOptions = {},
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams();
  const put = (name: string, value: string) => {
    if (value) query.set(name, value);
  };
  put('q', filters.q);
  put('format', filters.format);
  put('field', filters.field);
  put('language', filters.language);
  put('region', filters.region);
  put('country', filters.country);
  put('level', filters.level);
  put('sdg', filters.sdg === null ? '' : String(filters.sdg));
  put('theme', filters.theme);
  put('from', filters.from);
  put('to', filters.to);
  if (!options.studentsOnly && filters.openToStudents) query.set('openToStudents', 'true');
  put('institution', filters.institution);
  for (const [name, value] of Object.entries(extra)) put(name, value);
  return query.toString();
}

/** The filters as the API's query (`GET /api/offers`); fixed choices included. */
export function offerSearchOf(filters: OfferFilters) {
  return {
    q: filters.q || undefined,
    format: filters.format || undefined,
    field: filters.field || undefined,
    language: filters.language || undefined,
    region: filters.region || undefined,
    country: filters.country || undefined,
    level: filters.level || undefined,
    sdg: filters.sdg ?? undefined,
    theme: filters.theme || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
    openToStudents: filters.openToStudents || undefined,
    institution: filters.institution || undefined,
  };
}
