// What the matcher precomputes once per offer so that one pair costs integer tests and a few
// small merges: the hard constraints as bit masks and day numbers, SDGs as a bit mask, themes
// and fields sorted, and the weekly live windows in UTC per reference week (computed once per
// week the offer meets, then kept). A matching index keeps these in memory and renews an offer's
// features when it is written; `scorePair` builds them on the fly, so both paths share one
// scoring function and agree to the last bit.
import {
  canonicalThemeIds,
  cefrRank,
  formatIds,
  levelIds,
  themes,
  type Format,
} from '../vocabulary/themes.ts';
import { iscedAncestors } from '../vocabulary/isced.ts';
import { minOverlapDays } from './constraints.ts';
import { overlapMinutes, unionOfIntervals } from './live-hours.ts';
import { minutesOfDay, windowMinutes } from '../offers/offer-rules.ts';
import { offsetChanges, zoneOffsetMinutes } from './zones.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { dot, type SparseVector, type TermSpace } from './text-similarity.ts';
import { combineTopicParts, extraFieldBonus, fieldLevelScore } from './topic.ts';

type Interval = [number, number];

const dayMs = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / dayMs);
}

export function isoDateOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** Days either side of a term over which an offer's zone changes are known. */
const termMargin = 10;

const regionBit = { asia: 1, europe: 2 } as const;
const formatBit = new Map<Format, number>(formatIds.map((f, i) => [f, 1 << i]));
const themeBit = new Map<string, number>(themes.map((t, i) => [t.id, 1 << i]));
const levelBit = new Map<string, number>(levelIds.map((l, i) => [l, 1 << i]));
const coilVirtualExchange = formatBit.get('coil')! | formatBit.get('virtual_exchange')!;

function compatibleFormats(format: Format): number {
  const own = formatBit.get(format)!;
  return own & coilVirtualExchange ? coilVirtualExchange : own;
}

export interface LanguageFeature {
  code: string;
  level: number;
  minPartner: number;
}

export interface OfferFeatures {
  readonly offer: MatchOffer;
  readonly id: string;
  readonly institutionId: string;
  readonly region: number;
  /** The regions this offer accepts, as bits of `region`. */
  readonly seeks: number;
  readonly format: number;
  readonly formatsAccepted: number;
  readonly levels: number;
  readonly startDay: number;
  readonly endDay: number;
  /** Open and not hidden; a matching index clears it when the offer leaves (tombstone). */
  open: boolean;
  readonly languages: readonly LanguageFeature[];
  readonly sdgMask: number;
  readonly sdgCount: number;
  /** Distinct themes, sorted, and as bits (nine ASEM themes). */
  readonly themes: readonly string[];
  readonly themeMask: number;
  /** Distinct detailed fields, and their narrow and broad ancestors, each sorted. */
  readonly fields: readonly string[];
  readonly narrowFields: readonly string[];
  readonly broadFields: readonly string[];
  /** Broad fields as bits (ISCED-F broad codes 00–10): most pairs share none, found at once. */
  readonly broadMask: number;
  /** L2-normalised TF-IDF vector of title and description, when a text index supplied one. */
  text: SparseVector | undefined;
  /** Instants (ms) the offer's zone changes its offset, from `termMargin` days before its term to as many after. */
  readonly offsetChanges: readonly number[];
  /** The zone's offset before the first change, between changes, and after the last. */
  readonly segmentOffsets: readonly number[];
  /** Weekly UTC spans per segment, filled when first needed. */
  readonly segmentSpans: (Interval[] | undefined)[];
  /**
   * The half-hours of the UTC week (7 × 48 bits) its windows touch under any offset its zone
   * takes during the term: two offers whose bits do not meet share no live minute, and the
   * bits they share bound the minutes they can share. The ranker prunes with it.
   */
  readonly halfHours: Uint32Array;
}

