import { describe, expect, it } from 'vitest';
import {
  addDocument,
  buildTextIndex,
  cosine,
  indexTerms,
  removeDocument,
  textSimilarity,
  vectorFor,
  type SparseVector,
  type TextDoc,
} from './text-similarity.ts';

const doc = (id: string, title: string, description = ''): TextDoc => ({ id, title, description });

// A small corpus with some filler, so idf has something to compare against.
const filler: TextDoc[] = [
  doc('f1', 'Marine biology field methods', 'Coastal ecosystems, coral reefs and sampling.'),
  doc('f2', 'History of European art', 'Painting and sculpture from the Renaissance on.'),
  doc('f3', 'Introduction to accounting', 'Balance sheets, ledgers and auditing practice.'),
];

function norm(v: SparseVector): number {
  return Math.sqrt(v.weights.reduce((s, w) => s + w * w, 0));
}

describe('indexTerms', () => {
  it('drops English stop words and single Latin letters or digits', () => {
    expect(indexTerms('The Art of the Deal, part 2: a B2B view')).toEqual([
      'art',
      'deal',
      'part',
      'b2b',
      'view',
    ]);
  });

  it('keeps single CJK characters, which may be whole words', () => {
    expect(indexTerms('学')).toEqual(['学']);
    expect(indexTerms('法')).toEqual(['法']);
  });

  it('folds case and accents and strips a possessive', () => {
    expect(indexTerms("Europe's Économie")).toEqual(['europe', 'economie']);
    expect(indexTerms('Europe’s')).toEqual(['europe']);
  });

  it('drops grammar words of Japanese, Chinese and Thai', () => {
    expect(indexTerms('日本文学の歴史と文化')).toEqual(['日本', '文学', '歴史', '文化']);
    expect(indexTerms('在中国学习数据科学和人工智能')).toEqual([
      '中国',
      '学习',
      '数据',
      '科学',
      '人工',
      '智能',
    ]);
    expect(indexTerms('การเรียนรู้ของเครื่อง')).toEqual(['เรียน', 'รู้', 'เครื่อง']);
  });

  it('gives nothing for stop words or blank text', () => {
    expect(indexTerms('the of and in to with for')).toEqual([]);
    expect(indexTerms('   ')).toEqual([]);
  });
});

describe('buildTextIndex', () => {
  it('counts documents and document frequencies', () => {
    const index = buildTextIndex([
      doc('a', 'Climate policy', 'climate climate adaptation'),
      doc('b', 'Climate finance', 'green bonds'),
    ]);
    expect(index.size).toBe(2);
    expect(index.df.get('climate')).toBe(2);
    expect(index.df.get('adaptation')).toBe(1);
    expect(index.df.has('the')).toBe(false);
  });

  it('weighs title words twice, with sublinear tf', () => {
    const index = buildTextIndex([doc('a', 'alpha', 'beta beta'), doc('b', 'gamma', 'delta')]);
    // alpha: title once → count 2; beta: description twice → count 2. Same df, same weight.
    const v = index.vectors.get('a');
    expect(v?.terms).toEqual(['alpha', 'beta']);
    expect(v?.weights[0]).toBeCloseTo(v?.weights[1] ?? NaN, 12);
    // A word said once in the description weighs less than a title word.
    const w = buildTextIndex([doc('a', 'alpha', 'beta'), doc('b', 'gamma', 'delta')]).vectors.get(
      'a',
    );
    expect(w?.weights[0]).toBeGreaterThan(w?.weights[1] ?? Infinity);
    // 1 + ln 2 against 1 + ln 1: the ratio of a double count to a single one.
    expect((w?.weights[0] ?? 0) / (w?.weights[1] ?? 1)).toBeCloseTo(1 + Math.log(2), 12);
  });

  it('uses idf = ln((N+1)/(df+1)) + 1', () => {
    const index = buildTextIndex([
      doc('a', 'shared rare', ''),
      doc('b', 'shared', ''),
      doc('c', 'shared', ''),
    ]);
    const v = index.vectors.get('a');
    const rare = Math.log(4 / 2) + 1;
    const shared = Math.log(4 / 4) + 1;
    expect(v?.terms).toEqual(['rare', 'shared']);
    expect((v?.weights[0] ?? 0) / (v?.weights[1] ?? 1)).toBeCloseTo(rare / shared, 12);
  });

  it('stores L2-normalised vectors with sorted terms', () => {
    const index = buildTextIndex([...filler, doc('a', 'Zebra apple mango', 'kiwi banana apple')]);
    for (const v of index.vectors.values()) {
      expect(norm(v)).toBeCloseTo(1, 12);
      expect([...v.terms]).toEqual([...v.terms].sort());
    }
  });

  it('gives an empty vector to a text of stop words only', () => {
    const index = buildTextIndex([doc('s', 'The and of', 'with for to'), ...filler]);
    expect(index.vectors.get('s')?.terms).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(() => buildTextIndex([doc('a', 'one'), doc('a', 'two')])).toThrow(/twice/);
  });

  it('handles an empty corpus', () => {
    const index = buildTextIndex([]);
    expect(index.size).toBe(0);
    expect(index.vectors.size).toBe(0);
  });
});

