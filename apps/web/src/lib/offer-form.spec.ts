import { describe, expect, it } from 'vitest';
import type { Offer } from '@twinning/contracts/offers';
import {
  emptyLanguageRow,
  emptyOfferFormValues,
  formKeyOf,
  offerToFormValues,
  padRows,
  placeOfferProblems,
  readOfferForm,
  rowErrors,
} from './offer-form';

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

const filled: [string, string][] = [
  ['title', '  Climate data across borders '],
  ['description', 'Students compare open climate data sets from both regions.'],
  ['format', 'coil'],
  ['fields', '0532'],
  ['fields', '0613'],
  ['fields', '0532'],
  ['sdgs', '13'],
  ['sdgs', '4'],
  ['themes', 'digitalisation'],
  ['levels', 'bachelor'],
  ['languages.0.code', ''],
  ['languages.0.level', ''],
  ['languages.0.minPartnerLevel', 'B1'],
  ['languages.1.code', 'en'],
  ['languages.1.level', 'C1'],
  ['languages.1.minPartnerLevel', 'B2'],
  ['languages.2.code', 'de'],
  ['languages.2.level', ''],
  ['languages.2.minPartnerLevel', ''],
  ['startDate', '2026-04-13'],
  ['endDate', '2026-07-17'],
  ['timeZone', 'Europe/Berlin'],
  ['windows.0.weekday', '2'],
  ['windows.0.start', '09:00'],
  ['windows.0.end', '11:00'],
  ['windows.1.weekday', ''],
  ['windows.1.start', ''],
  ['windows.1.end', ''],
  ['windows.2.weekday', '4'],
  ['windows.2.start', '14:00'],
  ['windows.2.end', ''],
  ['windows.3.weekday', 'x'],
  ['windows.3.start', '10:00'],
  ['windows.3.end', '12:00'],
  ['classSize', '30'],
  ['seekingRegion', 'asia'],
  ['openToStudents', 'on'],
];

describe('readOfferForm', () => {
  it('builds the API body, leaving out empty rows and repeated choices', () => {
    const { body, rowMap, classSizeUnreadable } = readOfferForm(formOf(filled));
    expect(classSizeUnreadable).toBe(false);
    expect(body).toEqual({
      title: 'Climate data across borders',
      description: 'Students compare open climate data sets from both regions.',
      format: 'coil',
      fields: ['0532', '0613'],
      sdgs: [13, 4],
      themes: ['digitalisation'],
      languages: [
        { code: 'en', level: 'C1', minPartnerLevel: 'B2' },
        { code: 'de', level: '', minPartnerLevel: 'B1' },
      ],
      levels: ['bachelor'],
      startDate: '2026-04-13',
      endDate: '2026-07-17',
      timeZone: 'Europe/Berlin',
      windows: [
        { weekday: 2, start: '09:00', end: '11:00' },
        { weekday: 4, start: '14:00', end: '' },
        { weekday: 0, start: '10:00', end: '12:00' },
      ],
      classSize: 30,
      seekingRegion: 'asia',
      openToStudents: true,
    });
    expect(rowMap).toEqual({ languages: [1, 2], windows: [0, 2, 3] });
  });

  it('keeps every row as typed, empty ones too, to show the form again', () => {
    const { values } = readOfferForm(formOf(filled));
    expect(values.title).toBe('  Climate data across borders ');
    expect(values.languages).toHaveLength(3);
    expect(values.languages[0]).toEqual({ code: '', level: '', minPartnerLevel: 'B1' });
    expect(values.windows).toHaveLength(4);
    expect(values.windows[3]).toEqual({ weekday: 'x', start: '10:00', end: '12:00' });
    expect(values.openToStudents).toBe(true);
  });

  it('sends 0 for a class size that is not a whole number, so the API refuses it', () => {
    const form = formOf([
      ['classSize', 'thirty'],
      ['title', 'x'],
    ]);
    const read = readOfferForm(form);
    expect(read.classSizeUnreadable).toBe(true);
    expect(read.body.classSize).toBe(0);
    expect(read.values.classSize).toBe('thirty');
    expect(readOfferForm(formOf([['classSize', '']])).classSizeUnreadable).toBe(true);
    expect(readOfferForm(formOf([['classSize', '2.5']])).classSizeUnreadable).toBe(true);
  });

  it('leaves out an unset seeking region (the API picks the other region) and reads an unticked box', () => {
    const { body } = readOfferForm(formOf([['seekingRegion', '']]));
    expect(body).not.toHaveProperty('seekingRegion');
    expect(body.openToStudents).toBe(false);
    expect(body.languages).toEqual([]);
    expect(body.windows).toEqual([]);
  });

  it('reads rows renumbered after removals and skips gaps', () => {
    const { values, rowMap } = readOfferForm(
      formOf([
        ['languages.0.code', 'ja'],
        ['languages.0.level', 'native'],
        ['languages.4.code', 'en'],
        ['languages.4.level', 'B2'],
      ]),
    );
    expect(values.languages.map((l) => l.code)).toEqual(['ja', 'en']);
    expect(rowMap.languages).toEqual([0, 1]);
  });
});

