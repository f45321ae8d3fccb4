// Counts in the UI's words: a number that changes at run time and is followed by a noun needs
// the message's plural variants ("1 percentage point", "2 percentage points"), never one
// fixed form ("1 percentage points"). Reads the English messages, the base of every locale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Variant = { declarations: string[]; selectors: string[]; match: Record<string, string> };
const messages = JSON.parse(
  readFileSync(new URL('../../messages/en.json', import.meta.url), 'utf8'),
) as Record<string, string | Variant[]>;

/** Placeholders that hold a count at run time (limits such as `max` are fixed numbers). */
const counts = /^(count|total|points|done|offers|proposals|lecturers|seconds|days|weeks|hours|n)$/;
/** A count, then up to two words, the last a plural noun: "{points} percentage points". */
const countThenNoun = /\{(\w+)\}((?: [a-z]+)?) ([a-z]+s)\b/g;

function countsBeforeNouns(text: string): string[] {
  return [...text.matchAll(countThenNoun)]
    .filter(([, name]) => counts.test(name!))
    .map(([phrase]) => phrase);
}

describe('messages with counts', () => {
  it('a plain message never puts a count before a plural noun', () => {
    const fixed = Object.entries(messages)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .flatMap(([key, text]) => countsBeforeNouns(text).map((phrase) => `${key}: ${phrase}`));
    expect(fixed).toEqual([]);
  });

  it('a message with plural variants has a singular case for one', () => {
    const missing = Object.entries(messages)
      .filter((entry): entry is [string, Variant[]] => Array.isArray(entry[1]))
      .filter(([, [variant]]) => variant!.declarations.some((d) => d.includes(': plural')))
      .filter(([, [variant]]) => !Object.keys(variant!.match).some((k) => k.endsWith('=one')))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });

  it('says "1 percentage point" and "1 of 1 offer"', () => {
    const one = (key: string) => {
      const entry = messages[key];
      if (!Array.isArray(entry)) return null;
      return Object.entries(entry[0]!.match).find(([k]) => k.endsWith('=one'))?.[1] ?? null;
    };
    expect(one('stats_gap_above')).toMatch(/percentage point above/);
    expect(one('stats_gap_below')).toMatch(/percentage point below/);
    expect(one('rounds_progress_candidates')).toMatch(/\} offer$/);
  });
});
