// ISO 639-1 language codes; names come from the runtime's ICU data so every UI locale gets its own.

/*
 * Codes that ICU (CLDR) treats as another code and names alike in every locale: `tw` (Twi) is
 * an Akan language and is named "Akan", like `ak`, so a list offering both showed "Akan"
 * twice. Such a code stays valid input (links, scripts, offers stored before) and means the
 * code it is named after; it is not offered as a choice of its own.
 */
export const languageAliases: Readonly<Record<string, string>> = { tw: 'ak' };

const isoCodes: readonly string[] = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ' +
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi ' +
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw ' +
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** The codes a person chooses from: each language once. */
export const languageCodes: readonly string[] = isoCodes.filter(
  (code) => !Object.hasOwn(languageAliases, code),
);

const codes = new Set(isoCodes);

/** Any ISO 639-1 code, an alias included. */
export function isLanguageCode(code: string): boolean {
  return codes.has(code);
}

/** The code `code` is offered under (itself, unless it is an alias). */
export function canonicalLanguageCode(code: string): string {
  return Object.hasOwn(languageAliases, code) ? languageAliases[code]! : code;
}

/** The codes that mean `code`: itself and its aliases (for filters over stored codes). */
export function languageCodesMeaning(code: string): string[] {
  const kept = canonicalLanguageCode(code);
  return [kept, ...Object.keys(languageAliases).filter((alias) => languageAliases[alias] === kept)];
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

export function languageName(code: string, locale = 'en'): string {
  // A DisplayNames costs far more to create than to ask; matching names a language per card.
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