describe('placing the API’s problems on the form', () => {
  const rowMap = { languages: [1, 2], windows: [0, 2, 3] };

  it.each([
    // Row problems go back to the row the user filled.
    ['languages.1.level', 'languages.2.level'],
    ['languages.0', 'languages.1'],
    ['windows.1.end', 'windows.2.end'],
    ['windows.2', 'windows.3'],
    ['windows.9.end', 'windows'],
    ['windows', 'windows'],
    // Problems with one choice go to its group; what no field shows, nowhere.
    ['fields.0', 'fields'],
    ['fields', 'fields'],
    ['sdgs.3', 'sdgs'],
    ['themes.0', 'themes'],
    ['levels.1', 'levels'],
    ['endDate', 'endDate'],
    ['(body)', null],
    ['status', null],
  ])('places %s at %s', (apiField, formKey) => {
    expect(formKeyOf(apiField, rowMap)).toBe(formKey);
  });

  it('joins several problems of one field and keeps the unplaceable ones apart', () => {
    const placed = placeOfferProblems(
      [
        { field: 'fields.0', message: '9999 is not an ISCED-F 2013 detailed field (4 digits)' },
        { field: 'fields.2', message: 'repeats field 0613' },
        { field: 'fields.2', message: 'repeats field 0613' },
        { field: 'endDate', message: 'must be on or after the start date' },
        { field: 'languages.1.level', message: 'must be a CEFR level' },
        { field: 'status', message: 'is not a known field' },
      ],
      rowMap,
    );
    expect(placed.fieldErrors).toEqual({
      fields: '9999 is not an ISCED-F 2013 detailed field (4 digits). Repeats field 0613.',
      endDate: 'Must be on or after the start date',
      'languages.2.level': 'Must be a CEFR level',
    });
    expect(placed.unplaced).toEqual(['Is not a known field']);
  });

  it('names windows by their rows on the form', () => {
    const placed = placeOfferProblems([{ field: 'windows.1', message: 'overlaps window 1' }], {
      languages: [],
      windows: [2, 3],
    });
    expect(placed.fieldErrors).toEqual({ 'windows.3': 'Overlaps window 3' });
  });

  it('finds the problems of one row', () => {
    const errors = {
      'windows.1': 'Overlaps window 1',
      'windows.1.end': 'Must be a time HH:MM',
      'windows.10.end': 'other row',
      windows: 'name at most 14',
    };
    expect(rowErrors(errors, 'windows', 1)).toEqual({
      '': 'Overlaps window 1',
      end: 'Must be a time HH:MM',
    });
    expect(rowErrors(errors, 'languages', 1)).toEqual({});
  });
});

describe('form values', () => {
  it('fills the form from an offer', () => {
    const offer: Offer = {
      id: 'o1',
      institutionId: 'i1',
      ownerId: 'u1',
      title: 'T',
      description: 'D',
      format: 'coil',
      fields: ['0613'],
      sdgs: [4, 13],
      themes: [],
      languages: [{ code: 'en', level: 'C1', minPartnerLevel: 'B2' }],
      levels: ['master'],
      startDate: '2026-04-13',
      endDate: '2026-07-17',
      timeZone: 'Asia/Tokyo',
      windows: [{ weekday: 3, start: '16:00', end: '17:30' }],
      classSize: 25,
      seekingRegion: 'europe',
      openToStudents: false,
      status: 'open',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(offerToFormValues(offer)).toMatchObject({
      sdgs: ['4', '13'],
      windows: [{ weekday: '3', start: '16:00', end: '17:30' }],
      classSize: '25',
      seekingRegion: 'europe',
    });
  });

  it('starts empty with the given zone and region', () => {
    const values = emptyOfferFormValues({ timeZone: 'Asia/Bangkok', seekingRegion: 'europe' });
    expect(values.timeZone).toBe('Asia/Bangkok');
    expect(values.seekingRegion).toBe('europe');
    expect(values.fields).toEqual([]);
  });

  it('pads rows', () => {
    expect(padRows([], 3, emptyLanguageRow)).toHaveLength(3);
    const rows = padRows([{ code: 'en', level: 'B2', minPartnerLevel: 'B1' }], 3, emptyLanguageRow);
    expect(rows[0]?.code).toBe('en');
    expect(rows[2]).toEqual({ code: '', level: '', minPartnerLevel: 'B1' });
    expect(padRows([1, 2, 3, 4], 2, () => 0)).toEqual([1, 2, 3, 4]);
  });
});
