// A one-time message for the page a form action redirects to ("Your offer is posted."): kept in
// a short-lived cookie for that page only and deleted as the page reads it, so a reload or a
// shared link does not say it again. Works without JavaScript, like every form.
import type { Cookies } from '@sveltejs/kit';

const FLASH_COOKIE = 'twinning_flash';

/** What a page can be told after a redirect. */
export const flashKinds = ['offer_posted', 'offer_saved'] as const;
export type FlashKind = (typeof flashKinds)[number];

/** Leaves `kind` for the next render of `path` (within a minute). */
export function setFlash(cookies: Cookies, url: URL, path: string, kind: FlashKind): void {
  cookies.set(FLASH_COOKIE, kind, {
    path,
    maxAge: 60,
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

/** The message left for `path`, once: it is deleted as it is read. */
export function takeFlash(cookies: Cookies, url: URL, path: string): FlashKind | null {
  const value = cookies.get(FLASH_COOKIE);
  if (value === undefined) return null;
  cookies.delete(FLASH_COOKIE, { path, secure: url.protocol === 'https:' });
  return (flashKinds as readonly string[]).includes(value) ? (value as FlashKind) : null;
}