function sortedUnique<T extends string | number>(values: readonly T[]): T[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function featuresOf(offer: MatchOffer, text?: SparseVector): OfferFeatures {
  let levels = 0;
  for (const level of offer.levels) levels |= levelBit.get(level) ?? 0;
  let sdgMask = 0;
  for (const n of offer.sdgs) sdgMask |= 1 << (n - 1);
  const fields = sortedUnique(offer.fields);
  const from = (dayNumber(offer.startDate) - termMargin) * dayMs;
  const changes = offsetChanges(
    offer.timeZone,
    from,
    (dayNumber(offer.endDate) + termMargin) * dayMs,
  );
  const segmentOffsets = [
    zoneOffsetMinutes(offer.timeZone, new Date(from)),
    ...changes.map((at) => zoneOffsetMinutes(offer.timeZone, new Date(at))),
  ];
  return {
    offer,
    id: offer.id,
    institutionId: offer.institutionId,
    region: regionBit[offer.region],
    seeks:
      offer.seekingRegion === 'any'
        ? regionBit.asia | regionBit.europe
        : regionBit[offer.seekingRegion],
    format: formatBit.get(offer.format)!,
    formatsAccepted: compatibleFormats(offer.format),
    levels,
    startDay: dayNumber(offer.startDate),
    endDay: dayNumber(offer.endDate),
    open: offer.status === 'open',
    languages: offer.languages.map((l) => ({
      code: l.code,
      level: cefrRank(l.level),
      minPartner: cefrRank(l.minPartnerLevel),
    })),
    sdgMask,
    sdgCount: popCount(sdgMask),
    // An old theme id counts as the theme it was merged into (themes.ts).
    themes: sortedUnique(canonicalThemeIds(offer.themes)),
    themeMask: canonicalThemeIds(offer.themes).reduce(
      (mask, t) => mask | (themeBit.get(t) ?? 0),
      0,
    ),
    fields,
    narrowFields: sortedUnique(fields.map((c) => iscedAncestors(c).narrow)),
    broadFields: sortedUnique(fields.map((c) => iscedAncestors(c).broad)),
    broadMask: fields.reduce((mask, c) => mask | (1 << Number(iscedAncestors(c).broad)), 0),
    text,
    offsetChanges: changes,
    segmentOffsets,
    segmentSpans: changes.map(() => undefined).concat([undefined]),
    halfHours: halfHoursOf(offer.windows, segmentOffsets),
  };
}

const halfHourWords = Math.ceil((7 * 48) / 32);

function halfHoursOf(windows: MatchOffer['windows'], offsets: readonly number[]): Uint32Array {
  const bits = new Uint32Array(halfHourWords);
  for (const offset of new Set(offsets)) {
    for (const [start, end] of spansAtOffset(windows, offset)) {
      for (let slot = Math.floor(start / 30); slot < Math.ceil(end / 30); slot++) {
        bits[slot >>> 5]! |= 1 << (slot & 31);
      }
    }
  }
  return bits;
}

/** An upper bound on the live minutes a week two offers can share (see `halfHours`). */
export function sharedMinutesBound(a: OfferFeatures, b: OfferFeatures): number {
  let n = 0;
  for (let i = 0; i < halfHourWords; i++) n += popCount(a.halfHours[i]! & b.halfHours[i]!);
  return n * 30;
}

export function popCount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Whether a and b share a language in which each side's level reaches the other's minimum. */
export function shareLanguage(a: OfferFeatures, b: OfferFeatures): boolean {
  for (const la of a.languages) {
    for (const lb of b.languages) {
      if (la.code === lb.code && la.level >= lb.minPartner && lb.level >= la.minPartner)
        return true;
    }
  }
  return false;
}

/**
 * Every hard constraint of PRODUCT.md at once, cheapest test first; the same verdict as
 * `isCompatible` (constraints.ts), which names the broken ones for people.
 */
export function compatible(a: OfferFeatures, b: OfferFeatures, today: number): boolean {
  return (
    (a.seeks & b.region) !== 0 &&
    (b.seeks & a.region) !== 0 &&
    (a.formatsAccepted & b.format) !== 0 &&
    (a.levels & b.levels) !== 0 &&
    a.open &&
    b.open &&
    a.endDay >= today &&
    b.endDay >= today &&
    Math.min(a.endDay, b.endDay) - Math.max(a.startDay, b.startDay) + 1 >= minOverlapDays &&
    a.institutionId !== b.institutionId &&
    shareLanguage(a, b)
  );
}

const weekMinutes = 7 * 1440;

/**
 * The windows as UTC minutes of the week under one fixed offset: `weeklyUtcMinutes`'s result for
 * any week in which the zone keeps that offset, without a look-up per window.
 */
function spansAtOffset(windows: MatchOffer['windows'], offset: number): Interval[] {
  const spans: Interval[] = [];
  for (const window of windows) {
    const start =
      ((((window.weekday - 1) * 1440 + minutesOfDay(window.start) - offset) % weekMinutes) +
        weekMinutes) %
      weekMinutes;
    const end = start + windowMinutes(window);
    if (end > weekMinutes) spans.push([start, weekMinutes], [0, end - weekMinutes]);
    else spans.push([start, end]);
  }
  return unionOfIntervals(spans);
}

function spansOfSegment(features: OfferFeatures, segment: number): Interval[] {
  let spans = features.segmentSpans[segment];
  if (!spans) {
    spans = spansAtOffset(features.offer.windows, features.segmentOffsets[segment]!);
    features.segmentSpans[segment] = spans;
  }
  return spans;
}

/** Which offset segment of the offer's zone holds the instant `ms`. */
function segmentAt(features: OfferFeatures, ms: number): number {
  const changes = features.offsetChanges;
  let segment = 0;
  while (segment < changes.length && changes[segment]! <= ms) segment++;
  return segment;
}

/** Live minutes per week, averaged over the shared term; see `liveTogether`. */
export interface LiveTogether {
  shared: number;
  aTotal: number;
  bTotal: number;
}

const cuts: number[] = [];

/**
 * Minutes a week both offers' windows overlap, and each one's own window minutes, averaged over
 * the days `from` to `to` (day numbers, both included): the shared term is cut where either zone
 * changes its clocks (Berlin's last Sundays of March and October, Sydney's April and October)
 * and each stretch counts for its days — so a term that runs across a clock change gets the
 * hours of both regimes. Written into `out` (the ranker's loop allocates nothing).
 */
export function liveTogether(
  a: OfferFeatures,
  b: OfferFeatures,
  from: number,
  to: number,
  out: LiveTogether,
): LiveTogether {
  const days = Math.max(1, to - from + 1);
  cuts.length = 0;
  cuts.push(from);
  for (const changes of [a.offsetChanges, b.offsetChanges]) {
    for (let i = 0; i < changes.length; i++) {
      // A change counts from the nearest midnight: the day it happens is half one, half other.
      const day = Math.round(changes[i]! / dayMs);
      if (day > from && day <= to) cuts.push(day);
    }
  }
  if (cuts.length > 2) cuts.sort((x, y) => x - y);
  cuts.push(to + 1);
  let shared = 0;
  let aTotal = 0;
  let bTotal = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const length = cuts[i + 1]! - cuts[i]!;
    if (length <= 0) continue;
    const middle = ((cuts[i]! + cuts[i + 1]!) / 2) * dayMs;
    const aSpans = spansOfSegment(a, segmentAt(a, middle));
    const bSpans = spansOfSegment(b, segmentAt(b, middle));
    shared += overlapMinutes(aSpans, bSpans) * length;
    aTotal += totalMinutes(aSpans) * length;
    bTotal += totalMinutes(bSpans) * length;
  }
  out.shared = shared / days;
  out.aTotal = aTotal / days;
  out.bTotal = bTotal / days;
  return out;
}

