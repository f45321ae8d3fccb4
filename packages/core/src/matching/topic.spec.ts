import { describe, expect, it } from 'vitest';
import type { OfferContent } from '../offers/offer-rules.ts';
import {
  describeSharedField,
  extraFieldBonus,
  fieldLevelScore,
  fieldsScore,
  jaccard,
  sharedFieldsOf,
  topicScore,
  topicWeights,
  type TopicOffer,
} from './topic.ts';

const offer = (fields: string[], sdgs: number[] = [], themes: string[] = []): TopicOffer => ({
  fields,
  sdgs,
  themes,
});

describe('sharedFieldsOf and fieldsScore', () => {
  it('same detailed code → 1', () => {
    const shared = sharedFieldsOf(['0613'], ['0613']);
    expect(shared).toEqual([{ code: '0613', level: 'detailed' }]);
    expect(fieldsScore(shared)).toBe(1);
  });

  it('same narrow field (first 3 digits) → 0.6', () => {
    const shared = sharedFieldsOf(['0613'], ['0612']);
    expect(shared).toEqual([{ code: '061', level: 'narrow' }]);
    expect(fieldsScore(shared)).toBe(0.6);
  });

  it('same broad field (first 2 digits) → 0.3', () => {
    const shared = sharedFieldsOf(['0533'], ['0541']);
    expect(shared).toEqual([{ code: '05', level: 'broad' }]);
    expect(fieldsScore(shared)).toBe(0.3);
  });

  it('different broad fields → 0', () => {
    const shared = sharedFieldsOf(['0521'], ['0413']);
    expect(shared).toEqual([]);
    expect(fieldsScore(shared)).toBe(0);
  });

  it('takes the best pair over all fields', () => {
    // 0413 vs 0413 is detailed even though the other pairs are coarser or nothing.
    const shared = sharedFieldsOf(['0533', '0413'], ['0221', '0413']);
    expect(shared[0]).toEqual({ code: '0413', level: 'detailed' });
    expect(fieldsScore(shared)).toBe(1);
    expect(fieldsScore(sharedFieldsOf(['0221', '0612'], ['0613', '0533']))).toBe(0.6);
  });

  it('lists each shared field at its finest level only', () => {
    // 0613 shared: 061 and 06 are not listed again; 0533 vs 0541 share broad 05.
    expect(sharedFieldsOf(['0613', '0612', '0533'], ['0613', '0611', '0541'])).toEqual([
      { code: '0613', level: 'detailed' },
      { code: '05', level: 'broad' },
    ]);
    // A narrow share covers its broad field.
    expect(sharedFieldsOf(['0612', '0688'], ['0613'])).toEqual([{ code: '061', level: 'narrow' }]);
  });

  it('orders best first, then by code, whichever side comes first', () => {
    const a = ['0541', '0413', '0221', '0613'];
    const b = ['0533', '0613', '0412', '0222'];
    const expected = [
      { code: '0613', level: 'detailed' },
      { code: '022', level: 'narrow' },
      { code: '041', level: 'narrow' },
      { code: '05', level: 'broad' },
    ];
    expect(sharedFieldsOf(a, b)).toEqual(expected);
    expect(sharedFieldsOf(b, a)).toEqual(expected);
  });

  it('adds a small bonus for each further shared field, capped at 1', () => {
    // Two narrow overlaps rank above one.
    const twoNarrow = sharedFieldsOf(['0613', '0412'], ['0612', '0413']);
    expect(twoNarrow.map((f) => f.level)).toEqual(['narrow', 'narrow']);
    expect(fieldsScore(twoNarrow)).toBeCloseTo(0.6 + extraFieldBonus * 0.6, 12);
    expect(fieldsScore(twoNarrow)).toBeGreaterThan(fieldsScore(sharedFieldsOf(['0613'], ['0612'])));
    // A broad overlap beside a narrow one adds less than a second narrow one.
    const narrowBroad = sharedFieldsOf(['0613', '0533'], ['0612', '0541']);
    expect(fieldsScore(narrowBroad)).toBeCloseTo(0.6 + extraFieldBonus * 0.3, 12);
    // Several shared detailed fields: still 1.
    expect(fieldsScore(sharedFieldsOf(['0613', '0612', '0413'], ['0413', '0612', '0613']))).toBe(1);
    // Never reaches the next level up: five broad overlaps stay below one narrow.
    const fiveBroad = sharedFieldsOf(
      ['0111', '0211', '0311', '0411', '0511'],
      ['0188', '0288', '0388', '0488', '0588'],
    );
    expect(fiveBroad).toHaveLength(5);
    expect(fieldsScore(fiveBroad)).toBeLessThan(fieldLevelScore.narrow);
  });

  it('ignores repeated codes', () => {
    expect(sharedFieldsOf(['0613', '0613'], ['0613'])).toEqual([
      { code: '0613', level: 'detailed' },
    ]);
  });

  it('gives nothing when a side has no fields', () => {
    expect(sharedFieldsOf([], ['0613'])).toEqual([]);
    expect(sharedFieldsOf(['0613'], [])).toEqual([]);
  });
});

