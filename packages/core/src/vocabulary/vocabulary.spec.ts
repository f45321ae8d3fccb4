import { describe, expect, it } from 'vitest';
import { countries, findCountry, isAsemCountry, regionOf } from './countries.ts';
import { iscedAncestors, iscedDetailed, iscedName, isIscedCode, isIscedDetailed } from './isced.ts';
import { isLanguageCode, languageCodes, languageName } from './languages.ts';
import { isSdg, sdgs } from './sdgs.ts';
import {
  cefrRank,
  formats,
  isCefrLevel,
  isFormat,
  isStudyLevel,
  isThemeId,
  themes,
} from './themes.ts';
import { isTimeZone } from './time-zones.ts';

describe('ASEM countries', () => {
  it('has 30 European and 21 Asian partners', () => {
    expect(countries).toHaveLength(51);
    expect(countries.filter((c) => c.region === 'europe')).toHaveLength(30);
    expect(countries.filter((c) => c.region === 'asia')).toHaveLength(21);
  });
  it('finds by code in any case and knows the region', () => {
    expect(findCountry('de')?.name).toBe('Germany');
    expect(regionOf('JP')).toBe('asia');
    expect(regionOf('RU')).toBe('asia');
    expect(isAsemCountry('US')).toBe(false);
  });
  it('lists only time zones the runtime knows', () => {
    for (const c of countries) for (const z of c.timeZones) expect(isTimeZone(z), z).toBe(true);
  });
});

describe('ISCED-F 2013', () => {
  it('links every detailed field to its narrow and broad field', () => {
    expect(iscedDetailed.length).toBe(80);
    for (const f of iscedDetailed) {
      expect(iscedAncestors(f.code)).toEqual({ narrow: f.narrow, broad: f.broad });
      expect(isIscedCode(f.narrow) && isIscedCode(f.broad)).toBe(true);
    }
  });
  it('tells detailed codes from the others', () => {
    expect(isIscedDetailed('0613')).toBe(true);
    expect(isIscedDetailed('061')).toBe(false);
    expect(isIscedCode('06')).toBe(true);
    expect(isIscedCode('9999')).toBe(false);
    expect(iscedName('0613')).toMatch(/Software/);
  });
});

describe('other vocabularies', () => {
  it('has 17 SDGs', () => {
    expect(sdgs).toHaveLength(17);
    expect(isSdg(17)).toBe(true);
    expect(isSdg(0) || isSdg(18) || isSdg(1.5)).toBe(false);
  });
  it('has themes without duplicates', () => {
    expect(new Set(themes.map((t) => t.id)).size).toBe(themes.length);
    expect(isThemeId('digitalisation')).toBe(true);
    expect(isThemeId('balanced_mobility')).toBe(true);
    expect(isThemeId('cooking')).toBe(false);
  });
  it('has the four formats and six levels', () => {
    expect(formats.map((f) => f.id)).toEqual([
      'coil',
      'virtual_exchange',
      'virtual_mobility',
      'blended_mobility',
    ]);
    expect(isFormat('coil') && !isFormat('mooc')).toBe(true);
    expect(isStudyLevel('master') && !isStudyLevel('kindergarten')).toBe(true);
  });
  it('orders CEFR levels up to native', () => {
    expect(cefrRank('A1')).toBeLessThan(cefrRank('B2'));
    expect(cefrRank('C2')).toBeLessThan(cefrRank('native'));
    expect(isCefrLevel('B3')).toBe(false);
  });
  it('knows ISO 639-1 codes and names them', () => {
    expect(languageCodes.length).toBeGreaterThanOrEqual(180);
    expect(new Set(languageCodes).size).toBe(languageCodes.length);
    expect(isLanguageCode('km') && isLanguageCode('zh') && !isLanguageCode('xx')).toBe(true);
    expect(languageName('de')).toBe('German');
    expect(languageName('ja', 'de')).toBe('Japanisch');
  });
  it('accepts IANA zones, including half-hour ones, and refuses others', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Asia/Yangon')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
