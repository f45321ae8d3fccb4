import { describe, expect, it } from 'vitest';
import { offerIdOf } from './offer-link.ts';

describe('offerIdOf', () => {
  it('takes the id from a link to the offer, whatever follows it', () => {
    expect(offerIdOf('https://twinning.example/offers/abc123')).toBe('abc123');
    expect(offerIdOf('http://localhost:3000/offers/abc123/partners?x=1#top')).toBe('abc123');
    expect(offerIdOf('/offers/abc%20123?tab=1')).toBe('abc 123');
  });

  it('keeps an id as it is, trimmed', () => {
    expect(offerIdOf('  abc123 ')).toBe('abc123');
  });

  it('leaves a broken escape as pasted', () => {
    expect(offerIdOf('/offers/abc%zz')).toBe('abc%zz');
  });
});
