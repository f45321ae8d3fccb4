import { describe, expect, it } from 'vitest';
import { validateProfilePatch } from './profile.ts';

const fieldsOf = (result: ReturnType<typeof validateProfilePatch>) =>
  result.ok ? [] : result.problems.map((p) => p.field).sort();

describe('validateProfilePatch', () => {
  it('keeps only the fields given, trimmed, and clears an empty title or bio', () => {
    expect(validateProfilePatch({ name: '  Ana Silva ', title: '  ', bio: ' Teaches. ' })).toEqual({
      ok: true,
      patch: { name: 'Ana Silva', title: null, bio: 'Teaches.' },
    });
    expect(validateProfilePatch({})).toEqual({ ok: true, patch: {} });
  });

  it('stores languages under their kept code and accepts every CEFR level', () => {
    const result = validateProfilePatch({
      languages: [
        { code: 'EN', level: 'C2' },
        { code: 'tw', level: 'native' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      patch: {
        languages: [
          { code: 'en', level: 'C2' },
          { code: 'ak', level: 'native' },
        ],
      },
    });
  });

  it('names every bad field at once', () => {
    const result = validateProfilePatch({
      name: ' ',
      title: 'x'.repeat(81),
      bio: 'x'.repeat(2001),
      languages: [
        { code: 'xx', level: 'B2' },
        { code: 'de', level: 'fluent' },
        { code: 'de', level: 'B1' },
      ],
      timeZone: 'Mars/Olympus',
      locale: 'pt',
      emailNotifications: 'weekly',
    });
    expect(fieldsOf(result)).toEqual([
      'bio',
      'emailNotifications',
      'languages.0.code',
      'languages.1.level',
      'languages.2.code',
      'locale',
      'name',
      'timeZone',
      'title',
    ]);
  });

  it('accepts IANA zones, supported locales and null to clear them', () => {
    expect(
      validateProfilePatch({
        timeZone: 'Asia/Ho_Chi_Minh',
        locale: 'vi',
        emailNotifications: 'off',
      }),
    ).toEqual({
      ok: true,
      patch: { timeZone: 'Asia/Ho_Chi_Minh', locale: 'vi', emailNotifications: 'off' },
    });
    expect(validateProfilePatch({ timeZone: null, locale: null })).toEqual({
      ok: true,
      patch: { timeZone: null, locale: null },
    });
  });

  it('refuses more than ten languages', () => {
    const languages = 'en de fr es it nl pl pt sv da fi'
      .split(' ')
      .map((code) => ({ code, level: 'B2' }));
    expect(fieldsOf(validateProfilePatch({ languages }))).toEqual(['languages']);
  });
});
