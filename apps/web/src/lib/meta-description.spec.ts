import { describe, expect, it } from 'vitest';
import { summarise } from './meta-description';

describe('summarise', () => {
  it('keeps a short text, on one line', () => {
    expect(summarise('  A COIL module\n\non  climate  policy. ')).toBe(
      'A COIL module on climate policy.',
    );
  });

  it('cuts a long text at a word, within the limit, with an ellipsis', () => {
    const text = 'Students of both classes work in mixed teams on a shared case study. '.repeat(5);
    const short = summarise(text, 80);
    expect([...short].length).toBeLessThanOrEqual(80);
    expect(short).toBe(
      'Students of both classes work in mixed teams on a shared case study. Students…',
    );
  });

  it('leaves no dangling punctuation before the ellipsis', () => {
    expect(summarise('Alpha beta, gamma delta epsilon', 14)).toBe('Alpha beta…');
  });

  it('cuts text without spaces where the limit falls', () => {
    const text = '気候変動の政策を学ぶ共同授業です。'.repeat(20);
    const short = summarise(text, 20);
    expect([...short]).toHaveLength(20);
    expect(short.endsWith('…')).toBe(true);
  });
});
