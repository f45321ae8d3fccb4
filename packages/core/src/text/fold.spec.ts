import { describe, expect, it } from 'vitest';
import { foldForSearch, searchWords } from './fold.ts';

describe('search folding', () => {
  it('drops case and diacritics', () => {
    expect(foldForSearch('Künste  Wien')).toBe('kunste wien');
    expect(foldForSearch('Đại học Quốc gia Hà Nội')).toBe('đai hoc quoc gia ha noi');
    expect(foldForSearch('ＴＯＫＹＯ')).toBe('tokyo');
  });
  it('keeps the marks that are part of a letter in other scripts', () => {
    expect(foldForSearch('学ぶ で')).toBe('学ぶ で');
    expect(foldForSearch('เรียนรู้')).toBe('เรียนรู้');
    expect(foldForSearch('शिक्षा')).toBe('शिक्षा');
  });
  it('splits a query into at most eight words', () => {
    expect(searchWords(' Technische,  Universität ')).toEqual(['technische', 'universitat']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('   ')).toEqual([]);
  });
});
