// How alike two offers' titles and descriptions read: TF-IDF vectors over the corpus of offers,
// compared by cosine. Words come from `words()`, so Chinese, Japanese and Thai count too.
//
// Why TF-IDF cosine and not BM25: matching needs a symmetric score in [0, 1] to mix with the other
// topic parts. Cosine of non-negative vectors is both by construction. BM25 scores a query against
// a document: it is asymmetric and unbounded, so it would need symmetrising and normalising by
// each side's self-score, and then the result is hard to read. BM25's two strengths are covered
// here: sublinear tf (1 + ln tf) saturates repeated words, and the L2 norm corrects for length.
import { words } from '../text/segment.ts';

export interface TextDoc {
  id: string;
  title: string;
  description: string;
}

/** Sparse vector: `terms` in ascending code-unit order, `weights` beside them. */
export interface SparseVector {
  readonly terms: readonly string[];
  readonly weights: Float64Array;
  /**
   * Speed-up only: the rank of each term in `space` (an index's sorted vocabulary), so two vectors
   * of one index compare integers instead of strings. Absent when a term is outside the space.
   */
  readonly ranks?: Int32Array;
  readonly space?: TermSpace;
}

/** An index's vocabulary in code-unit order: rank order equals term order, so both merges agree. */
export interface TermSpace {
  readonly rank: ReadonlyMap<string, number>;
}

/** Weighted term counts of one document (title words count twice), sorted by term. */
export interface TermCounts {
  readonly terms: readonly string[];
  readonly counts: readonly number[];
}

export interface TextIndex {
  /** Number of documents (N). */
  readonly size: number;
  /** Document frequency of each term. */
  readonly df: ReadonlyMap<string, number>;
  /** Each document's term counts, kept so writes re-weight without segmenting again. */
  readonly counts: ReadonlyMap<string, TermCounts>;
  /** Each document's L2-normalised TF-IDF vector (empty when it has no words left). */
  readonly vectors: ReadonlyMap<string, SparseVector>;
  readonly space: TermSpace;
}

/** A title word says more about the topic than a word in a long description. */
export const titleWeight = 2;

// Small on purpose: English function words that carry no topic. Words common in offers ("course",
// "students") stay; idf already lowers them, and they may still tell offers apart a little.
const stopWords = new Set(
  (
    'a about above after all also an and any are as at be because been being between both but by ' +
    'can could did do does doing during each either etc for from further had has have having he ' +
    'her here hers him his how i if in into is it its itself just may me might more most must my ' +
    'no nor not of off on once only or other our ours out over own per same shall she should so ' +
    'some such than that the their theirs them then there these they this those through to too ' +
    'under until up upon us very via was we were what when where which while who whom why will ' +
    'with within without would you your yours ' +
    // The same for the scripts the segmenter splits into grammar and content: Japanese particles
    // and endings, Chinese function characters, Thai connectives and the nominalisers การ/ความ
    // (การเรียนรู้ "learning" splits into การ + เรียน + รู้). Without them any two texts in one
    // of these languages would look a little alike.
    'の を に は が と で も へ や か から まで より による について として する し ます です ' +
    'ある いる こと これ それ ' +
    '的 了 和 与 及 在 是 对 为 以 等 之 其 ' +
    'การ ความ ของ และ ใน ที่ เป็น ให้ กับ ได้ จาก โดย หรือ ซึ่ง'
  ).split(' '),
);

