// Where to send someone after logging in or signing up: only paths of this site, so a
// crafted `?redirectTo=` cannot bounce the user to another origin (an open redirect).

const BASE = 'http://twinning.invalid';

/** `value` when it is a safe path on this site (`/institutions?country=JP`), else `fallback`. */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (hasControlOrBackslash(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Control characters and backslashes: some URL parsers read them as part of a host. */
function hasControlOrBackslash(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}
