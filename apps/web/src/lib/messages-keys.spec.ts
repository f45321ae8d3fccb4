// Each UI string is defined once: JSON.parse keeps the last of two equal keys silently, so a
// merge that adds a key twice would leave one copy whose edits have no effect.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the English messages', () => {
  it('define every key once', () => {
    const text = readFileSync(new URL('../../messages/en.json', import.meta.url), 'utf8');
    // The file is formatted by prettier: top-level keys are the lines indented by two spaces.
    const keys = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((match) => match[1]);
    // The scan sees every key the parser sees.
    expect(new Set(keys).size).toBe(Object.keys(JSON.parse(text) as object).length);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});
