// ASEM Education Process vocabularies: themes, exchange formats, study levels, CEFR levels.
import data from './data/asem-education-themes.json' with { type: 'json' };

export interface Theme {
  id: string;
  name: string;
  group: 'strategicObjective' | 'thematicPriority' | 'transversalTheme';
}

function dedupeThemes(): Theme[] {
  const seen = new Map<string, Theme>();
  const add = (items: { id: string; name: string }[], group: Theme['group']) => {
    for (const t of items) if (!seen.has(t.id)) seen.set(t.id, { ...t, group });
  };
  add(data.strategicObjectives, 'strategicObjective');
  add(data.thematicPriorities, 'thematicPriority');
  add(data.transversalThemes, 'transversalTheme');
  return [...seen.values()];
}

export const themes: readonly Theme[] = dedupeThemes();
const themeIds = new Set(themes.map((t) => t.id));
export function isThemeId(id: string): boolean {
  return themeIds.has(id);
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