describe('textSimilarity', () => {
  const index = buildTextIndex([
    ...filler,
    doc('ml1', 'Machine learning for health', 'Neural networks applied to medical imaging.'),
    doc('ml2', 'Machine learning for health', 'Neural networks applied to medical imaging.'),
    doc('ml3', 'Machine learning in finance', 'Neural networks for credit risk.'),
    doc('poetry', 'Romantic poetry', 'Reading Wordsworth and Keats aloud.'),
    doc('stop', 'The and of the', 'with for to in on at by'),
    doc('ja1', '機械学習入門', '機械学習の基礎と画像認識を学ぶ。'),
    doc('ja2', '機械学習による画像認識', '深層学習と機械学習の応用。'),
    doc('th1', 'การเรียนรู้ของเครื่องเบื้องต้น', 'พื้นฐานการเรียนรู้ของเครื่อง'),
    doc('th2', 'การประยุกต์ใช้การเรียนรู้ของเครื่อง', 'การเรียนรู้ของเครื่องในการแพทย์'),
    doc('en', 'Medieval castles of Wales', 'Architecture and defence of stone fortresses.'),
  ]);

  it('is 1 for identical texts', () => {
    expect(textSimilarity(index, 'ml1', 'ml2')).toBeCloseTo(1, 12);
    expect(textSimilarity(index, 'ml1', 'ml1')).toBeCloseTo(1, 12);
    expect(textSimilarity(index, 'ml1', 'ml2')).toBeLessThanOrEqual(1);
  });

  it('is 0 for texts without a shared word', () => {
    expect(textSimilarity(index, 'ml1', 'poetry')).toBe(0);
    expect(textSimilarity(index, 'poetry', 'en')).toBe(0);
  });

  it('lies strictly between for partial overlap', () => {
    const s = textSimilarity(index, 'ml1', 'ml3');
    expect(s).toBeGreaterThan(0.1);
    expect(s).toBeLessThan(0.9);
  });

  it('is symmetric, exactly', () => {
    const ids = [...index.vectors.keys()];
    for (const a of ids) {
      for (const b of ids) {
        expect(textSimilarity(index, a, b)).toBe(textSimilarity(index, b, a));
      }
    }
  });

  it('stays in [0, 1] for every pair', () => {
    for (const a of index.vectors.keys()) {
      for (const b of index.vectors.keys()) {
        const s = textSimilarity(index, a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }
    }
  });

  it('finds a Japanese pair alike and unlike English text', () => {
    expect(textSimilarity(index, 'ja1', 'ja2')).toBeGreaterThan(0.2);
    expect(textSimilarity(index, 'ja1', 'en')).toBeCloseTo(0, 12);
    expect(textSimilarity(index, 'ja2', 'ml1')).toBeCloseTo(0, 12);
  });

  it('finds a Thai pair alike and unlike English text', () => {
    expect(textSimilarity(index, 'th1', 'th2')).toBeGreaterThan(0.2);
    expect(textSimilarity(index, 'th1', 'en')).toBeCloseTo(0, 12);
    expect(textSimilarity(index, 'th2', 'ml3')).toBeCloseTo(0, 12);
    // Different scripts share no words.
    expect(textSimilarity(index, 'th1', 'ja1')).toBe(0);
  });

  it('does not find two unrelated texts alike for their grammar words', () => {
    const idx = buildTextIndex([
      ...filler,
      doc('ja-lit', '日本文学の歴史と文化', '近代の小説と詩を読む。'),
      doc('ja-ml', '機械学習の基礎と画像認識', 'ニューラルネットワークを使う。'),
      doc('th-lit', 'ประวัติศาสตร์ของวรรณคดีไทยและวัฒนธรรม', 'อ่านนวนิยาย'),
      doc('th-med', 'การเรียนรู้ของเครื่องในการแพทย์', 'การวินิจฉัยโรค'),
    ]);
    expect(textSimilarity(idx, 'ja-lit', 'ja-ml')).toBe(0);
    expect(textSimilarity(idx, 'th-lit', 'th-med')).toBe(0);
  });

  it('gives 0 for a text of stop words only, even against itself', () => {
    expect(textSimilarity(index, 'stop', 'ml1')).toBe(0);
    expect(textSimilarity(index, 'stop', 'stop')).toBe(0);
  });

  it('weighs a rare shared word more than a common one', () => {
    // q shares "rare" (in 2 documents) with r and "common" (in 4 of 5) with c; r and c are
    // otherwise alike: two words of their own each.
    const idx = buildTextIndex([
      doc('q', 'rare common alpha'),
      doc('r', 'rare beta gamma'),
      doc('c', 'common delta epsilon'),
      doc('d', 'common zeta'),
      doc('e', 'common theta'),
    ]);
    expect(idx.df.get('rare')).toBe(2);
    expect(textSimilarity(idx, 'q', 'r')).toBeGreaterThan(textSimilarity(idx, 'q', 'c'));
    expect(textSimilarity(idx, 'q', 'c')).toBeGreaterThan(0);
  });

  it('throws for an id not in the index', () => {
    expect(() => textSimilarity(index, 'ml1', 'nope')).toThrow(/nope/);
    expect(() => textSimilarity(index, 'nope', 'ml1')).toThrow(/nope/);
  });

  it('is deterministic: the same corpus in another order gives the same scores', () => {
    const docs = [
      ...filler,
      doc('x', 'Sustainable supply chains', 'Logistics between ASEAN and the EU.'),
      doc('y', 'Supply chain analytics', 'Forecasting demand and logistics costs.'),
    ];
    const one = buildTextIndex(docs);
    const two = buildTextIndex([...docs].reverse());
    expect(textSimilarity(one, 'x', 'y')).toBe(textSimilarity(two, 'x', 'y'));
    expect(textSimilarity(one, 'x', 'y')).toBeGreaterThan(0);
  });
});

describe('vectorFor and cosine', () => {
  const corpus = [
    ...filler,
    doc('m', 'Machine learning for health', 'Neural networks applied to medical imaging.'),
  ];
  const index = buildTextIndex(corpus);

  it('weighs an outside document with the corpus idf', () => {
    const v = vectorFor(index, { title: 'Machine learning for health', description: '' });
    const m = index.vectors.get('m');
    if (!m) throw new Error('missing');
    expect(norm(v)).toBeCloseTo(1, 12);
    const s = cosine(v, m);
    expect(s).toBeGreaterThan(0.5);
    expect(s).toBeLessThan(1);
    // A document equal to one in the corpus gives the corpus's own vector.
    const same = vectorFor(index, {
      title: 'Machine learning for health',
      description: 'Neural networks applied to medical imaging.',
    });
    expect(cosine(same, m)).toBeCloseTo(1, 12);
  });

  it('lets unknown words lower the score', () => {
    const m = index.vectors.get('m');
    if (!m) throw new Error('missing');
    const known = vectorFor(index, { title: 'machine learning', description: '' });
    const withUnknown = vectorFor(index, {
      title: 'machine learning',
      description: 'quantum chromodynamics',
    });
    expect(cosine(withUnknown, m)).toBeLessThan(cosine(known, m));
    expect(cosine(withUnknown, m)).toBeGreaterThan(0);
  });

  it('matches two outside documents on words the corpus lacks', () => {
    const a = vectorFor(index, { title: 'quantum chromodynamics', description: '' });
    const b = vectorFor(index, { title: 'quantum chromodynamics', description: '' });
    expect(cosine(a, b)).toBeCloseTo(1, 12);
  });

  it('is 0 for an empty vector and normalises vectors that are not', () => {
    const empty: SparseVector = { terms: [], weights: new Float64Array() };
    const u: SparseVector = { terms: ['a', 'b'], weights: Float64Array.from([3, 4]) };
    const v: SparseVector = { terms: ['b', 'c'], weights: Float64Array.from([2, 0]) };
    expect(cosine(empty, u)).toBe(0);
    expect(cosine(u, empty)).toBe(0);
    expect(cosine(u, v)).toBeCloseTo(4 / 5, 12);
    expect(cosine(v, u)).toBe(cosine(u, v));
    expect(cosine(u, u)).toBe(1);
  });
});

describe('the integer fast path', () => {
  const strip = (v: SparseVector): SparseVector => ({ terms: v.terms, weights: v.weights });
  const corpus = [
    ...filler,
    doc('a', 'Climate adaptation in river deltas', 'Flood risk, mangroves and planning.'),
    doc('b', 'Urban climate resilience', 'Heat islands and flood planning in cities.'),
    doc('j', '機械学習入門', '機械学習の基礎'),
  ];
  const index = buildTextIndex(corpus);

  it('gives index vectors ranks in the index space', () => {
    const v = index.vectors.get('a');
    expect(v?.space).toBe(index.space);
    expect(Array.from(v?.ranks ?? [])).toEqual(v?.terms.map((t) => index.space.rank.get(t)));
  });

  it('agrees bit for bit with the string merge', () => {
    for (const u of index.vectors.values()) {
      for (const v of index.vectors.values()) {
        expect(cosine(u, v)).toBe(cosine(strip(u), strip(v)));
      }
    }
  });

  it('falls back to strings for a vector with words outside the vocabulary', () => {
    const v = vectorFor(index, { title: 'River flood', description: 'quantum' });
    expect(v.ranks).toBeUndefined();
    const known = vectorFor(index, { title: 'River flood', description: '' });
    expect(known.ranks).toBeDefined();
    const a = index.vectors.get('a');
    if (!a) throw new Error('missing');
    expect(cosine(v, a)).toBeGreaterThan(0);
    expect(cosine(v, a)).toBe(cosine(strip(v), strip(a)));
  });

  it('falls back to strings across index versions, whose ranks differ', () => {
    const later = addDocument(index, doc('c', 'Aardvark anatomy', 'Zoology of burrowing mammals.'));
    const old = index.vectors.get('a');
    const recent = later.vectors.get('b');
    if (!old || !recent) throw new Error('missing');
    expect(recent.space).not.toBe(old.space);
    expect(cosine(old, recent)).toBe(cosine(strip(old), strip(recent)));
    expect(cosine(old, recent)).toBeGreaterThan(0);
  });
});

describe('addDocument and removeDocument', () => {
  const base = [
    ...filler,
    doc('a', 'Climate adaptation in river deltas', 'Flood risk, mangroves and planning.'),
    doc('b', 'Urban climate resilience', 'Heat islands and flood planning in cities.'),
  ];
  const extra = doc('c', 'River delta flood modelling', 'Hydrology and climate scenarios.');

  function expectSameIndex(x: ReturnType<typeof buildTextIndex>, y: typeof x) {
    expect(x.size).toBe(y.size);
    expect([...x.df].sort()).toEqual([...y.df].sort());
    expect([...x.vectors.keys()].sort()).toEqual([...y.vectors.keys()].sort());
    for (const [id, v] of x.vectors) {
      const w = y.vectors.get(id);
      expect(w?.terms).toEqual(v.terms);
      expect(Array.from(w?.weights ?? [])).toEqual(Array.from(v.weights));
    }
  }

  it('adding equals building afresh', () => {
    expectSameIndex(addDocument(buildTextIndex(base), extra), buildTextIndex([...base, extra]));
  });

  it('removing equals building afresh', () => {
    expectSameIndex(
      removeDocument(buildTextIndex([...base, extra]), 'a'),
      buildTextIndex([...filler, base[4] as TextDoc, extra]),
    );
  });

  it('adding an existing id replaces the document', () => {
    const edited = doc('a', 'Romantic poetry', 'Keats and Shelley.');
    const after = addDocument(buildTextIndex(base), edited);
    expectSameIndex(after, buildTextIndex([...base.filter((d) => d.id !== 'a'), edited]));
    expect(after.size).toBe(base.length);
    expect(after.df.has('mangroves')).toBe(false);
  });

  it('removing an unknown id changes nothing', () => {
    const index = buildTextIndex(base);
    expect(removeDocument(index, 'nope')).toBe(index);
  });

  it('leaves the given index untouched', () => {
    const index = buildTextIndex(base);
    const before = textSimilarity(index, 'a', 'b');
    const added = addDocument(index, extra);
    const removed = removeDocument(added, 'b');
    expect(index.size).toBe(base.length);
    expect(index.vectors.has('c')).toBe(false);
    expect(textSimilarity(index, 'a', 'b')).toBe(before);
    expect(added.vectors.has('b')).toBe(true);
    expect(removed.vectors.has('b')).toBe(false);
    expect(textSimilarity(added, 'a', 'c')).toBeGreaterThan(0);
  });

  it('drops a term whose last document goes', () => {
    const index = removeDocument(buildTextIndex(base), 'a');
    expect(index.df.has('mangroves')).toBe(false);
    expect(index.df.get('flood')).toBe(1);
  });
});