function totalMinutes(spans: readonly Interval[]): number {
  let sum = 0;
  for (let i = 0; i < spans.length; i++) sum += spans[i]![1] - spans[i]![0];
  return sum;
}

/** |A ∩ B| of two sorted, distinct lists. */
export function sharedCount(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** The text similarity of two offers' own vectors (unit length: the dot product is the cosine). */
export function textSimilarityOf(a: OfferFeatures, b: OfferFeatures): number {
  return a.text && b.text ? Math.min(1, dot(a.text, b.text)) : 0;
}

/**
 * A vector spread over an index's vocabulary (rank → weight), so that comparing it with many
 * others reads each of their terms once instead of merging two lists. Terms outside the
 * vocabulary cannot meet a vector of that index; `denseSimilarity` compares the rest by term.
 */
export interface DenseVector {
  weights: Float64Array;
  vector: SparseVector | undefined;
  space: TermSpace;
}

export function denseVector(vector: SparseVector | undefined, space: TermSpace): DenseVector {
  const weights = new Float64Array(space.rank.size);
  if (vector) {
    const ranks = vector.space === space ? vector.ranks : undefined;
    for (let i = 0; i < vector.terms.length; i++) {
      const rank = ranks ? ranks[i]! : space.rank.get(vector.terms[i]!);
      if (rank !== undefined) weights[rank] = vector.weights[i]!;
    }
  }
  return { weights, vector, space };
}

/**
 * `textSimilarityOf` against a dense query vector: the same products summed in the same (term)
 * order, so the same bits. A candidate weighed after the vocabulary was fixed (a recent write
 * with new words) is compared term by term.
 */
export function denseSimilarity(query: DenseVector, b: OfferFeatures): number {
  const text = b.text;
  if (!text || !query.vector) return 0;
  if (!text.ranks || text.space !== query.space) return Math.min(1, dot(query.vector, text));
  const ranks = text.ranks;
  const weights = text.weights;
  const dense = query.weights;
  let sum = 0;
  for (let i = 0; i < ranks.length; i++) {
    const q = dense[ranks[i]!]!;
    if (q !== 0) sum += q * weights[i]!;
  }
  return Math.min(1, sum);
}

/** The topic score of `topicScore` (topic.ts) from features: the same parts, the same bits. */
export function topicScoreOf(a: OfferFeatures, b: OfferFeatures, textSim: number): number {
  if (Number.isNaN(textSim)) throw new RangeError('text similarity is NaN');
  // Most pairs share no broad field, so no finer one either: 0 without building the list.
  const fields = fieldsScoreOf(a, b);
  const sdgUnion = popCount(a.sdgMask | b.sdgMask);
  const sharedThemes = sharedCount(a.themes, b.themes);
  const themeUnion = a.themes.length + b.themes.length - sharedThemes;
  return combineTopicParts(
    fields,
    Math.min(1, Math.max(0, textSim)),
    sdgUnion === 0 ? 0 : popCount(a.sdgMask & b.sdgMask) / sdgUnion,
    themeUnion === 0 ? 0 : sharedThemes / themeUnion,
    a.fields.length > 0 || b.fields.length > 0,
    sdgUnion > 0,
    themeUnion > 0,
  );
}

function includes(list: readonly string[], code: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === code) return true;
  return false;
}

