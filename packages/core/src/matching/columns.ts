// The hot part of the features of one region's offers, column by column in typed arrays, in the
// order of the region's list (by term start). Ranking scans a slice of this list for every query;
// reading a few contiguous arrays instead of chasing 20,000 objects across the heap is what keeps
// a query against 100,000 offers within milliseconds (memory, not arithmetic, was the cost).
//
// A scan here only decides which candidates are worth the full score: it applies the hard
// constraints exactly (the same verdict as `compatible`) and bounds the score from above; the
// survivors are scored by `pairScore` on their feature objects, the one scoring function.
import { popCount, type OfferFeatures } from './features.ts';
import { matchWeights, maxBalanceLift } from './rank.ts';
import { liveHoursScore, weeksScore, fitSizeWeight } from './score-parts.ts';
import { minOverlapDays } from './constraints.ts';
import { topicWeights } from './topic.ts';

const halfHourWords = 11;
/** Languages kept in the columns per offer; an offer with more is checked on its object. */
const packedLanguages = 2;
const languageCodes = new Map<string, number>();
const institutions = new Map<string, number>();
const countries = new Map<string, number>();

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size + 1;
    map.set(key, id);
  }
  return id;
}

export function countryNumber(code: string): number {
  return intern(countries, code);
}

/** code + 1 in bits 0–11, own level in 12–14, least partner level in 15–17; 0 = none. */
function packLanguage(l: OfferFeatures['languages'][number]): number {
  return intern(languageCodes, l.code) | (l.level << 12) | (l.minPartner << 15);
}

export class Columns {
  readonly length: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** region | seeks << 2 | format << 4 | formatsAccepted << 8 | levels << 12 | open << 20 | many languages << 21 */
  readonly flags: Int32Array;
  readonly institution: Int32Array;
  readonly country: Int32Array;
  readonly classSize: Int32Array;
  readonly languages: Int32Array;
  readonly sdgs: Int32Array;
  readonly themes: Int32Array;
  readonly broad: Int32Array;
  readonly fieldCount: Int32Array;
  readonly halfHours: Uint32Array;
  /** The countries of these offers (ISO code by its interned number). */
  readonly countryCodes = new Map<number, string>();

  constructor(readonly list: OfferFeatures[]) {
    const n = list.length;
    this.length = n;
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.flags = new Int32Array(n);
    this.institution = new Int32Array(n);
    this.country = new Int32Array(n);
    this.classSize = new Int32Array(n);
    this.languages = new Int32Array(n * packedLanguages);
    this.sdgs = new Int32Array(n);
    this.themes = new Int32Array(n);
    this.broad = new Int32Array(n);
    this.fieldCount = new Int32Array(n);
    this.halfHours = new Uint32Array(n * halfHourWords);
    list.forEach((f, i) => this.setRow(i, f));
  }

  /** Writes row `i` from features (the list's entry there must be these features). */
  setRow(i: number, f: OfferFeatures): void {
    this.start[i] = f.startDay;
    this.end[i] = f.endDay;
    this.flags[i] = flagsOf(f);
    this.institution[i] = intern(institutions, f.institutionId);
    this.country[i] = countryNumber(f.offer.country);
    this.countryCodes.set(this.country[i]!, f.offer.country);
    this.classSize[i] = f.offer.classSize;
    for (let k = 0; k < packedLanguages; k++) {
      const l = f.languages[k];
      this.languages[i * packedLanguages + k] = l ? packLanguage(l) : 0;
    }
    this.sdgs[i] = f.sdgMask;
    this.themes[i] = f.themeMask;
    this.broad[i] = f.broadMask;
    this.fieldCount[i] = f.fields.length;
    this.halfHours.set(f.halfHours, i * halfHourWords);
  }

  /** Row `i` no longer takes part (its offer left the index): scans skip it. */
  clearRow(i: number): void {
    this.flags[i] = this.flags[i]! & ~(1 << 20);
  }
}

function flagsOf(f: OfferFeatures): number {
  return (
    f.region |
    (f.seeks << 2) |
    (f.format << 4) |
    (f.formatsAccepted << 8) |
    (f.levels << 12) |
    ((f.open ? 1 : 0) << 20) |
    ((f.languages.length > packedLanguages ? 1 : 0) << 21)
  );
}

/** What a scan needs of the query, read once. */
export interface ScanQuery {
  features: OfferFeatures;
  flags: number;
  institution: number;
  languages: Int32Array;
  manyLanguages: boolean;
}

export function scanQuery(features: OfferFeatures): ScanQuery {
  return {
    features,
    flags: flagsOf(features),
    institution: intern(institutions, features.institutionId),
    languages: Int32Array.from(features.languages.map(packLanguage)),
    manyLanguages: features.languages.length > packedLanguages,
  };
}

const codeMask = 0xfff;

/**
 * Visits, in list order, each candidate in [from, to) that meets every hard constraint with the
 * query and whose score bound reaches `threshold()` (asked afresh for each candidate, as the
 * caller's top-k fills). `needOf[country]` is the balance need of each country's offers.
 */
