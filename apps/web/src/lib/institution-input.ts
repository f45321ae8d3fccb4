// What an admin types into the institution form, made ready for the API: web domains one
// per line or separated by commas, and a website that may lack its `https://`.

/**
 * Domains from free text: one per line, or separated by commas or semicolons; duplicates
 * once. Spaces inside an entry stay, so the API names the entry as typed.
 */
export function parseDomains(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\r\n,;]+/)) {
    const domain = part
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^@/, '')
      .replace(/\/.*$/, '');
    if (domain) seen.add(domain);
  }
  return [...seen];
}

/** The domains as the form shows them again: one per line. */
export function domainsText(domains: readonly string[]): string {
  return domains.join('\n');
}

/**
 * The website as the API wants it (an http(s) address): a bare host such as
 * `www.uni.edu` gets `https://`; empty stays null. Anything else is passed on as typed,
 * so the API can name the problem.
 */
export function websiteForApi(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  return `https://${trimmed}`;
}

/**
 * Which typed domain an API detail such as `domains.2` refers to, for a message that names
 * it; null for any other field.
 */
export function domainIndexOf(field: string): number | null {
  const match = /^domains\.(\d+)$/.exec(field);
  return match ? Number(match[1]) : null;
}
