import { describe, expect, it } from 'vitest';
import { excerpt } from './text-excerpt';

describe('excerpt', () => {
  it('keeps a short text whole, with its white space folded', () => {
    expect(excerpt('  Two  classes\nbuild   a bridge. ', 100)).toBe('Two classes build a bridge.');
  });
  it('cuts a long text at a word and marks the cut', () => {
    expect(excerpt('Students compare the water systems of their cities', 30)).toBe(
      'Students compare the water…',
    );
  });
  it('cuts inside a word when no space comes late enough', () => {
    expect(excerpt('Supercalifragilisticexpialidocious words', 10)).toBe('Supercalif…');
  });
});
