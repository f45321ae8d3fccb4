import { describe, expect, it } from 'vitest';
import { foldForSearch, searchWords } from './fold.ts';

describe('search folding', () => {
  it('drops case and diacritics', () => {
    expect(foldForSearch('Künste  Wien')).toBe('kunste wien');
    expect(foldForSearch('Đại học Quốc gia Hà Nội')).toBe('đai hoc quoc gia ha noi');
    expect(foldForSearch('ＴＯＫＹＯ')).toBe('tokyo');
  });
  it('splits a query into at most eight words', () => {
    expect(searchWords(' Technische,  Universität ')).toEqual(['technische', 'universitat']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('   ')).toEqual([]);
  });
});