describe('jaccard', () => {
  it('is |∩| / |∪|', () => {
    expect(jaccard([1, 2, 3], [2, 3, 4])).toBe(0.5);
    expect(jaccard(['a'], ['a'])).toBe(1);
    expect(jaccard(['a'], ['b'])).toBe(0);
    expect(jaccard([1], [])).toBe(0);
  });

  it('is 0 when both are empty', () => {
    expect(jaccard([], [])).toBe(0);
  });

  it('counts sets, not lists', () => {
    expect(jaccard([1, 1, 2], [2, 2])).toBe(0.5);
  });
});

describe('topicScore', () => {
  it('combines the parts by their weights', () => {
    const a = offer(['0613'], [4, 9], ['digitalisation']);
    const b = offer(['0612'], [9, 13], ['digitalisation', 'skills']);
    const r = topicScore(a, b, 0.4);
    expect(r.parts).toEqual({ fields: 0.6, sdgs: 1 / 3, themes: 0.5, text: 0.4 });
    const expected = 0.5 * 0.6 + 0.3 * 0.4 + 0.1 * (1 / 3) + 0.1 * 0.5;
    expect(r.score).toBeCloseTo(expected, 12);
    expect(r.sharedFields).toEqual([{ code: '061', level: 'narrow' }]);
    expect(r.sharedSdgs).toEqual([9]);
    expect(r.sharedThemes).toEqual(['digitalisation']);
  });

  it('has weights that sum to 1, fields first', () => {
    const { fields, text, sdgs, themes } = topicWeights;
    expect(fields + text + sdgs + themes).toBeCloseTo(1, 12);
    expect(fields).toBeGreaterThan(text);
    expect(text).toBeGreaterThan(sdgs);
  });

  it('is 1 for the same topic in every part', () => {
    const a = offer(['0613'], [4], ['digitalisation']);
    expect(topicScore(a, a, 1).score).toBe(1);
  });

  it('is 0 when nothing is shared', () => {
    const r = topicScore(
      offer(['0613'], [4], ['skills']),
      offer(['0221'], [14], ['recognition']),
      0,
    );
    expect(r.score).toBe(0);
    expect(r.sharedFields).toEqual([]);
    expect(r.sharedSdgs).toEqual([]);
    expect(r.sharedThemes).toEqual([]);
  });

  it('ranks detailed > narrow > broad > none, all else equal', () => {
    const a = offer(['0613'], [4]);
    const score = (fields: string[]) => topicScore(a, offer(fields, [4]), 0.2).score;
    const detailed = score(['0613']);
    const narrow = score(['0612']);
    const broad = score(['0688']);
    const none = score(['0221']);
    expect(detailed).toBeGreaterThan(narrow);
    expect(narrow).toBeGreaterThan(broad);
    expect(broad).toBeGreaterThan(none);
    expect(none).toBeGreaterThan(0);
  });

  describe('neutral handling', () => {
    it('leaves SDGs out when neither side lists any', () => {
      const r = topicScore(offer(['0613'], [], ['skills']), offer(['0613'], [], ['skills']), 0.5);
      expect(r.parts.sdgs).toBe(0);
      // (0.5·1 + 0.3·0.5 + 0.1·1) / 0.9
      expect(r.score).toBeCloseTo((0.5 + 0.15 + 0.1) / 0.9, 12);
    });

    it('leaves themes out when neither side lists any', () => {
      const r = topicScore(offer(['0613'], [4]), offer(['0613'], [4]), 0.5);
      expect(r.parts.themes).toBe(0);
      expect(r.score).toBeCloseTo((0.5 + 0.15 + 0.1) / 0.9, 12);
    });

    it('leaves both out when neither side lists SDGs or themes', () => {
      const r = topicScore(offer(['0613']), offer(['0613']), 0.5);
      expect(r.score).toBeCloseTo((0.5 + 0.15) / 0.8, 12);
      // Same fields, no text in common: still a clear topic match, not dragged down by lists
      // nobody filled.
      expect(topicScore(offer(['0613']), offer(['0613']), 1).score).toBe(1);
    });

    it('counts a part as 0 when only one side lists some', () => {
      const one = topicScore(offer(['0613'], [4]), offer(['0613']), 0.5);
      const none = topicScore(offer(['0613']), offer(['0613']), 0.5);
      expect(one.parts.sdgs).toBe(0);
      expect(one.score).toBeCloseTo((0.5 + 0.15) / 0.9, 12);
      expect(one.score).toBeLessThan(none.score);
    });

    it('falls back to text alone when no lists at all are given', () => {
      const r = topicScore(offer([]), offer([]), 0.7);
      expect(r.parts.fields).toBe(0);
      expect(r.score).toBeCloseTo(0.7, 12);
    });

    it('counts fields as 0 when only one side names some', () => {
      const r = topicScore(offer(['0613']), offer([]), 1);
      expect(r.score).toBeCloseTo(0.3 / 0.8, 12);
    });
  });

  describe('text similarity input', () => {
    it('clamps to [0, 1]', () => {
      const a = offer(['0613']);
      expect(topicScore(a, a, 1.0000000000000002).parts.text).toBe(1);
      expect(topicScore(a, a, -1e-17).parts.text).toBe(0);
    });

    it('refuses NaN', () => {
      expect(() => topicScore(offer(['0613']), offer(['0613']), NaN)).toThrow(RangeError);
    });

    it('raises the score as text similarity rises', () => {
      const a = offer(['0613'], [4]);
      const b = offer(['0612'], [9]);
      expect(topicScore(a, b, 0.8).score).toBeGreaterThan(topicScore(a, b, 0.2).score);
    });
  });

  it('is symmetric', () => {
    const cases: [TopicOffer, TopicOffer, number][] = [
      [offer(['0613', '0533'], [4, 9, 13], ['skills']), offer(['0612', '0541'], [13], []), 0.3],
      [
        offer(['0541', '0413', '0221'], [], ['digitalisation', 'skills']),
        offer(['0533', '0412', '0222'], [4], ['skills']),
        0.17,
      ],
      [offer(['0613']), offer(['0613', '0612'], [1, 2, 3], ['recognition']), 0.9],
      [offer([]), offer(['0221'], [5]), 0],
    ];
    for (const [a, b, t] of cases) {
      expect(topicScore(a, b, t)).toEqual(topicScore(b, a, t));
    }
  });

  it('is deterministic and leaves its inputs alone', () => {
    const a = offer(['0613', '0412'], [13, 4], ['skills', 'digitalisation']);
    const b = offer(['0412', '0613'], [4, 13], ['digitalisation', 'skills']);
    const copyA = structuredClone(a);
    const first = topicScore(a, b, 0.42);
    expect(topicScore(a, b, 0.42)).toEqual(first);
    expect(a).toEqual(copyA);
    expect(first.sharedSdgs).toEqual([4, 13]);
    expect(first.sharedThemes).toEqual(['digitalisation', 'skills']);
    // Order within the lists does not matter.
    expect(topicScore(b, a, 0.42)).toEqual(first);
    expect(first.score).toBeCloseTo(0.5 + 0.42 * 0.3 + 0.1 + 0.1, 12);
  });

  it('accepts an OfferContent', () => {
    const content: Pick<OfferContent, 'fields' | 'sdgs' | 'themes'> = {
      fields: ['0613'],
      sdgs: [4],
      themes: [],
    };
    expect(topicScore(content, content, 1).score).toBe(1);
  });
});

describe('describeSharedField', () => {
  it('names the field at each level', () => {
    expect(describeSharedField({ code: '0613', level: 'detailed' })).toBe(
      'both teach 0613 Software and applications development and analysis',
    );
    expect(describeSharedField({ code: '061', level: 'narrow' })).toBe(
      'both teach in 061 Information and Communication Technologies (ICTs)',
    );
    expect(describeSharedField({ code: '04', level: 'broad' })).toMatch(
      /^both teach in the broad field 04 Business, administration/,
    );
  });

  it('falls back to the code when the vocabulary lacks it', () => {
    expect(describeSharedField({ code: '9999', level: 'detailed' })).toBe('both teach 9999');
  });
});