// One Latin letter or digit ("a", "x", "1" of "Part 1") is noise. A single CJK character is
// often a whole word (学 learning, 法 law), so it stays.
const singleNoise = /^[\p{Script=Latin}\p{Nd}]$/u;
// "europe's" is one word for the segmenter; it should meet "europe".
const possessive = /['’]s$/u;

/** The terms of a text that TF-IDF counts: folded words, stop words and noise dropped. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const term = word.replace(possessive, '');
    if (term.length === 0 || stopWords.has(term) || singleNoise.test(term)) continue;
    out.push(term);
  }
  return out;
}

function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function termCounts(doc: Pick<TextDoc, 'title' | 'description'>): TermCounts {
  const counts = new Map<string, number>();
  for (const t of indexTerms(doc.title)) counts.set(t, (counts.get(t) ?? 0) + titleWeight);
  for (const t of indexTerms(doc.description)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const terms = [...counts.keys()].sort(compareTerms);
  return { terms, counts: terms.map((t) => counts.get(t) ?? 0) };
}

/** Smoothed idf, as if one more document held every term: never 0, never divides by 0. */
function idf(size: number, df: number): number {
  return Math.log((size + 1) / (df + 1)) + 1;
}

function weigh(
  tc: TermCounts,
  size: number,
  df: ReadonlyMap<string, number>,
  space: TermSpace,
): SparseVector {
  const weights = new Float64Array(tc.terms.length);
  let ranks: Int32Array | undefined = new Int32Array(tc.terms.length);
  let norm = 0;
  tc.terms.forEach((term, i) => {
    const r = space.rank.get(term);
    if (r === undefined) ranks = undefined;
    else if (ranks) ranks[i] = r;
    const tf = tc.counts[i] ?? 0;
    const w = (1 + Math.log(tf)) * idf(size, df.get(term) ?? 0);
    weights[i] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
  return ranks ? { terms: tc.terms, weights, ranks, space } : { terms: tc.terms, weights };
}

function withVectors(
  size: number,
  df: ReadonlyMap<string, number>,
  counts: ReadonlyMap<string, TermCounts>,
): TextIndex {
  const space: TermSpace = {
    rank: new Map([...df.keys()].sort(compareTerms).map((t, i) => [t, i])),
  };
  const vectors = new Map<string, SparseVector>();
  for (const [id, tc] of counts) vectors.set(id, weigh(tc, size, df, space));
  return { size, df, counts, vectors, space };
}

/** Indexes the corpus. Ids must be unique. */
export function buildTextIndex(docs: readonly TextDoc[]): TextIndex {
  const counts = new Map<string, TermCounts>();
  const df = new Map<string, number>();
  for (const doc of docs) {
    if (counts.has(doc.id)) throw new RangeError(`document ${doc.id} appears twice`);
    const tc = termCounts(doc);
    counts.set(doc.id, tc);
    for (const t of tc.terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return withVectors(docs.length, df, counts);
}

/*
 * Following writes. Adding or removing a document changes N and some document frequencies, so
 * every idf moves a little and every vector is re-weighted: O(total terms of the corpus) float
 * work and a sort of the vocabulary, but no segmentation (the costly step: about 0.7 s to build
 * 2,000 offers of 150 words), since term counts are kept — a write then costs some 25–50 ms. For
 * a burst of writes, rebuild once from the stored documents instead. The other way — weigh only the new document and leave the
 * rest stale — would make scores depend on the order of past writes; here an index that followed
 * writes equals one built afresh from the same documents, so matching stays reproducible.
 * Both functions return a new index and leave the given one untouched.
 */

/** The index with `doc` added, or replacing the document of the same id (an edited offer). */
export function addDocument(index: TextIndex, doc: TextDoc): TextIndex {
  const base = index.counts.has(doc.id) ? removeDocument(index, doc.id) : index;
  const tc = termCounts(doc);
  const counts = new Map(base.counts);
  counts.set(doc.id, tc);
  const df = new Map(base.df);
  for (const t of tc.terms) df.set(t, (df.get(t) ?? 0) + 1);
  return withVectors(base.size + 1, df, counts);
}

/** The index without document `id`; the same index when it holds no such document. */
export function removeDocument(index: TextIndex, id: string): TextIndex {
  const tc = index.counts.get(id);
  if (!tc) return index;
  const counts = new Map(index.counts);
  counts.delete(id);
  const df = new Map(index.df);
  for (const t of tc.terms) {
    const n = (df.get(t) ?? 0) - 1;
    if (n > 0) df.set(t, n);
    else df.delete(t);
  }
  return withVectors(index.size - 1, df, counts);
}

/**
 * The index after a batch of writes — documents added or replaced, and ids removed — with one
 * re-weighting for the whole batch: what a matching index does when several offers changed since
 * it last ranked. Equal to an index built afresh from the resulting documents.
 */
export function applyChanges(
  index: TextIndex,
  changes: { upsert: readonly TextDoc[]; remove: readonly string[] },
): TextIndex {
  if (changes.upsert.length === 0 && changes.remove.length === 0) return index;
  const counts = new Map(index.counts);
  const df = new Map(index.df);
  const drop = (id: string) => {
    const tc = counts.get(id);
    if (!tc) return;
    counts.delete(id);
    for (const t of tc.terms) {
      const n = (df.get(t) ?? 0) - 1;
      if (n > 0) df.set(t, n);
      else df.delete(t);
    }
  };
  for (const id of changes.remove) drop(id);
  for (const doc of changes.upsert) {
    drop(doc.id);
    const tc = termCounts(doc);
    counts.set(doc.id, tc);
    for (const t of tc.terms) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return withVectors(counts.size, df, counts);
}

/**
 * The vector of a document outside the corpus (a draft, a search), weighed with the corpus's
 * idf. Its words unknown to the corpus count as df 0: they make it less like every document.
 */
export function vectorFor(
  index: TextIndex,
  doc: Pick<TextDoc, 'title' | 'description'>,
): SparseVector {
  return weigh(termCounts(doc), index.size, index.df, index.space);
}

/** Dot product over the terms both vectors hold (the cosine, for two unit vectors). */
export function dot(u: SparseVector, v: SparseVector): number {
  // Merge the two sorted term lists. Products are taken in term order whichever vector comes
  // first, so dot(u, v) === dot(v, u) exactly — and the same on either path.
  if (u.ranks && v.ranks && u.space === v.space)
    return dotByRank(u.ranks, u.weights, v.ranks, v.weights);
  let sum = 0;
  let i = 0;
  let j = 0;
  const ut = u.terms;
  const vt = v.terms;
  while (i < ut.length && j < vt.length) {
    const a = ut[i] as string;
    const b = vt[j] as string;
    if (a === b) {
      sum += (u.weights[i] ?? 0) * (v.weights[j] ?? 0);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return sum;
}

// Integer merge: about 2.5 times faster than comparing strings (1M pairs of 150-term vectors).
function dotByRank(ur: Int32Array, uw: Float64Array, vr: Int32Array, vw: Float64Array): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < ur.length && j < vr.length) {
    const a = ur[i] as number;
    const b = vr[j] as number;
    if (a === b) {
      sum += (uw[i] as number) * (vw[j] as number);
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return sum;
}

/** Cosine of two sparse vectors, in [0, 1] (weights are never negative); 0 if either is empty. */
export function cosine(u: SparseVector, v: SparseVector): number {
  let nu = 0;
  let nv = 0;
  for (const w of u.weights) nu += w * w;
  for (const w of v.weights) nv += w * w;
  if (nu === 0 || nv === 0) return 0;
  // Rounding may give 1.0000000000000002 for identical texts.
  return Math.min(1, Math.max(0, dot(u, v) / Math.sqrt(nu * nv)));
}

/** How alike two indexed documents read, in [0, 1]. Throws for an id not in the index. */
export function textSimilarity(index: TextIndex, idA: string, idB: string): number {
  const u = index.vectors.get(idA);
  const v = index.vectors.get(idB);
  if (!u) throw new RangeError(`document ${idA} is not in the text index`);
  if (!v) throw new RangeError(`document ${idB} is not in the text index`);
  // Index vectors are unit length (or empty, whose dot is 0): the cosine is the dot product.
  return Math.min(1, dot(u, v));
}
