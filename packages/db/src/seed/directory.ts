// Loads the institution directory (data/asem-universities.json, from the Hipo
// university-domains-list, MIT licence) with ids derived from name and country, so every
// install names the same institution with the same id.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { findCountry, type Region } from '@twinning/core/vocabulary/countries';
import type { InstitutionType, NewInstitution } from '../repositories/institutions.ts';

interface DirectoryEntry {
  name: string;
  country: string;
  region: Region;
  domains: string[];
  website: string | null;
  stateProvince: string | null;
}

const directoryFile = new URL('../../data/asem-universities.json', import.meta.url);

export function directoryId(name: string, country: string): string {
  return createHash('sha256').update(`${country}\u0000${name}`).digest('hex').slice(0, 24);
}

/** The source lists no type; the name tells it well enough for filtering. */
export function typeFromName(name: string): InstitutionType {
  if (/vocational|\btvet\b|technical (and|&) further|polytechnic|politeknik|\biti\b/i.test(name)) {
    return 'tvet';
  }
  if (
    /universit|universidad|universit[àé]|hochschule|\binstitute of technology\b|\bakadem/i.test(
      name,
    )
  ) {
    return 'university';
  }
  if (/college|kolej|école|ecole|\bschool\b/i.test(name)) return 'college';
  return 'university';
}

export function readDirectory(): NewInstitution[] {
  const data = JSON.parse(readFileSync(directoryFile, 'utf8')) as {
    institutions: DirectoryEntry[];
  };
  const seen = new Set<string>();
  const out: NewInstitution[] = [];
  for (const entry of data.institutions) {
    const country = findCountry(entry.country);
    if (!country) continue;
    const id = directoryId(entry.name, country.code);
    if (seen.has(id)) continue; // the source repeats a few names
    seen.add(id);
    out.push({
      id,
      name: entry.name.trim(),
      country: country.code,
      region: country.region,
      city: null,
      website: entry.website,
      domains: [...new Set(entry.domains.map((d) => d.trim().toLowerCase()).filter(Boolean))],
      type: typeFromName(entry.name),
      verified: false,
      source: 'directory',
      createdBy: null,
    });
  }
  return out;
}
