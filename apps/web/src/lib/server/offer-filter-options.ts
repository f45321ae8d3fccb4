// The choices of the offer search form, named in the user's language where the runtime
// knows the names (languages, countries) and by the vocabularies otherwise. Built on the
// server, so the names are the same in the HTML and after hydration.
import { iscedBroad, iscedDetailed, iscedNarrow, iscedName } from '@twinning/core/vocabulary/isced';
import { languageCodes, languageName } from '@twinning/core/vocabulary/languages';
import { sdgs } from '@twinning/core/vocabulary/sdgs';
import { formats, studyLevels, themes, type ThemeGroup } from '@twinning/core/vocabulary/themes';
import type { OfferLanguageUse } from '$lib/api/offers';
import { m } from '$lib/paraglide/messages';
import { countryOptions, type CountryOption } from './country-options';

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceGroup {
  label: string;
  choices: Choice[];
}

export interface OfferFilterOptions {
  formats: Choice[];
  /** One group per ISCED-F broad field: the whole broad field first, then its narrow fields. */
  fields: ChoiceGroup[];
  languages: Choice[];
  countries: CountryOption[];
  levels: Choice[];
  sdgs: Choice[];
  themes: ChoiceGroup[];
}

function themeGroupLabel(group: ThemeGroup): string {
  switch (group) {
    case 'priority':
      return m.catalogue_theme_group_priorities();
    case 'transversal':
      return m.catalogue_theme_group_transversal();
  }
}

/**
 * The languages to filter by: those the listed offers use, most used first with how many use
 * each, and the one selected even when no open offer uses it. Without the counts (the API did
 * not answer) every language, by name.
 */
function languageChoices(
  locale: string,
  usage: readonly OfferLanguageUse[] | null,
  selected: string,
): Choice[] {
  if (!usage) {
    const collator = new Intl.Collator(locale);
    return languageCodes
      .map((code) => ({ value: code, label: languageName(code, locale) }))
      .sort((a, b) => collator.compare(a.label, b.label));
  }
  const numbers = new Intl.NumberFormat(locale);
  const choices: Choice[] = usage.map((use) => ({
    value: use.code,
    label: m.catalogue_language_option({
      language: languageName(use.code, locale),
      count: numbers.format(use.offers),
    }),
  }));
  if (selected && !usage.some((use) => use.code === selected)) {
    choices.push({ value: selected, label: languageName(selected, locale) });
  }
  return choices;
}

/**
 * `selectedField` may be a detailed code (a link can carry one): it is listed under its
 * narrow field so the select can show it. `languageUsage`: the languages the list's offers use
 * (`GET /api/offers/languages`), or null when unknown.
 */
export function offerFilterOptions(
  locale: string,
  selectedField = '',
  languageUsage: readonly OfferLanguageUse[] | null = null,
  selectedLanguage = '',
): OfferFilterOptions {
  const selectedDetailed =
    selectedField.length === 4 ? iscedDetailed.find((d) => d.code === selectedField) : undefined;

  const fields = iscedBroad.map((broad) => {
    const choices: Choice[] = [
      { value: broad.code, label: m.catalogue_field_all_of({ field: broad.name }) },
    ];
    for (const narrow of iscedNarrow.filter((n) => n.broad === broad.code)) {
      choices.push({ value: narrow.code, label: narrow.name });
      if (selectedDetailed?.narrow === narrow.code) {
        choices.push({ value: selectedDetailed.code, label: selectedDetailed.name });
      }
    }
    return { label: broad.name, choices };
  });

  const languages = languageChoices(locale, languageUsage, selectedLanguage);

  const themeGroups = new Map<ThemeGroup, Choice[]>();
  for (const theme of themes) {
    const group = themeGroups.get(theme.group) ?? [];
    group.push({ value: theme.id, label: theme.name });
    themeGroups.set(theme.group, group);
  }

  return {
    formats: formats.map((f) => ({ value: f.id, label: f.name })),
    fields,
    languages,
    countries: countryOptions(locale),
    levels: studyLevels.map((l) => ({ value: l.id, label: l.name })),
    sdgs: sdgs.map((goal) => ({
      value: String(goal.number),
      label: m.catalogue_sdg_option({ number: goal.number, name: goal.name }),
    })),
    themes: [...themeGroups].map(([group, choices]) => ({
      label: themeGroupLabel(group),
      choices,
    })),
  };
}

/** The name of an ISCED code for a card ("Software and applications development…"). */
export function fieldName(code: string): string {
  return iscedName(code) ?? code;
}
