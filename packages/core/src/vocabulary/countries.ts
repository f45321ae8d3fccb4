// The 51 ASEM partner countries and their regions, from the ASEM Education Process's own grouping.
import partners from './data/asem-partners.json' with { type: 'json' };

export type Region = 'asia' | 'europe';
export const regions: readonly Region[] = ['asia', 'europe'];

export interface Country {
  code: string;
  name: string;
  region: Region;
  timeZones: string[];
  languages: string[];
}

export const countries: readonly Country[] = partners.countries.map((c) => ({
  code: c.code,
  name: c.name,
  region: c.region as Region,
  timeZones: c.timeZones,
  languages: c.languages,
}));

const byCode = new Map(countries.map((c) => [c.code, c]));

export function findCountry(code: string): Country | undefined {
  return byCode.get(code.toUpperCase());
}

export function isAsemCountry(code: string): boolean {
  return byCode.has(code.toUpperCase());
}

export function regionOf(code: string): Region | undefined {
  return findCountry(code)?.region;
}

export function isRegion(value: string): value is Region {
  return value === 'asia' || value === 'europe';
}
