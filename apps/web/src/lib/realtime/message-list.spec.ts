import { describe, expect, it } from 'vitest';
import { backoffDelay, characterCount, lastSeqOf, mergeBySeq, splitLinks } from './message-list';

const m = (seq: number, body = `m${seq}`) => ({ seq, body });

describe('mergeBySeq', () => {
  it('appends live messages and drops ones already held', () => {
    const held = [m(1), m(2)];
    expect(mergeBySeq(held, [m(2, 'again'), m(3)])).toEqual([m(1), m(2), m(3)]);
  });

  it('returns the same list when nothing is new', () => {
    const held = [m(1), m(2)];
    expect(mergeBySeq(held, [m(1), m(2)])).toBe(held);
  });

  it('puts earlier pages and out-of-order messages in seq order, each once', () => {
    expect(mergeBySeq([m(5), m(6)], [m(3), m(4), m(4), m(7)]).map((x) => x.seq)).toEqual([
      3, 4, 5, 6, 7,
    ]);
    expect(mergeBySeq([], [m(2), m(1)]).map((x) => x.seq)).toEqual([1, 2]);
  });

  it('knows the last seq', () => {
    expect(lastSeqOf([])).toBe(0);
    expect(lastSeqOf([m(3), m(9), m(4)])).toBe(9);
  });
});

describe('splitLinks', () => {
  it('keeps plain text as one part', () => {
    expect(splitLinks('hello\nworld')).toEqual([{ kind: 'text', text: 'hello\nworld' }]);
  });

  it('makes http and https addresses links, without trailing punctuation', () => {
    expect(splitLinks('See https://example.org/a?b=1. And http://x.test/(y)!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. And ' },
      { kind: 'link', text: 'http://x.test/(y)', href: 'http://x.test/(y)' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('never links other schemes or markup', () => {
    const text = 'javascript:alert(1) <a href="https://evil.test">x</a> data:text/html,hi';
    const parts = splitLinks(text);
    expect(parts.filter((p) => p.kind === 'link').map((p) => p.text)).toEqual([
      'https://evil.test',
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('leaves a bare scheme alone', () => {
    expect(splitLinks('https:// nothing')).toEqual([{ kind: 'text', text: 'https:// nothing' }]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(3000);
    expect(backoffDelay(50, () => 1)).toBe(30_000);
  });
});

describe('characterCount', () => {
  it('counts code points', () => {
    expect(characterCount('héllo 👋')).toBe(7);
  });
});
