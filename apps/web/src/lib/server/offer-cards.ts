// Offers as the catalogue's cards show them: with their institution's name, country and
// region (the API's offer carries only the institution's id, so each institution of the
// page is asked once), and every code turned into words in the user's language.
import type { Institution } from '@twinning/contracts/institutions';
import type { Offer } from '@twinning/contracts/offers';
import { languageName } from '@twinning/core/vocabulary/languages';
import { formats, studyLevels } from '@twinning/core/vocabulary/themes';
import { getInstitution } from '$lib/api/institutions';
import type { Fetch } from '$lib/api/request';
import { regionLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { excerpt } from '$lib/text-excerpt';
import { countryOptions } from './country-options';
import { fieldName } from './offer-filter-options';

/** How much of the description a card shows: about two lines. */
const SUMMARY_LENGTH = 180;

export interface OfferCard {
  id: string;
  title: string;
  /** The start of the description. */
  summary: string;
  institution: {
    id: string;
    name: string;
    country: string;
    region: string;
  } | null;
  format: string;
  fields: string[];
  languages: { code: string; name: string; level: string }[];
  levels: string[];
  startDate: string;
  endDate: string;
  start: string;
  end: string;
  classSize: number;
  openToStudents: boolean;
  status: Offer['status'];
}

const formatNames = new Map(formats.map((f) => [f.id as string, f.name]));
const levelNames = new Map(studyLevels.map((l) => [l.id as string, l.name]));

/** Each institution of the offers, asked once; one that cannot be read is left out. */
async function institutionsOf(
  fetch: Fetch,
  offers: readonly Offer[],
  known: readonly Institution[],
): Promise<Map<string, Institution>> {
  const byId = new Map(known.map((i) => [i.id, i]));
  const missing = [...new Set(offers.map((o) => o.institutionId))].filter((id) => !byId.has(id));
  const found = await Promise.all(
    missing.map((id) =>
      getInstitution(fetch, id).catch((error: unknown) => {
        console.error(`Could not read institution ${id} for an offer card`, error);
        return null;
      }),
    ),
  );
  for (const institution of found) if (institution) byId.set(institution.id, institution);
  return byId;
}

function cefrLabel(level: string): string {
  return level === 'native' ? m.catalogue_level_native() : level;
}

/** `known`: institutions the page has already (e.g. the one whose page this is). */
export async function offerCards(
  fetch: Fetch,
  offers: readonly Offer[],
  locale: string,
  known: readonly Institution[] = [],
): Promise<OfferCard[]> {
  const institutions = await institutionsOf(fetch, offers, known);
  const countryNames = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateOf = (iso: string) => {
    const parsed = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(parsed.getTime()) ? iso : date.format(parsed);
  };

  return offers.map((offer) => {
    const institution = institutions.get(offer.institutionId);
    return {
      id: offer.id,
      title: offer.title,
      summary: excerpt(offer.description, SUMMARY_LENGTH),
      institution: institution
        ? {
            id: institution.id,
            name: institution.name,
            country: countryNames.get(institution.country) ?? institution.country,
            region: regionLabel(institution.region),
          }
        : null,
      format: formatNames.get(offer.format) ?? offer.format,
      fields: offer.fields.map(fieldName),
      languages: offer.languages.map((language) => ({
        code: language.code,
        name: languageName(language.code, locale),
        level: cefrLabel(language.level),
      })),
      levels: offer.levels.map((level) => levelNames.get(level) ?? level),
      startDate: offer.startDate,
      endDate: offer.endDate,
      start: dateOf(offer.startDate),
      end: dateOf(offer.endDate),
      classSize: offer.classSize,
      openToStudents: offer.openToStudents,
      status: offer.status,
    };
  });
}
