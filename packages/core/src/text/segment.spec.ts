import { describe, expect, it } from 'vitest';
import { segmentForIndex, words } from './segment.ts';

describe('word segmentation', () => {
  it('splits Latin text and folds it', () => {
    expect(words('Sustainable Supply-Chains, in ASEAN & the EU!')).toEqual([
      'sustainable',
      'supply',
      'chains',
      'in',
      'asean',
      'the',
      'eu',
    ]);
    expect(words('Université de Montréal')).toEqual(['universite', 'de', 'montreal']);
  });

  it('finds words in Japanese, Chinese and Thai, which have no spaces', () => {
    expect(words('東京大学で機械学習を学ぶ').length).toBeGreaterThan(3);
    expect(words('東京大学で機械学習を学ぶ')).toContain('学ぶ');
    expect(words('可持续发展与供应链管理')).toEqual(
      expect.arrayContaining(['持续', '发展', '供应']),
    );
    expect(words('การเรียนรู้ของเครื่อง')).toEqual(['การ', 'เรียน', 'รู้', 'ของ', 'เครื่อง']);
  });

  it('joins words with spaces for the index', () => {
    expect(segmentForIndex('Machine-learning 101')).toBe('machine learning 101');
    expect(segmentForIndex('  ')).toBe('');
  });
});
