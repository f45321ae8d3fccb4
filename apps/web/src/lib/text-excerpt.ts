// The start of a longer text for a list (a card's description, an application's motivation):
// one line of words, cut at a word, the full text one click away.

/** `text` with its white space folded, at most `max` characters, cut at a word with "…". */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
