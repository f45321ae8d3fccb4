// Relays the API's session cookie to the browser: the API answers the server-side form
// actions, so its `Set-Cookie` must be re-issued by SvelteKit with the same attributes.
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'twinning_session';

export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string;
  domain?: string;
  expires?: Date;
  maxAge?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/** Parses one `Set-Cookie` line; `null` when it has no `name=value` pair. */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const name = pair.slice(0, eq).trim();
  if (!name) return null;
  let value = pair.slice(eq + 1).trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);

  const cookie: ParsedSetCookie = { name, value, path: '/', httpOnly: false, secure: false };
  for (const attribute of attributes) {
    const sep = attribute.indexOf('=');
    const key = (sep === -1 ? attribute : attribute.slice(0, sep)).trim().toLowerCase();
    const arg = sep === -1 ? '' : attribute.slice(sep + 1).trim();
    switch (key) {
      case 'path':
        if (arg.startsWith('/')) cookie.path = arg;
        break;
      case 'domain':
        if (arg) cookie.domain = arg.replace(/^\./, '');
        break;
      case 'expires': {
        const time = Date.parse(arg);
        if (!Number.isNaN(time)) cookie.expires = new Date(time);
        break;
      }
      case 'max-age':
        if (/^-?\d+$/.test(arg)) cookie.maxAge = Number(arg);
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'samesite': {
        const sameSite = arg.toLowerCase();
        if (sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none') {
          cookie.sameSite = sameSite;
        }
        break;
      }
    }
  }
  return cookie;
}

/** Whether the cookie line asks the browser to drop the cookie rather than keep it. */
export function isRemoval(cookie: ParsedSetCookie, now: number = Date.now()): boolean {
  if (cookie.value === '') return true;
  if (cookie.maxAge !== undefined) return cookie.maxAge <= 0;
  return cookie.expires !== undefined && cookie.expires.getTime() <= now;
}

/** The session cookie among the `Set-Cookie` lines of an API reply (the last one wins). */
export function findSessionCookie(setCookies: readonly string[]): ParsedSetCookie | null {
  let found: ParsedSetCookie | null = null;
  for (const line of setCookies) {
    const cookie = parseSetCookie(line);
    if (cookie?.name === SESSION_COOKIE) found = cookie;
  }
  return found;
}

/**
 * Re-issues the API's session cookie (if the reply set one) through SvelteKit's cookies.
 * The Domain attribute is dropped: the cookie belongs to the origin the browser talks to.
 * Returns whether a session cookie was relayed.
 */
export function relaySessionCookie(
  cookies: Cookies,
  setCookies: readonly string[],
  now: number = Date.now(),
): boolean {
  const cookie = findSessionCookie(setCookies);
  if (!cookie) return false;
  if (isRemoval(cookie, now)) {
    clearSessionCookie(cookies, cookie.path);
    return true;
  }
  cookies.set(cookie.name, cookie.value, {
    path: cookie.path,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    expires: cookie.expires,
    maxAge: cookie.maxAge,
    // The API's token is already cookie-safe; keep it byte for byte.
    encode: (value) => value,
  });
  return true;
}

export function clearSessionCookie(cookies: Cookies, path = '/'): void {
  cookies.delete(SESSION_COOKIE, { path });
}
