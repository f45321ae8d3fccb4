// The offer authoring form as data: what it holds (strings, as typed), how a submitted form
// becomes the API's body, and where each of the API's field problems goes back on the form.
// Rows of languages and windows may be left empty (the form shows a few without JavaScript);
// the API numbers only the rows sent, so problems are moved back to the row the user filled.
import type { Offer, OfferBody } from '@twinning/contracts/offers';

/** Why an account cannot post offers (yet). */
export type AuthoringRefusal =
  | 'role'
  | 'no_institution'
  | 'affiliation_pending'
  | 'affiliation_refused'
  | 'institution_unverified'
  | 'unavailable';

export interface LanguageRow {
  code: string;
  level: string;
  minPartnerLevel: string;
}

export interface WindowRow {
  weekday: string;
  start: string;
  end: string;
}

export interface OfferFormValues {
  title: string;
  description: string;
  format: string;
  fields: string[];
  sdgs: string[];
  themes: string[];
  levels: string[];
  languages: LanguageRow[];
  startDate: string;
  endDate: string;
  timeZone: string;
  windows: WindowRow[];
  classSize: string;
  seekingRegion: string;
  openToStudents: boolean;
}

/** Rows the form shows without JavaScript (empty ones are ignored). */
export const languageRowsWithoutScript = 3;
export const windowRowsWithoutScript = 4;
/** Highest row index read from a submitted form. */
const maxRows = 30;

export const defaultMinPartnerLevel = 'B1';

export const emptyLanguageRow = (): LanguageRow => ({
  code: '',
  level: '',
  minPartnerLevel: defaultMinPartnerLevel,
});
export const emptyWindowRow = (): WindowRow => ({ weekday: '', start: '', end: '' });

export function isEmptyLanguageRow(row: LanguageRow): boolean {
  return row.code.trim() === '' && row.level.trim() === '';
}

export function isEmptyWindowRow(row: WindowRow): boolean {
  return row.weekday.trim() === '' && row.start.trim() === '' && row.end.trim() === '';
}

/** `rows` followed by empty rows up to `count`. */
export function padRows<T>(rows: readonly T[], count: number, empty: () => T): T[] {
  const padded = [...rows];
  while (padded.length < count) padded.push(empty());
  return padded;
}

export function emptyOfferFormValues(defaults: {
  timeZone: string;
  seekingRegion: string;
}): OfferFormValues {
  return {
    title: '',
    description: '',
    format: '',
    fields: [],
    sdgs: [],
    themes: [],
    levels: [],
    languages: [],
    startDate: '',
    endDate: '',
    timeZone: defaults.timeZone,
    windows: [],
    classSize: '',
    seekingRegion: defaults.seekingRegion,
    openToStudents: false,
  };
}

export function offerToFormValues(offer: Offer): OfferFormValues {
  return {
    title: offer.title,
    description: offer.description,
    format: offer.format,
    fields: [...offer.fields],
    sdgs: offer.sdgs.map(String),
    themes: [...offer.themes],
    levels: [...offer.levels],
    languages: offer.languages.map((l) => ({
      code: l.code,
      level: l.level,
      minPartnerLevel: l.minPartnerLevel,
    })),
    startDate: offer.startDate,
    endDate: offer.endDate,
    timeZone: offer.timeZone,
    windows: offer.windows.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end })),
    classSize: String(offer.classSize),
    seekingRegion: offer.seekingRegion,
    openToStudents: offer.openToStudents,
  };
}

/** Which submitted row each row of the API's body came from. */
export interface RowMap {
  languages: number[];
  windows: number[];
}

