// IANA time zone names, as the runtime's Intl knows them.
const known = new Set<string>(Intl.supportedValuesOf('timeZone'));

/** True for any IANA name `Intl` accepts, including aliases such as `Asia/Calcutta`. */
export function isTimeZone(name: string): boolean {
  if (known.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}
