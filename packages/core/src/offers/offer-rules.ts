// What makes an offer valid: every field of API.md against its vocabulary and range. Returns
// every problem at once, each naming its field, so a form can show them all.
import { isIscedDetailed } from '../vocabulary/isced.ts';
import { canonicalLanguageCode, isLanguageCode } from '../vocabulary/languages.ts';
import { isSdg } from '../vocabulary/sdgs.ts';
import {
  isCefrLevel,
  isFormat,
  isStudyLevel,
  canonicalThemeIds,
  isThemeId,
  type CefrLevel,
  type Format,
  type StudyLevel,
} from '../vocabulary/themes.ts';
import { isTimeZone } from '../vocabulary/time-zones.ts';
import type { Region } from '../vocabulary/countries.ts';
import { isIsoDate } from './dates.ts';

export type SeekingRegion = Region | 'any';

export interface OfferLanguage {
  code: string;
  level: CefrLevel;
  minPartnerLevel: CefrLevel;
}

export interface WeeklyWindow {
  /** 1 = Monday … 7 = Sunday, in the offer's own time zone. */
  weekday: number;
  /** `HH:MM`. */
  start: string;
  /** `HH:MM`; earlier than `start` means the window runs past midnight. */
  end: string;
}

/** The fields a lecturer writes; everything else (ids, status, dates of record) the platform sets. */
export interface OfferContent {
  title: string;
  description: string;
  format: Format;
  fields: string[];
  sdgs: number[];
  themes: string[];
  languages: OfferLanguage[];
  levels: StudyLevel[];
  startDate: string;
  endDate: string;
  timeZone: string;
  windows: WeeklyWindow[];
  classSize: number;
  seekingRegion: SeekingRegion;
  openToStudents: boolean;
}