export interface ReadOfferForm {
  values: OfferFormValues;
  body: OfferBody;
  rowMap: RowMap;
  /** The class size was not a whole number; the body carries 0 so the API refuses it too. */
  classSizeUnreadable: boolean;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Reads a submitted authoring form into the values to show again and the API's body. */
export function readOfferForm(form: FormData): ReadOfferForm {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const all = (name: string) =>
    unique(
      form
        .getAll(name)
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    );

  const languages: LanguageRow[] = [];
  const windows: WindowRow[] = [];
  for (let i = 0; i < maxRows; i += 1) {
    if (form.has(`languages.${i}.code`) || form.has(`languages.${i}.level`)) {
      languages.push({
        code: text(`languages.${i}.code`).trim(),
        level: text(`languages.${i}.level`).trim(),
        minPartnerLevel: text(`languages.${i}.minPartnerLevel`).trim() || defaultMinPartnerLevel,
      });
    }
    if (form.has(`windows.${i}.weekday`) || form.has(`windows.${i}.start`)) {
      windows.push({
        weekday: text(`windows.${i}.weekday`).trim(),
        start: text(`windows.${i}.start`).trim(),
        end: text(`windows.${i}.end`).trim(),
      });
    }
  }

  const values: OfferFormValues = {
    title: text('title'),
    description: text('description'),
    format: text('format').trim(),
    fields: all('fields'),
    sdgs: all('sdgs'),
    themes: all('themes'),
    levels: all('levels'),
    languages,
    startDate: text('startDate').trim(),
    endDate: text('endDate').trim(),
    timeZone: text('timeZone').trim(),
    windows,
    classSize: text('classSize').trim(),
    seekingRegion: text('seekingRegion').trim(),
    openToStudents: form.has('openToStudents'),
  };

  const rowMap: RowMap = { languages: [], windows: [] };
  const bodyLanguages: OfferBody['languages'] = [];
  languages.forEach((row, index) => {
    if (isEmptyLanguageRow(row)) return;
    rowMap.languages.push(index);
    bodyLanguages.push({
      code: row.code,
      level: row.level,
      minPartnerLevel: row.minPartnerLevel,
    });
  });
  const bodyWindows: NonNullable<OfferBody['windows']> = [];
  windows.forEach((row, index) => {
    if (isEmptyWindowRow(row)) return;
    rowMap.windows.push(index);
    const weekday = /^[1-7]$/.test(row.weekday) ? Number(row.weekday) : 0;
    bodyWindows.push({ weekday, start: row.start, end: row.end });
  });

  const classSizeUnreadable = !/^\d{1,7}$/.test(values.classSize);
  const body: OfferBody = {
    title: values.title.trim(),
    description: values.description.trim(),
    format: values.format,
    fields: values.fields,
    sdgs: values.sdgs.filter((n) => /^\d{1,3}$/.test(n)).map(Number),
    themes: values.themes,
    languages: bodyLanguages,
    levels: values.levels,
    startDate: values.startDate,
    endDate: values.endDate,
    timeZone: values.timeZone,
    windows: bodyWindows,
    classSize: classSizeUnreadable ? 0 : Number(values.classSize),
    openToStudents: values.openToStudents,
  };
  if (values.seekingRegion) body.seekingRegion = values.seekingRegion;
  return { values, body, rowMap, classSizeUnreadable };
}

/** Form keys a problem may land on besides the rows (`languages.2.level`, `windows.0`). */
const topLevelKeys = new Set([
  'title',
  'description',
  'format',
  'fields',
  'sdgs',
  'themes',
  'levels',
  'languages',
  'startDate',
  'endDate',
  'timeZone',
  'windows',
  'classSize',
  'seekingRegion',
  'openToStudents',
]);
/** Groups of checkboxes: a problem with one item (`fields.3`) is shown at the group. */
const groupKeys = new Set(['fields', 'sdgs', 'themes', 'levels']);

export interface PlacedProblems {
  /** Form key → message: `title`, `fields`, `languages.2.level`, `windows.1`, … */
  fieldErrors: Record<string, string>;
  /** Problems no field of the form can show. */
  unplaced: string[];
}

function asSentence(message: string): string {
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}

/** The form key for one of the API's field paths, or null when the form has no such field. */
export function formKeyOf(field: string, rowMap: RowMap): string | null {
  const [head = '', index, ...rest] = field.split('.');
  if (!topLevelKeys.has(head)) return null;
  if (index === undefined || groupKeys.has(head)) return head;
  if (head !== 'languages' && head !== 'windows') return head;
  if (!/^\d+$/.test(index)) return head;
  const row = rowMap[head][Number(index)];
  if (row === undefined) return head;
  return [head, String(row), ...rest].join('.');
}

/** "overlaps window 1" names the API's window 1, which may be another row on the form. */
function renumberWindows(message: string, rowMap: RowMap): string {
  return message.replace(/\bwindow (\d+)\b/g, (whole, number: string) => {
    const row = rowMap.windows[Number(number) - 1];
    return row === undefined ? whole : `window ${row + 1}`;
  });
}

/** Puts each of the API's problems next to its field; several for one field are joined. */
export function placeOfferProblems(
  details: readonly { field: string; message: string }[],
  rowMap: RowMap,
): PlacedProblems {
  const byKey = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const { field, message } of details) {
    const key = formKeyOf(field, rowMap);
    const sentence = asSentence(renumberWindows(message, rowMap));
    if (key === null) {
      if (!unplaced.includes(sentence)) unplaced.push(sentence);
      continue;
    }
    const list = byKey.get(key) ?? [];
    if (!list.includes(sentence)) list.push(sentence);
    byKey.set(key, list);
  }
  const fieldErrors: Record<string, string> = {};
  for (const [key, messages] of byKey) {
    fieldErrors[key] =
      messages.length === 1
        ? (messages[0] ?? '')
        : messages.map((m) => (/[.!?]$/.test(m) ? m : `${m}.`)).join(' ');
  }
  return { fieldErrors, unplaced };
}

/** The keys of `errors` that concern one row (`languages.1`, `languages.1.code`, …). */
export function rowErrors(
  errors: Record<string, string>,
  list: 'languages' | 'windows',
  index: number,
): Record<string, string> {
  const prefix = `${list}.${index}`;
  const found: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === prefix) found[''] = message;
    else if (key.startsWith(`${prefix}.`)) found[key.slice(prefix.length + 1)] = message;
  }
  return found;
}
