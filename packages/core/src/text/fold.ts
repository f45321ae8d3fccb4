// Text folded for search: lower case, without diacritics, single spaces — "Künste" finds "kunste".
// Marks are dropped only after Latin, Greek and Cyrillic letters: in Japanese (が), Thai or
// Devanagari they are part of the letter, not an accent.
const accentedLetter = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(accentedLetter, '$1')
    .normalize('NFC')
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
