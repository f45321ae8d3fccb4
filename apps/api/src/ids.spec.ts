import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
  it('gives 24 lower-case base32 characters, all different, across many refills of its pool', () => {
    const ids = Array.from({ length: 5_000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