/** What arrives from a client: shapes checked, meaning not yet. */
export interface OfferInput {
  title?: string;
  description?: string;
  format?: string;
  fields?: string[];
  sdgs?: number[];
  themes?: string[];
  languages?: { code: string; level: string; minPartnerLevel?: string }[];
  levels?: string[];
  startDate?: string;
  endDate?: string;
  timeZone?: string;
  windows?: { weekday: number; start: string; end: string }[];
  classSize?: number;
  seekingRegion?: string;
  openToStudents?: boolean;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const offerLimits = {
  titleMin: 5,
  titleMax: 200,
  descriptionMin: 20,
  descriptionMax: 5000,
  fieldsMax: 5,
  languagesMax: 5,
  windowsMax: 14,
  classSizeMin: 1,
  classSizeMax: 1000,
  /** A COIL term longer than this is surely a typo. */
  termDaysMax: 400,
} as const;

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOfDay(time: string): number {
  // `HH:MM`, validated on the way in; read by position, as matching asks this millions of times.
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A window's length in minutes, across midnight when it ends before it starts. */
export function windowMinutes(window: WeeklyWindow): number {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  return end > start ? end - start : 24 * 60 - start + end;
}

/** Minutes from Monday 00:00 of the week: [start, end), end may pass the week's end. */
function weekSpan(window: WeeklyWindow): [number, number] {
  const start = (window.weekday - 1) * 1440 + minutesOfDay(window.start);
  return [start, start + windowMinutes(window)];
}

function spansOverlap(a: [number, number], b: [number, number]): boolean {
  const week = 7 * 1440;
  // Compare on the circle of the week: a window on Sunday night may run into Monday.
  return [-week, 0, week].some((shift) => a[0] < b[1] + shift && b[0] + shift < a[1]);
}

function uniqueProblems<T>(values: T[], field: string, problems: FieldProblem[], what: string) {
  const seen = new Set<T>();
  values.forEach((v, i) => {
    if (seen.has(v))
      problems.push({ field: `${field}.${i}`, message: `repeats ${what} ${String(v)}` });
    seen.add(v);
  });
}

/**
 * Validates a whole offer (create) and fills defaults: `minPartnerLevel` B1, `seekingRegion` the
 * other region than the institution's, `openToStudents` false.
 */
export function validateOffer(
  input: OfferInput,
  context: { institutionRegion: Region; today?: string },
): { ok: true; offer: OfferContent } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const required = <K extends keyof OfferInput>(key: K): OfferInput[K] => {
    const value = input[key];
    if (value === undefined || value === null) add(key, 'is required');
    return value;
  };

  const title = required('title')?.trim() ?? '';
  if (
    input.title !== undefined &&
    (title.length < offerLimits.titleMin || title.length > offerLimits.titleMax)
  ) {
    add('title', `must be ${offerLimits.titleMin}–${offerLimits.titleMax} characters`);
  }
  const description = required('description')?.trim() ?? '';
  if (
    input.description !== undefined &&
    (description.length < offerLimits.descriptionMin ||
      description.length > offerLimits.descriptionMax)
  ) {
    add(
      'description',
      `must be ${offerLimits.descriptionMin}–${offerLimits.descriptionMax} characters`,
    );
  }
  const format = required('format');
  if (format !== undefined && !isFormat(format)) {
    add('format', 'must be one of: coil, virtual_exchange, virtual_mobility, blended_mobility');
  }

  const fields = required('fields') ?? [];
  if (input.fields !== undefined && fields.length === 0)
    add('fields', 'name at least one ISCED-F field');
  if (fields.length > offerLimits.fieldsMax)
    add('fields', `name at most ${offerLimits.fieldsMax} fields`);
  fields.forEach((code, i) => {
    if (!isIscedDetailed(code))
      add(`fields.${i}`, `${code} is not an ISCED-F 2013 detailed field (4 digits)`);
  });
  uniqueProblems(fields, 'fields', problems, 'field');

  const sdgs = input.sdgs ?? [];
  sdgs.forEach((n, i) => {
    if (!isSdg(n)) add(`sdgs.${i}`, 'must be an SDG number from 1 to 17');
  });
  uniqueProblems(sdgs, 'sdgs', problems, 'SDG');

  const themes = input.themes ?? [];
  themes.forEach((id, i) => {
    if (!isThemeId(id)) add(`themes.${i}`, `${id} is not an ASEM education theme`);
  });
  uniqueProblems(themes, 'themes', problems, 'theme');
  // An alias and the theme it names are one choice: stored once, under the kept id.
  const keptThemes = canonicalThemeIds(themes);

  const rawLanguages = required('languages') ?? [];
  if (input.languages !== undefined && rawLanguages.length === 0)
    add('languages', 'name at least one language of work');
  if (rawLanguages.length > offerLimits.languagesMax)
    add('languages', `name at most ${offerLimits.languagesMax} languages`);
  const languages: OfferLanguage[] = rawLanguages.map((l, i) => {
    const given = l.code.trim().toLowerCase();
    if (!isLanguageCode(given))
      add(`languages.${i}.code`, `${l.code} is not an ISO 639-1 language code`);
    // Stored under the code it is offered as (`tw` is named, filtered and matched as `ak`).
    const code = canonicalLanguageCode(given);
    if (!isCefrLevel(l.level))
      add(`languages.${i}.level`, 'must be a CEFR level: A1, A2, B1, B2, C1, C2 or native');
    const minPartnerLevel = l.minPartnerLevel ?? 'B1';
    if (!isCefrLevel(minPartnerLevel)) {
      add(
        `languages.${i}.minPartnerLevel`,
        'must be a CEFR level: A1, A2, B1, B2, C1, C2 or native',
      );
    }
    return { code, level: l.level as CefrLevel, minPartnerLevel: minPartnerLevel as CefrLevel };
  });
  uniqueProblems(
    languages.map((l) => l.code),
    'languages',
    problems,
    'language',
  );

  const levels = required('levels') ?? [];
  if (input.levels !== undefined && levels.length === 0)
    add('levels', 'name at least one study level');
  levels.forEach((id, i) => {
    if (!isStudyLevel(id))
      add(
        `levels.${i}`,
        `${id} is not a study level (bachelor, master, doctoral, short_cycle, tvet, lifelong)`,
      );
  });
  uniqueProblems(levels, 'levels', problems, 'level');

  const startDate = required('startDate') ?? '';
  const endDate = required('endDate') ?? '';
  const startOk = input.startDate !== undefined && isIsoDate(startDate);
  const endOk = input.endDate !== undefined && isIsoDate(endDate);
  if (input.startDate !== undefined && !startOk) add('startDate', 'must be a date YYYY-MM-DD');
  if (input.endDate !== undefined && !endOk) add('endDate', 'must be a date YYYY-MM-DD');
  if (startOk && endOk) {
    if (startDate > endDate) add('endDate', 'must be on or after the start date');
    else if (context.today && endDate < context.today) add('endDate', 'must not be in the past');
    else if (Date.parse(endDate) - Date.parse(startDate) > offerLimits.termDaysMax * 86_400_000) {
      add('endDate', `the term may run at most ${offerLimits.termDaysMax} days`);
    }
  }

  const timeZone = required('timeZone') ?? '';
  if (input.timeZone !== undefined && !isTimeZone(timeZone))
    add('timeZone', `${timeZone} is not an IANA time zone`);

  const windows = input.windows ?? [];
  if (windows.length > offerLimits.windowsMax)
    add('windows', `name at most ${offerLimits.windowsMax} weekly windows`);
  const goodWindows: { index: number; span: [number, number] }[] = [];
  windows.forEach((w, i) => {
    let good = true;
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) {
      add(`windows.${i}.weekday`, 'must be 1 (Monday) to 7 (Sunday)');
      good = false;
    }
    if (!timePattern.test(w.start)) {
      add(`windows.${i}.start`, 'must be a time HH:MM');
      good = false;
    }
    if (!timePattern.test(w.end)) {
      add(`windows.${i}.end`, 'must be a time HH:MM');
      good = false;
    }
    if (good && w.start === w.end) {
      add(`windows.${i}.end`, 'must differ from the start');
      good = false;
    }
    if (good) {
      const span = weekSpan(w);
      const clash = goodWindows.find((g) => spansOverlap(g.span, span));
      if (clash) add(`windows.${i}`, `overlaps window ${clash.index + 1}`);
      else goodWindows.push({ index: i, span });
    }
  });

