// IANA time zone names as people know them today. ICU (Node, Chromium) still lists some zones
// under their old names (Asia/Calcutta, Europe/Kiev); Twinning's data and users use the new
// ones, and Intl accepts both.

const currentNames: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a zone (`Asia/Calcutta` → `Asia/Kolkata`); other names pass through. */
export function currentZoneName(name: string): string {
  return currentNames[name] ?? name;
}

/** Every zone of `supported` under its current name, with `extra` ones added, each once, sorted. */
export function zoneNameList(
  supported: readonly string[],
  extra: readonly string[] = [],
): string[] {
  return [...new Set([...supported, ...extra].map(currentZoneName))].sort();
}

/** Whether the runtime's Intl knows `name` (any spelling it accepts). */
export function isKnownZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
