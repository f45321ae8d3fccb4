// A side of a pair a matching round proposed, as the round pages show it: the offer's title,
// its institution and its country named in the reader's language.
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { RoundOfferSummary } from '$lib/api/matching-rounds';
import { countryOptions } from './country-options';

export interface RoundOfferSide {
  id: string;
  title: string;
  institution: string;
  country: string;
}

/** A function from a round's offer (null when it is gone) to its side, countries in `locale`. */
export function roundOfferSides(locale: string) {
  const countries = new Map(countryOptions(locale).map((c) => [c.code, c.name]));
  const countryName = (code: string) => countries.get(code) ?? findCountry(code)?.name ?? code;
  return (offer: RoundOfferSummary | null): RoundOfferSide | null =>
    offer && {
      id: offer.id,
      title: offer.title,
      institution: offer.institutionName,
      country: countryName(offer.country),
    };
}