  const classSize = required('classSize');
  if (
    classSize !== undefined &&
    (!Number.isInteger(classSize) ||
      classSize < offerLimits.classSizeMin ||
      classSize > offerLimits.classSizeMax)
  ) {
    add(
      'classSize',
      `must be a whole number from ${offerLimits.classSizeMin} to ${offerLimits.classSizeMax}`,
    );
  }

  const seekingRegion =
    input.seekingRegion ?? (context.institutionRegion === 'asia' ? 'europe' : 'asia');
  if (!['asia', 'europe', 'any'].includes(seekingRegion))
    add('seekingRegion', 'must be asia, europe or any');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    offer: {
      title,
      description,
      format: format as Format,
      fields,
      sdgs: [...sdgs].sort((a, b) => a - b),
      themes: keptThemes,
      languages,
      levels: levels as StudyLevel[],
      startDate,
      endDate,
      timeZone,
      windows: [...windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
      classSize: classSize as number,
      seekingRegion: seekingRegion as SeekingRegion,
      openToStudents: input.openToStudents ?? false,
    },
  };
}

/** A partial update: the stored offer with the changes laid over it, validated as a whole. */
export function mergeOfferPatch(current: OfferContent, patch: OfferInput): OfferInput {
  const merged: OfferInput = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof OfferInput, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
