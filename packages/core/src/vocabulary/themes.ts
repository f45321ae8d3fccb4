// ASEM Education Process vocabularies: themes, exchange formats, study levels, CEFR levels.
import data from './data/asem-education-themes.json' with { type: 'json' };

/*
 * ASEM names its themes in three lists (data/asem-education-themes.json): the strategic
 * objectives of the Education Strategy 2030, the thematic priorities adopted in 2011 and the
 * transversal themes of 2019. The first two overlap: "Balanced mobility" is both, "Quality
 * assurance and recognition" is the objective on recognition, validation and quality
 * assurance, and "Lifelong learning including TVET" the objective on lifelong learning. A
 * lecturer must not have to choose between two names for one thing, so each pair is one theme
 * here, under the strategic objective's id; the thematic priority's id stays valid as an
 * alias (links, scripts and offers stored before the merge), mapped to the kept id wherever
 * themes are read, filtered or matched (`canonicalThemeId`).
 */

export type ThemeGroup = 'priority' | 'transversal';

export interface Theme {
  id: string;
  /** A short name for lists and pickers. */
  name: string;
  /** `priority`: an objective or thematic priority of the strategy; `transversal`: cuts across. */
  group: ThemeGroup;
}

/** Old ids of a thematic priority → the id of the strategic objective it repeats. */
export const themeAliases: Readonly<Record<string, string>> = {
  quality_assurance_recognition: 'recognition',
  lifelong_learning_tvet: 'lifelong_learning',
};

/** Short names: the strategic objectives are written as whole sentences in the strategy. */
const shortNames: Readonly<Record<string, string>> = {
  balanced_mobility: 'Inclusive and balanced mobility',
  lifelong_learning: 'Lifelong learning, including TVET',
  skills: 'Skills and competences',
  recognition: 'Recognition, validation and quality assurance',
  business_industry: 'Engaging business and industry in education',
};

function mergedThemes(): Theme[] {
  const seen = new Map<string, Theme>();
  const add = (items: { id: string; name: string }[], group: ThemeGroup) => {
    for (const t of items) {
      const id = themeAliases[t.id] ?? t.id;
      if (!seen.has(id)) seen.set(id, { id, name: shortNames[id] ?? t.name, group });
    }
  };
  add(data.strategicObjectives, 'priority');
  add(data.thematicPriorities, 'priority');
  add(data.transversalThemes, 'transversal');
  return [...seen.values()];
}

/** The themes a person chooses from, each once. */
export const themes: readonly Theme[] = mergedThemes();
const themeIds = new Set(themes.map((t) => t.id));

/** A theme id, kept or an alias of a kept one: both are accepted wherever a theme is named. */
export function isThemeId(id: string): boolean {
  return themeIds.has(id) || Object.hasOwn(themeAliases, id);
}

/** The kept id for `id` (itself when it is not an alias). */
export function canonicalThemeId(id: string): string {
  return Object.hasOwn(themeAliases, id) ? themeAliases[id]! : id;
}

/** Kept ids for `ids`, each once, in their first order. */
export function canonicalThemeIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map(canonicalThemeId))];
}

/** The ids that mean `id`: the kept id and its aliases (for filters over stored ids). */
export function themeIdsMeaning(id: string): string[] {
  const kept = canonicalThemeId(id);
  return [kept, ...Object.keys(themeAliases).filter((alias) => themeAliases[alias] === kept)];
}

export function findTheme(id: string): Theme | undefined {
  const kept = canonicalThemeId(id);
  return themes.find((t) => t.id === kept);
}

export const formatIds = [
  'coil',
  'virtual_exchange',
  'virtual_mobility',
  'blended_mobility',
] as const;
export type Format = (typeof formatIds)[number];
export const formats: readonly { id: Format; name: string; about: string }[] =
  data.exchangeFormats.map((f) => ({ id: f.id as Format, name: f.name, about: f.about }));
export function isFormat(id: string): id is Format {
  return (formatIds as readonly string[]).includes(id);
}

export const levelIds = [
  'bachelor',
  'master',
  'doctoral',
  'short_cycle',
  'tvet',
  'lifelong',
] as const;
export type StudyLevel = (typeof levelIds)[number];
export const studyLevels: readonly { id: StudyLevel; name: string }[] = data.levels.map((l) => ({
  id: l.id as StudyLevel,
  name: l.name,
}));
export function isStudyLevel(id: string): id is StudyLevel {
  return (levelIds as readonly string[]).includes(id);
}

export const cefrLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type CefrLevel = (typeof cefrLevels)[number];
export function isCefrLevel(value: string): value is CefrLevel {
  return (cefrLevels as readonly string[]).includes(value);
}
/** A1 = 0 … native = 6, so levels compare as numbers. */
export function cefrRank(level: CefrLevel): number {
  return cefrLevels.indexOf(level);
}
