import { describe, expect, it } from 'vitest';
import { personInitials } from './person-initials';

describe('personInitials', () => {
  it('takes the first letters of the first and last word', () => {
    expect(personInitials('Anna Maria Weber')).toBe('AW');
    expect(personInitials('  linh   tran ')).toBe('LT');
    expect(personInitials('Mia')).toBe('M');
  });

  it('keeps letters outside Latin and astral characters whole', () => {
    expect(personInitials('田中 太郎')).toBe('田太');
    expect(personInitials('𝒜lice Ng')).toBe('𝒜N');
    expect(personInitials('')).toBe('?');
  });
});
