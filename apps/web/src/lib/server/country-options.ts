// The 51 ASEM partner countries as options for forms and as names for codes, named in the
// user's language (the ASEM Education Process's own English names for the base locale).
import { countries, type Region } from '@twinning/core/vocabulary/countries';
import { baseLocale } from '$lib/paraglide/runtime';

export interface CountryOption {
  code: string;
  name: string;
  region: Region;
}

export function countryOptions(locale: string): CountryOption[] {
  const displayNames =
    locale === baseLocale ? null : new Intl.DisplayNames([locale], { type: 'region' });
  return countries
    .map(({ code, name, region }) => ({
      code,
      name: displayNames?.of(code) ?? name,
      region,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
