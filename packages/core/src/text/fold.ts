// Text folded for search: lower case, without diacritics, single spaces — "Künste" finds "kunste".
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a query, folded, at most `max` of them. */
export function searchWords(query: string, max = 8): string[] {
  return foldForSearch(query)
    .split(/[\s,;]+/)
    .filter((w) => w.length > 0)
    .slice(0, max);
}
