// What a person may write on their profile and settings (PATCH /api/me): every field checked
// against its vocabulary and length, every problem named at once, so the settings form shows
// them all beside their fields.
import { nameMaxLength } from '../accounts/credentials.ts';
import { canonicalLanguageCode, isLanguageCode } from '../vocabulary/languages.ts';
import { isCefrLevel, type CefrLevel } from '../vocabulary/themes.ts';
import { isTimeZone } from '../vocabulary/time-zones.ts';

/** The languages pages and mails are served in (API.md, "Languages"). */
export const supportedLocales = [
  'en',
  'zh',
  'ja',
  'ko',
  'vi',
  'th',
  'id',
  'fr',
  'de',
  'es',
] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export function isSupportedLocale(value: string): value is SupportedLocale {
  return (supportedLocales as readonly string[]).includes(value);
}

export const emailNotificationChoices = ['instant', 'daily', 'off'] as const;
export type EmailNotifications = (typeof emailNotificationChoices)[number];

export const profileLimits = {
  nameMax: nameMaxLength,
  titleMax: 80,
  bioMax: 2000,
  languagesMax: 10,
} as const;

export interface ProfileLanguage {
  code: string;
  level: CefrLevel;
}

/** As it arrives: any field may be missing; `null` clears the optional ones. */
export interface ProfilePatchInput {
  name?: string;
  title?: string | null;
  bio?: string | null;
  languages?: { code: string; level: string }[];
  timeZone?: string | null;
  locale?: string | null;
  emailNotifications?: string;
}

/** As stored: only the fields given, trimmed; an empty title or bio is null. */
export interface ProfilePatch {
  name?: string;
  title?: string | null;
  bio?: string | null;
  languages?: ProfileLanguage[];
  timeZone?: string | null;
  locale?: SupportedLocale | null;
  emailNotifications?: EmailNotifications;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export function validateProfilePatch(
  input: ProfilePatchInput,
): { ok: true; patch: ProfilePatch } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const patch: ProfilePatch = {};

  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name.length === 0) add('name', 'must not be empty');
    else if (name.length > profileLimits.nameMax)
      add('name', `must be at most ${profileLimits.nameMax} characters`);
    patch.name = name;
  }
  if (input.title !== undefined) {
    const title = input.title?.trim() ?? '';
    if (title.length > profileLimits.titleMax)
      add('title', `must be at most ${profileLimits.titleMax} characters`);
    patch.title = title || null;
  }
  if (input.bio !== undefined) {
    const bio = input.bio?.trim() ?? '';
    if (bio.length > profileLimits.bioMax)
      add('bio', `must be at most ${profileLimits.bioMax} characters`);
    patch.bio = bio || null;
  }
  if (input.languages !== undefined) {
    if (input.languages.length > profileLimits.languagesMax)
      add('languages', `name at most ${profileLimits.languagesMax} languages`);
    const seen = new Set<string>();
    patch.languages = input.languages.map((language, i) => {
      const given = language.code.trim().toLowerCase();
      if (!isLanguageCode(given))
        add(`languages.${i}.code`, `${language.code} is not an ISO 639-1 language code`);
      // Stored under the code it is offered as (`tw` is named and matched as `ak`).
      const code = canonicalLanguageCode(given);
      if (seen.has(code)) add(`languages.${i}.code`, `repeats language ${code}`);
      seen.add(code);
      if (!isCefrLevel(language.level))
        add(`languages.${i}.level`, 'must be a CEFR level: A1, A2, B1, B2, C1, C2 or native');
      return { code, level: language.level as CefrLevel };
    });
  }
  if (input.timeZone !== undefined) {
    const timeZone = input.timeZone?.trim() || null;
    if (timeZone !== null && !isTimeZone(timeZone))
      add('timeZone', `${timeZone} is not an IANA time zone (such as Europe/Berlin)`);
    patch.timeZone = timeZone;
  }
  if (input.locale !== undefined) {
    const locale = input.locale?.trim() || null;
    if (locale !== null && !isSupportedLocale(locale))
      add('locale', `must be one of: ${supportedLocales.join(', ')}`);
    patch.locale = locale as SupportedLocale | null;
  }
  if (input.emailNotifications !== undefined) {
    const choice = input.emailNotifications;
    if (!(emailNotificationChoices as readonly string[]).includes(choice))
      add('emailNotifications', 'must be instant, daily or off');
    patch.emailNotifications = choice as EmailNotifications;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patch };
}
