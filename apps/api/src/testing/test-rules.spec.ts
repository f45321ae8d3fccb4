// The test suite's own rules (CONTRIBUTING.md): a test asserts behaviour, never how long
// something took (speed is measured in bench/), and waits for the event it expects, never for
// a fixed time (a sleep is either too short on a loaded machine or wasted on an idle one).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const skipped = new Set(['node_modules', '.svelte-kit', 'build', 'paraglide']);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/** Unit and integration specs, and every file of the browser tests. */
function testFiles(): string[] {
  const found: string[] = [];
  for (const top of ['apps', 'packages']) {
    for (const file of files(join(root, top))) if (file.endsWith('.spec.ts')) found.push(file);
  }
  for (const file of files(join(root, 'e2e'))) if (file.endsWith('.ts')) found.push(file);
  return found;
}

const rules: { name: string; pattern: RegExp }[] = [
  { name: 'measures time (timing belongs in bench/)', pattern: /\bperformance\.now\(/ },
  { name: 'measures elapsed time', pattern: /\bDate\.now\(\)\s*-|-\s*Date\.now\(\)/ },
  { name: 'waits a fixed time', pattern: /\bwaitForTimeout\(/ },
  {
    name: 'sleeps (await the event instead)',
    pattern: /new Promise\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*setTimeout\(\s*\1\s*,/,
  },
  { name: 'sleeps (await the event instead)', pattern: /\bsleep\(/ },
];

describe('the tests themselves', () => {
  it('assert no timings and sleep for no fixed time', () => {
    const self = fileURLToPath(import.meta.url);
    const files = testFiles().filter((file) => file !== self);
    expect(files.length).toBeGreaterThan(40);
    const broken: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const rule of rules) {
          if (rule.pattern.test(line)) broken.push(`${relative(root, file)}:${i + 1} ${rule.name}`);
        }
      });
    }
    expect(broken).toEqual([]);
  });
});
