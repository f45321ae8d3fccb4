// Institution websites come from a directory, not from us: only http(s) addresses become
// links (never `javascript:` and the like), and they are shown by their host name.

/** The address as a link target when it is an http(s) URL (a bare host gets https). */
export function safeWebsiteHref(website: string | null | undefined): string | null {
  if (!website) return null;
  const trimmed = website.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/** What to show for a website: its host without `www.`, e.g. `u-tokyo.ac.jp`. */
export function websiteLabel(href: string): string {
  return new URL(href).hostname.replace(/^www\./, '');
}
