// What the secretariat pastes into "Hide an offer": the offer's id, or a link to its page
// (copied from the address bar, with or without the site, a query or a fragment).

/** The offer id in `given`: after `/offers/` in a link, or `given` itself. */
export function offerIdOf(given: string): string {
  const match = /\/offers\/([^/?#\s]+)/.exec(given.trim());
  if (!match) return given.trim();
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    // A broken %-escape: the text as pasted, which the API then names as not found.
    return match[1]!;
  }
}
