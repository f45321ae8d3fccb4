// The choices of the offer search form, named in the user's language where the runtime
// knows the names (languages, countries) and by the vocabularies otherwise. Built on the
// server, so the names are the same in the HTML and after hydration.
import { iscedBroad, iscedDetailed, iscedNarrow, iscedName } from '@twinning/core/vocabulary/isced';
import { languageCodes, languageName } from '@twinning/core/vocabulary/languages';
import { sdgs } from '@twinning/core/vocabulary/sdgs';
import { formats, studyLevels, themes, type Theme } from '@twinning/core/vocabulary/themes';
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

function themeGroupLabel(group: Theme['group']): string {
  switch (group) {
    case 'strategicObjective':
      return m.catalogue_theme_group_objectives();
    case 'thematicPriority':
      return m.catalogue_theme_group_priorities();
    case 'transversalTheme':
      return m.catalogue_theme_group_transversal();
  }
}

/**
 * `selectedField` may be a detailed code (a link can carry one): it is listed under its
 * narrow field so the select can show it.
 */
export function offerFilterOptions(locale: string, selectedField = ''): OfferFilterOptions {
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

  const collator = new Intl.Collator(locale);
  const languages = languageCodes
    .map((code) => ({ value: code, label: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.label, b.label));

  const themeGroups = new Map<Theme['group'], Choice[]>();
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
