import { describe, expect, it } from 'vitest';
import {
  activePreset,
  periodPresets,
  queryString,
  readFilters,
  readIsoDate,
  readView,
  viewQuery,
} from './filters';

describe('readIsoDate', () => {
  it('keeps real calendar days only', () => {
    expect(readIsoDate('2026-02-28')).toBe('2026-02-28');
    expect(readIsoDate('2026-02-30')).toBeNull();
    expect(readIsoDate('2026-2-3')).toBeNull();
    expect(readIsoDate('')).toBeNull();
    expect(readIsoDate(null)).toBeNull();
  });
});

describe('readFilters and readView', () => {
  it('reads the period and region, turning a backwards period round', () => {
    const params = new URLSearchParams('from=2026-06-01&to=2026-01-01&region=asia');
    expect(readFilters(params)).toEqual({ from: '2026-01-01', to: '2026-06-01', region: 'asia' });
  });

  it('drops unknown values', () => {
    const view = readView(new URLSearchParams('by=planet&region=mars&field=07'));
    expect(view).toEqual({ from: null, to: null, region: null, by: 'country', field: null });
  });

  it('keeps a broad field only when the table is by field', () => {
    expect(readView(new URLSearchParams('by=field&field=07')).field).toBe('07');
    expect(readView(new URLSearchParams('by=field&field=071')).field).toBeNull();
  });

  it('writes the non-empty values back as a query string', () => {
    const view = readView(new URLSearchParams('by=sdg&from=2026-01-01'));
    expect(queryString(viewQuery(view))).toBe('by=sdg&from=2026-01-01');
  });
});

describe('periodPresets', () => {
  const today = new Date(Date.UTC(2026, 10, 29, 5, 0));

  it('offers all time, the last 12 months and this year', () => {
    expect(periodPresets(today)).toEqual([
      { id: 'all', from: null, to: null },
      { id: 'last12', from: '2025-11-30', to: '2026-11-29' },
      { id: 'year', from: '2026-01-01', to: '2026-11-29' },
    ]);
  });

  it('names the preset the filters match', () => {
    const presets = periodPresets(today);
    expect(activePreset({ from: null, to: null, region: 'asia' }, presets)).toBe('all');
    expect(activePreset({ from: '2026-01-01', to: '2026-11-29', region: null }, presets)).toBe(
      'year',
    );
    expect(activePreset({ from: '2026-01-02', to: null, region: null }, presets)).toBeNull();
  });
});
