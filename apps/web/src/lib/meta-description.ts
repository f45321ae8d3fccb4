// A long text as a meta description: one line, cut at a word, at most ~160 characters.

/**
 * `text` on one line, cut at a word boundary to at most `max` characters with an ellipsis:
 * what a search result or a link preview shows of it.
 */
export function summarise(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // Scripts without spaces (Chinese, Japanese, Thai) are cut where the limit falls.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}