/**
 * `fieldsScore(sharedFieldsOf(a, b))` (topic.ts) without building the list: a shared narrow field
 * counts when no shared detailed field lies beneath it, a shared broad one when no shared narrow
 * field does (ISCED-F codes nest by prefix: 0613 in 061 in 06).
 */
export function fieldsScoreOf(a: OfferFeatures, b: OfferFeatures): number {
  if ((a.broadMask & b.broadMask) === 0) return 0;
  let broad = 0;
  let narrow = 0;
  let detailed = 0;
  for (const code of a.broadFields) {
    if (!includes(b.broadFields, code)) continue;
    let narrowBeneath = false;
    for (const n of a.narrowFields) {
      if (!n.startsWith(code) || !includes(b.narrowFields, n)) continue;
      narrowBeneath = true;
      let detailedBeneath = false;
      for (const d of a.fields) {
        if (d.startsWith(n) && includes(b.fields, d)) {
          detailedBeneath = true;
          detailed++;
        }
      }
      if (!detailedBeneath) narrow++;
    }
    if (!narrowBeneath) broad++;
  }
  if (detailed + narrow + broad === 0) return 0;
  // The same sum, in the same order, as fieldsScore: the best, then a bonus per further field.
  const best = detailed > 0 ? 'detailed' : narrow > 0 ? 'narrow' : 'broad';
  let bonus = 0;
  for (let i = best === 'detailed' ? 1 : 0; i < detailed; i++)
    bonus += extraFieldBonus * fieldLevelScore.detailed;
  for (let i = best === 'narrow' ? 1 : 0; i < narrow; i++)
    bonus += extraFieldBonus * fieldLevelScore.narrow;
  for (let i = best === 'broad' ? 1 : 0; i < broad; i++)
    bonus += extraFieldBonus * fieldLevelScore.broad;
  return Math.min(1, fieldLevelScore[best] + bonus);
}
