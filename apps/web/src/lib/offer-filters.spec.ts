import { describe, expect, it } from 'vitest';
import {
  countActiveFilters,
  emptyOfferFilters,
  isFiltered,
  isIsoDate,
  offerFiltersQuery,
  offerSearchOf,
  readOfferFilters,
} from './offer-filters';

const read = (query: string, studentsOnly = false) =>
  readOfferFilters(new URLSearchParams(query), { studentsOnly });

describe('readOfferFilters', () => {
  it('reads every known filter', () => {
    const { filters, problems } = read(
      'q=climate+data&format=coil&field=061&language=EN&region=asia&country=jp&level=master' +
        '&sdg=13&theme=digitalisation&from=2026-03-01&to=2026-06-30&openToStudents=true' +
        '&institution=inst-1',
    );
    expect(problems).toEqual({});
    expect(filters).toEqual({
      q: 'climate data',
      format: 'coil',
      field: '061',
      language: 'en',
      region: 'asia',
      country: 'JP',
      level: 'master',
      sdg: 13,
      theme: 'digitalisation',
      from: '2026-03-01',
      to: '2026-06-30',
      openToStudents: true,
      institution: 'inst-1',
    });
  });

  it('accepts broad, narrow and detailed ISCED codes, and nothing else', () => {
    expect(read('field=06').filters.field).toBe('06');
    expect(read('field=061').filters.field).toBe('061');
    expect(read('field=0613').filters.field).toBe('0613');
    expect(read('field=9').filters.field).toBe('');
    expect(read('field=0699x').filters.field).toBe('');
    expect(read('field=0999').filters.field).toBe('');
  });

  it('drops values outside the vocabularies instead of failing', () => {
    const { filters, problems } = read(
      'format=teleport&language=xx&region=mars&country=US&level=kindergarten&sdg=18&theme=nope',
    );
    expect(filters).toEqual(emptyOfferFilters);
    expect(problems).toEqual({});
    expect(read('sdg=1.5').filters.sdg).toBeNull();
    expect(read('sdg=0').filters.sdg).toBeNull();
  });

  it('reads an old theme id and a language alias as the kept ones', () => {
    expect(read('theme=quality_assurance_recognition').filters.theme).toBe('recognition');
    expect(read('theme=lifelong_learning_tvet').filters.theme).toBe('lifelong_learning');
    expect(read('language=tw').filters.language).toBe('ak');
  });

  it('names a date that is not a date, and an end before the start', () => {
    expect(read('from=2026-02-30').problems).toEqual({ from: 'invalid' });
    expect(read('to=tomorrow').problems).toEqual({ to: 'invalid' });
    const reversed = read('from=2026-06-01&to=2026-05-31');
    expect(reversed.problems).toEqual({ to: 'before_start' });
    expect(reversed.filters.from).toBe('2026-06-01');
    expect(read('from=2026-06-01&to=2026-06-01').problems).toEqual({});
  });

  it('caps the text and the institution id', () => {
    expect(read(`q=${'a'.repeat(500)}`).filters.q).toHaveLength(200);
    expect(read(`institution=${'x'.repeat(65)}`).filters.institution).toBe('');
  });

  it('fixes "open to students" on the students’ page, whatever the link says', () => {
    expect(read('', true).filters.openToStudents).toBe(true);
    expect(read('openToStudents=false', true).filters.openToStudents).toBe(true);
    expect(read('openToStudents=yes').filters.openToStudents).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('knows leap years and rejects other shapes', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-1')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('counting, links and the API query', () => {
  it('counts filters but not the text search nor a fixed choice', () => {
    expect(countActiveFilters(read('q=robots').filters)).toBe(0);
    expect(isFiltered(read('q=robots').filters)).toBe(true);
    expect(countActiveFilters(read('format=coil&sdg=4&openToStudents=true').filters)).toBe(3);
    const students = read('format=coil', true).filters;
    expect(countActiveFilters(students, { studentsOnly: true })).toBe(1);
    expect(isFiltered(read('', true).filters, { studentsOnly: true })).toBe(false);
  });

  it('writes the search back into a query string that reads the same', () => {
    const { filters } = read('q=data&field=0613&sdg=4&openToStudents=true&from=2026-01-05');
    const query = offerFiltersQuery(filters, {}, { cursor: 'abc' });
    expect(query).toBe('q=data&field=0613&sdg=4&from=2026-01-05&openToStudents=true&cursor=abc');
    expect(read(query).filters).toEqual(filters);
  });

  it('leaves a fixed choice out of links but sends it to the API', () => {
    const { filters } = read('format=coil', true);
    expect(offerFiltersQuery(filters, { studentsOnly: true })).toBe('format=coil');
    expect(offerSearchOf(filters)).toMatchObject({ format: 'coil', openToStudents: true });
    expect(offerSearchOf(emptyOfferFilters)).toEqual(
      Object.fromEntries(Object.keys(offerSearchOf(emptyOfferFilters)).map((k) => [k, undefined])),
    );
  });
});