export function scan(
  columns: Columns,
  query: ScanQuery,
  from: number,
  to: number,
  today: number,
  needOf: Float64Array,
  balanceWeight: number,
  threshold: () => number,
  visit: (index: number) => void,
  shareLanguageSlow: (candidate: OfferFeatures) => boolean,
): void {
  const q = query.features;
  const qFlags = query.flags;
  const qRegion = qFlags & 3;
  const qSeeks = (qFlags >> 2) & 3;
  const qFormat = (qFlags >> 4) & 15;
  const qAccepts = (qFlags >> 8) & 15;
  const qLevels = (qFlags >> 12) & 63;
  const qStart = q.startDay;
  const qEnd = q.endDay;
  const qLanguages = query.languages;
  const { start, end, flags, institution, languages, classSize, sdgs, themes, broad, fieldCount } =
    columns;
  const half = columns.halfHours;
  const qHalf = q.halfHours;
  const liftScale = maxBalanceLift * Math.min(1, Math.max(0, balanceWeight));
  if (!q.open || qEnd < today) return;

  for (let i = from; i < to; i++) {
    const f = flags[i]!;
    if (
      (qSeeks & f & 3) === 0 ||
      ((f >> 2) & 3 & qRegion) === 0 ||
      (qAccepts & ((f >> 4) & 15)) === 0 ||
      (qLevels & ((f >> 12) & 63)) === 0 ||
      (f & (1 << 20)) === 0
    )
      continue;
    const cEnd = end[i]!;
    if (cEnd < today) continue;
    const overlapEnd = cEnd < qEnd ? cEnd : qEnd;
    const cStart = start[i]!;
    const overlapStart = cStart > qStart ? cStart : qStart;
    if (overlapEnd - overlapStart + 1 < minOverlapDays) continue;
    if (institution[i] === query.institution) continue;

    // Languages: each side's own level reaches the other's minimum in a shared language.
    let languageA = 0;
    let languageB = 0;
    let shared = false;
    if (query.manyLanguages || (f & (1 << 21)) !== 0) {
      if (!shareLanguageSlow(columns.list[i]!)) continue;
      shared = true;
      languageA = 1;
      languageB = 1;
    } else {
      for (let k = 0; k < qLanguages.length; k++) {
        const la = qLanguages[k]!;
        for (let m = 0; m < packedLanguages; m++) {
          const lb = languages[i * packedLanguages + m]!;
          if (lb === 0 || (la & codeMask) !== (lb & codeMask)) continue;
          const aLevel = (la >> 12) & 7;
          const aMin = (la >> 15) & 7;
          const bLevel = (lb >> 12) & 7;
          const bMin = (lb >> 15) & 7;
          if (aLevel < bMin || bLevel < aMin) continue;
          shared = true;
          languageA = Math.max(languageA, Math.min(1, 0.6 + 0.1 * (bLevel - aMin)));
          languageB = Math.max(languageB, Math.min(1, 0.6 + 0.1 * (aLevel - bMin)));
        }
      }
    }
    if (!shared) continue;

    // The bound: the better side's view with text similarity, fields and live time at their
    // most (shared half-hours bound the live minutes); the harmonic mean never exceeds it.
    const limit = threshold();
    if (limit > -Infinity) {
      let minutes = 0;
      for (let w = 0; w < halfHourWords; w++) {
        minutes += popCount(qHalf[w]! & half[i * halfHourWords + w]!);
      }
      minutes *= 30;
      const live = 0.5 * liveHoursScore(minutes / 60) + (minutes > 0 ? 0.5 : 0);
      const sdgUnion = popCount(q.sdgMask | sdgs[i]!);
      const themeUnion = popCount(q.themeMask | themes[i]!);
      const hasFields = q.fields.length > 0 || fieldCount[i]! > 0;
      let weighted = topicWeights.text;
      let weights = topicWeights.text;
      if (hasFields) {
        weighted += (q.broadMask & broad[i]!) !== 0 ? topicWeights.fields : 0;
        weights += topicWeights.fields;
      }
      if (sdgUnion > 0) {
        weighted += (topicWeights.sdgs * popCount(q.sdgMask & sdgs[i]!)) / sdgUnion;
        weights += topicWeights.sdgs;
      }
      if (themeUnion > 0) {
        weighted += (topicWeights.themes * popCount(q.themeMask & themes[i]!)) / themeUnion;
        weights += topicWeights.themes;
      }
      const topic = Math.min(1, weighted / weights);
      const larger = Math.max(q.offer.classSize, classSize[i]!);
      const sizeRatio = larger > 0 ? Math.min(q.offer.classSize, classSize[i]!) / larger : 0;
      const fit =
        fitSizeWeight * sizeRatio + (1 - fitSizeWeight) * (qFormat === ((f >> 4) & 15) ? 1 : 0.7);
      const bound =
        matchWeights.topic * topic +
        matchWeights.liveHours * live +
        matchWeights.language * Math.max(languageA, languageB) +
        matchWeights.weeks * weeksScore((overlapEnd - overlapStart + 1) / 7) +
        matchWeights.fit * fit +
        liftScale * Math.min(1, Math.max(0, needOf[columns.country[i]!]!));
      // A rounding step of margin: the score is rounded to 0.001 before it is compared.
      if (bound < limit - 0.001) continue;
    }
    visit(i);
  }
}
