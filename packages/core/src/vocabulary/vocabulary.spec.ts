import { describe, expect, it } from 'vitest';
import { countries, findCountry, isAsemCountry, regionOf } from './countries.ts';
import { iscedAncestors, iscedDetailed, iscedName, isIscedCode, isIscedDetailed } from './isced.ts';
import {
  canonicalLanguageCode,
  isLanguageCode,
  languageCodes,
  languageCodesMeaning,
  languageName,
} from './languages.ts';
import { isSdg, sdgs } from './sdgs.ts';
import {
  canonicalThemeId,
  canonicalThemeIds,
  cefrRank,
  findTheme,
  formats,
  isCefrLevel,
  isFormat,
  isStudyLevel,
  isThemeId,
  themeIdsMeaning,
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
  it('offers each ASEM theme once: a thematic priority that repeats an objective is merged', () => {
    expect(themes.map((t) => t.id)).toEqual([
      'balanced_mobility',
      'lifelong_learning',
      'skills',
      'recognition',
      'business_industry',
      'digitalisation',
      'sustainable_development',
    ]);
    // No two themes share a key word of their names (the old list had "recognition" and
    // "lifelong learning" twice each).
    const keyWords = themes.flatMap((t) =>
      [...new Set(t.name.toLowerCase().match(/[a-z]{6,}/g) ?? [])].filter(
        (w) => !['education', 'including'].includes(w),
      ),
    );
    expect(keyWords.filter((w, i) => keyWords.indexOf(w) !== i)).toEqual([]);
    expect(new Set(themes.map((t) => t.name)).size).toBe(themes.length);
  });
  it('keeps the merged ids valid, meaning the theme they were merged into', () => {
    expect(isThemeId('quality_assurance_recognition')).toBe(true);
    expect(isThemeId('lifelong_learning_tvet')).toBe(true);
    expect(canonicalThemeId('quality_assurance_recognition')).toBe('recognition');
    expect(canonicalThemeId('lifelong_learning_tvet')).toBe('lifelong_learning');
    expect(canonicalThemeId('skills')).toBe('skills');
    expect(canonicalThemeIds(['recognition', 'quality_assurance_recognition', 'skills'])).toEqual([
      'recognition',
      'skills',
    ]);
    expect(themeIdsMeaning('recognition').sort()).toEqual(
      ['quality_assurance_recognition', 'recognition'].sort(),
    );
    expect(themeIdsMeaning('lifelong_learning_tvet').sort()).toEqual(
      ['lifelong_learning', 'lifelong_learning_tvet'].sort(),
    );
    expect(findTheme('lifelong_learning_tvet')?.name).toBe('Lifelong learning, including TVET');
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
  it('offers each language once under one name, in every locale of the interface', () => {
    for (const locale of ['en', 'zh', 'ja', 'ko', 'vi', 'th', 'id', 'fr', 'de', 'es']) {
      const names = languageCodes.map((code) => languageName(code, locale));
      const repeated = names.filter((name, i) => names.indexOf(name) !== i);
      expect(repeated, locale).toEqual([]);
    }
  });
  it('keeps Twi valid as the Akan it is named after', () => {
    // ICU names both `ak` and `tw` "Akan": `tw` is not offered, but accepted and read as `ak`.
    expect(languageCodes).toContain('ak');
    expect(languageCodes).not.toContain('tw');
    expect(isLanguageCode('tw')).toBe(true);
    expect(canonicalLanguageCode('tw')).toBe('ak');
    expect(canonicalLanguageCode('en')).toBe('en');
    expect(languageCodesMeaning('ak').sort()).toEqual(['ak', 'tw']);
  });
  it('accepts IANA zones, including half-hour ones, and refuses others', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(isTimeZone('Asia/Yangon')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
