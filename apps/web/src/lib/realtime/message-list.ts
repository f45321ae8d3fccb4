// Pure helpers of the messaging UI: merging message lists by seq (nothing lost, nothing
// doubled), splitting plain text into text and safe links, and the reconnect backoff.

/** What the helpers need of a message. */
export interface Sequenced {
  seq: number;
}

/**
 * `held` and `incoming` as one list in ascending seq, each seq once (the held copy wins).
 * Returns `held` itself when nothing is new, so callers can skip an update.
 */
export function mergeBySeq<T extends Sequenced>(held: readonly T[], incoming: readonly T[]): T[] {
  const seen = new Set(held.map((m) => m.seq));
  const fresh = incoming.filter((m) => {
    if (seen.has(m.seq)) return false;
    seen.add(m.seq);
    return true;
  });
  if (fresh.length === 0) return held as T[];
  const last = held.at(-1)?.seq ?? 0;
  // The common case: live messages after everything held.
  if (fresh.every((m, i) => m.seq > last && (i === 0 || m.seq > fresh[i - 1]!.seq))) {
    return [...held, ...fresh];
  }
  return [...held, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** The highest seq in the list, or 0. */
export function lastSeqOf(list: readonly Sequenced[]): number {
  return list.reduce((max, m) => Math.max(max, m.seq), 0);
}

export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// An http(s) address up to the next space or angle bracket or quote.
const LINK = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that usually ends a sentence rather than an address.
const TRAILING = /[.,;:!?)\]}]+$/;

/** Plain text as text and link parts; only http(s) addresses become links. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    let address = match[0];
    const trailing = TRAILING.exec(address)?.[0] ?? '';
    // Keep a closing bracket that has its opening one inside the address (Wikipedia style).
    let keep = '';
    if (trailing.startsWith(')') && address.includes('(')) keep = ')';
    address = address.slice(0, address.length - trailing.length) + keep;
    const start = match.index;
    let href: string | null = null;
    try {
      const url = new URL(address);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = null;
    }
    if (!href || address.length <= 'https://'.length) continue;
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    parts.push({ kind: 'link', text: address, href });
    at = start + address.length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/**
 * How long to wait before reconnect attempt `attempt` (0, 1, 2 …): exponential from `baseMs`
 * up to `maxMs`, with "full jitter" (a random share) so many tabs do not return at once.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  maxMs = 30_000,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Characters as the API counts them (code points, so an emoji is one). */
export function characterCount(text: string): number {
  return [...text].length;
}
