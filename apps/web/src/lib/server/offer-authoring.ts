// What the offer authoring pages need on the server: who may post an offer (and, if not,
// why), the choices of the form (time zones, languages) and its defaults.
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Affiliation, User } from '@twinning/contracts/accounts';
import type { Institution } from '@twinning/contracts/institutions';
import { countries, findCountry } from '@twinning/core/vocabulary/countries';
import { languageCodes, languageName } from '@twinning/core/vocabulary/languages';
import { getInstitution } from '$lib/api/institutions';
import { ApiError, type Fetch } from '$lib/api/request';
import {
  placeOfferProblems,
  type AuthoringRefusal,
  type OfferFormValues,
  type RowMap,
} from '$lib/offer-form';
import { m } from '$lib/paraglide/messages';
import { baseLocale } from '$lib/paraglide/runtime';
import { zoneCity } from '$lib/time-windows';
import { currentZoneName, isKnownZone, zoneNameList } from '$lib/time-zone-names';
import { formErrorMessage } from './form-failure';

export type AuthoringAccess =
  | { allowed: true; institution: Institution }
  | { allowed: false; reason: AuthoringRefusal; institutionName: string | null };

export function canAuthor(user: User): boolean {
  return user.role === 'lecturer' || user.role === 'institution_admin';
}

/** Whether `user` may post offers now: a lecturer or admin of a verified institution. */
export async function authoringAccess(
  fetch: Fetch,
  user: User,
  affiliation: Affiliation | null,
): Promise<AuthoringAccess> {
  const institutionName = affiliation?.institutionName ?? null;
  if (!canAuthor(user)) return { allowed: false, reason: 'role', institutionName };
  if (affiliation?.status === 'pending') {
    return { allowed: false, reason: 'affiliation_pending', institutionName };
  }
  if (affiliation?.status === 'refused') {
    return { allowed: false, reason: 'affiliation_refused', institutionName };
  }
  const institutionId = user.institutionId ?? affiliation?.institutionId ?? null;
  if (!institutionId) return { allowed: false, reason: 'no_institution', institutionName };
  try {
    const institution = await getInstitution(fetch, institutionId);
    if (!institution.verified) {
      return {
        allowed: false,
        reason: 'institution_unverified',
        institutionName: institution.name,
      };
    }
    return { allowed: true, institution };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 404) return { allowed: false, reason: 'no_institution', institutionName };
    return { allowed: false, reason: 'unavailable', institutionName };
  }
}

export interface TimeZoneOption {
  value: string;
  label: string;
}

export interface TimeZoneGroup {
  label: string;
  options: TimeZoneOption[];
}

function countryName(code: string, locale: string): string {
  if (locale === baseLocale) return findCountry(code)?.name ?? code;
  return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}

/**
 * Every zone the runtime knows, the ASEM partners' own first (Asia, then Europe, each by
 * country), then all others by name.
 */
export function timeZoneGroups(locale: string): TimeZoneGroup[] {
  const asem = new Set<string>();
  const regionGroup = (region: 'asia' | 'europe'): TimeZoneOption[] =>
    countries
      .filter((c) => c.region === region)
      .flatMap((c) => {
        const name = countryName(c.code, locale);
        return c.timeZones.map((zone) => {
          asem.add(zone);
          const label =
            c.timeZones.length > 1
              ? m.authoring_time_zone_option_city({ country: name, city: zoneCity(zone) })
              : name;
          return { value: zone, label: m.authoring_time_zone_option({ place: label, zone }) };
        });
      })
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  const asia = regionGroup('asia');
  const europe = regionGroup('europe');
  const others = zoneNameList(Intl.supportedValuesOf('timeZone'))
    .filter((zone) => !asem.has(zone))
    .map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
  return [
    { label: m.authoring_time_zones_asia(), options: asia },
    { label: m.authoring_time_zones_europe(), options: europe },
    { label: m.authoring_time_zones_other(), options: others },
  ];
}

/** The zone a new offer starts with: the user's own, else the institution country's first. */
export function defaultTimeZone(user: User, institution: Institution | null): string {
  if (user.timeZone && isKnownZone(user.timeZone)) return currentZoneName(user.timeZone);
  const zone = institution ? findCountry(institution.country)?.timeZones[0] : undefined;
  return zone ?? 'UTC';
}

/** The region an offer seeks by default: the other one than its institution's. */
export function otherRegion(institution: Institution | null): 'asia' | 'europe' | 'any' {
  if (!institution) return 'any';
  return institution.region === 'asia' ? 'europe' : 'asia';
}

export interface LanguageOption {
  code: string;
  name: string;
}

/** ISO 639-1 languages named in `locale`, by name. */
export function languageOptions(locale: string): LanguageOption[] {
  return languageCodes
    .map((code) => ({ code, name: languageName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

export interface OfferFormFailure {
  values: OfferFormValues;
  fieldErrors: Record<string, string>;
  formError: string | null;
}

/**
 * Plainer words for what was left out: the API names a missing format by its codes and a
 * missing date by its pattern, which helps no one who used the form.
 */
function forEmptyFields(
  fieldErrors: Record<string, string>,
  values: OfferFormValues,
): Record<string, string> {
  const plain: Record<string, string> = { ...fieldErrors };
  const missing: [key: string, empty: boolean, message: () => string][] = [
    ['format', !values.format, m.authoring_format_missing],
    ['fields', values.fields.length === 0, m.authoring_fields_missing],
    [
      'languages',
      values.languages.every((l) => !l.code && !l.level),
      m.authoring_languages_missing,
    ],
    ['levels', values.levels.length === 0, m.authoring_levels_missing],
    ['startDate', !values.startDate, m.authoring_start_date_missing],
    ['endDate', !values.endDate, m.authoring_end_date_missing],
  ];
  for (const [key, empty, message] of missing) {
    if (empty && plain[key]) plain[key] = message();
  }
  return plain;
}

/** `fail()` for an API error met while saving an offer: each problem next to its field. */
export function offerFormFailure(
  error: unknown,
  values: OfferFormValues,
  rowMap: RowMap,
  localErrors: Record<string, string> = {},
): ActionFailure<OfferFormFailure> {
  if (!(error instanceof ApiError)) throw error;
  const status = error.status >= 400 && error.status < 600 ? error.status : 500;
  if (error.status === 400 && error.details.length > 0) {
    const placed = placeOfferProblems(error.details, rowMap);
    const fieldErrors = { ...forEmptyFields(placed.fieldErrors, values), ...localErrors };
    const formError =
      placed.unplaced.length > 0
        ? placed.unplaced.join(' ')
        : Object.keys(fieldErrors).length > 0
          ? m.authoring_form_has_errors({ count: Object.keys(fieldErrors).length })
          : error.message;
    return fail(400, { values, fieldErrors, formError });
  }
  return fail(status, { values, fieldErrors: localErrors, formError: formErrorMessage(error) });
}
