// The matcher's memory: every open offer's features and text vector, kept between requests and
// renewed when offers are written, so that ranking one offer against 100,000 costs a scan of
// integer tests and the scoring of the few thousand candidates that pass them — no database,
// no segmentation, no time-zone look-ups on the hot path.
import { balanceNeed, type PartnershipCounts } from './balance.ts';
import { findCountry } from '../vocabulary/countries.ts';
import type { BalanceGoals } from '../balance/goals.ts';
import { Columns, scan, scanQuery } from './columns.ts';
import { minOverlapDays } from './constraints.ts';
import {
  dayNumber,
  denseVector,
  featuresOf,
  shareLanguage,
  textSimilarityOf,
  type OfferFeatures,
} from './features.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { explainPair, pairScore, scoreFeatures, type RankedMatch } from './rank.ts';
import {
  applyChanges,
  buildTextIndex,
  vectorFor,
  type TextDoc,
  type TextIndex,
} from './text-similarity.ts';

export interface BalanceState {
  counts: PartnershipCounts;
  goals: Pick<
    BalanceGoals,
    'maxCountryShare' | 'asiaShareTarget' | 'priorityCountries' | 'balanceWeight'
  >;
}

export interface IndexRankContext {
  today: string;
  balance: BalanceState;
}

/** Balance need per country for one query (51 countries, each computed once). */
export function balanceNeedCache(balance: BalanceState): (country: string) => number {
  const byCountry = new Map<string, number>();
  return (country) => {
    let need = byCountry.get(country);
    if (need === undefined) {
      const region = findCountry(country)?.region ?? 'europe';
      need = balanceNeed({ country, region }, balance.counts, balance.goals);
      byCountry.set(country, need);
    }
    return need;
  };
}

export class MatchingIndex<T extends MatchOffer = MatchOffer> {
  #features = new Map<string, OfferFeatures>();
  #text: TextIndex;
  #pendingText = new Map<string, TextDoc | null>();
  /** Offers by region bit (1 Asia, 2 Europe) in term-start order, rebuilt after writes. */
  #byRegion: [OfferFeatures[], OfferFeatures[]] | undefined;
  #columns: [Columns, Columns] | undefined;
  /** The longest term (days) in each region: bounds how early a partner's term may start. */
  #longestTerm: [number, number] = [0, 0];

  constructor(offers: readonly T[]) {
    this.#text = buildTextIndex(offers);
    for (const offer of offers) {
      this.#features.set(offer.id, featuresOf(offer, this.#text.vectors.get(offer.id)));
    }
  }

  get size(): number {
    return this.#features.size;
  }

  has(id: string): boolean {
    return this.#features.has(id);
  }

  /** Adds or renews an offer after a write; an offer no longer open leaves the index. */
  upsert(offer: T): void {
    if (offer.status !== 'open') {
      this.remove(offer.id);
      return;
    }
    const before = this.#features.get(offer.id)?.offer;
    this.#features.set(offer.id, featuresOf(offer, this.#features.get(offer.id)?.text));
    if (!before || before.title !== offer.title || before.description !== offer.description) {
      this.#pendingText.set(offer.id, offer);
    }
    this.#byRegion = undefined;
  }

  remove(id: string): void {
    if (!this.#features.delete(id)) return;
    this.#pendingText.set(id, null);
    this.#byRegion = undefined;
  }

  /**
   * Applies the text changes waiting since the last query in one re-weighting (idf depends on
   * the whole corpus, so every vector moves a little): the index then equals one built afresh.
   */
  #flush(): void {
    if (this.#pendingText.size > 0) {
      const upsert: TextDoc[] = [];
      const remove: string[] = [];
      for (const [id, doc] of this.#pendingText) {
        if (doc) upsert.push(doc);
        else remove.push(id);
      }
      this.#pendingText.clear();
      this.#text = applyChanges(this.#text, { upsert, remove });
      for (const [id, features] of this.#features) features.text = this.#text.vectors.get(id);
    }
    if (!this.#byRegion) {
      const byRegion: [OfferFeatures[], OfferFeatures[]] = [[], []];
      const longest: [number, number] = [0, 0];
      for (const features of this.#features.values()) {
        byRegion[features.region - 1]!.push(features);
        const r = features.region - 1;
        longest[r] = Math.max(longest[r]!, features.endDay - features.startDay);
      }
      // Start, then id: every scan, and so every tie, the same whatever the order of writes.
      for (const list of byRegion) {
        list.sort((x, y) => x.startDay - y.startDay || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      }
      this.#byRegion = byRegion;
      this.#columns = [new Columns(byRegion[0]), new Columns(byRegion[1])];
      this.#longestTerm = longest;
    }
  }

  /** The features of an indexed offer, or fresh ones for any other (a closed offer, a draft). */
  featuresFor(offer: MatchOffer): OfferFeatures {
    this.#flush();
    return this.#features.get(offer.id) ?? featuresOf(offer, vectorFor(this.#text, offer));
  }

  /** Open offers of a region (1 Asia, 2 Europe), by term start, then id. */
  region(bit: 1 | 2): readonly OfferFeatures[] {
    this.#flush();
    return this.#byRegion![bit - 1]!;
  }

  /**
   * The slice [from, to) of the region's list whose terms could overlap `query`'s by the
   * minimum: starts from the query's start + 27 days − the region's longest term up to the
   * query's end − 27 days, found by binary search. Hard constraints are still the caller's.
   */
  near(query: OfferFeatures, bit: 1 | 2): [from: number, to: number] {
    const list = this.region(bit);
    const earliest = query.startDay + minOverlapDays - 1 - this.#longestTerm[bit - 1]!;
    const latest = query.endDay - minOverlapDays + 1;
    const firstAtLeast = (day: number) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]!.startDay < day) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [firstAtLeast(earliest), firstAtLeast(latest + 1)];
  }

  /**
   * The best `k` compatible partners of `query` (features of an offer, indexed or not), best
   * first, ties by id, scored with `need` for each candidate's balance lift, from the regions
   * (bits) the query seeks, narrowed by `regions` if given. The hot loop keeps
   * only scalars; callers build breakdowns for the few they return.
   */
  topPartners(
    query: OfferFeatures,
    today: number,
    k: number,
    need: (country: string) => number,
    balanceWeight: number,
    regions: number = query.seeks,
  ): TopK {
    const top = new TopK(k);
    if (k <= 0) return top;
    const dense = denseVector(query.text, this.#text.space.rank.size);
    const scanned = scanQuery(query);
    const threshold = () => top.threshold;
    for (const bit of [1, 2] as const) {
      if ((query.seeks & regions & bit) === 0) continue;
      const list = this.region(bit);
      const columns = this.#columns![bit - 1]!;
      const needs = new Float64Array(Math.max(0, ...columns.countryCodes.keys()) + 1);
      for (const [n, code] of columns.countryCodes) needs[n] = need(code);
      const [from, to] = this.near(query, bit);
      scan(
        columns,
        scanned,
        from,
        to,
        today,
        needs,
        balanceWeight,
        threshold,
        (i) => {
          const candidate = list[i]!;
          if (candidate.id === query.id) return;
          const score = pairScore(
            query,
            candidate,
            dense,
            needs[columns.country[i]!]!,
            balanceWeight,
            top.threshold,
          );
          if (score >= 0) top.offer(score, candidate);
        },
        (candidate) => shareLanguage(query, candidate),
      );
    }
    return top;
  }

  /**
   * The best `limit` compatible partners of `offer`, best first (ties by id), with breakdowns
   * and reasons. The offer need not be in the index.
   */
  rank(offer: MatchOffer, context: IndexRankContext, limit: number): RankedMatch[] {
    const query = this.featuresFor(offer);
    const need = balanceNeedCache(context.balance);
    const weight = context.balance.goals.balanceWeight;
    const top = this.topPartners(query, dayNumber(context.today), limit, need, weight);
    return top.items.map((candidate) => {
      const sim = textSimilarityOf(query, candidate);
      const match = scoreFeatures(query, candidate, sim, {
        need: need(candidate.offer.country),
        weight,
      });
      match.reasons = explainPair(offer, candidate.offer, match, sim);
      return match;
    });
  }

  /** The indexed offer of this id. */
  offer(id: string): T | undefined {
    // Features keep the offer they were made from: one of this index's T.
    return this.#features.get(id)?.offer as T | undefined;
  }
}

/** The `k` best offers seen, by score (higher first) then id; O(k) per insertion, k is small. */
export class TopK {
  readonly scores: number[] = [];
  readonly items: OfferFeatures[] = [];
  constructor(readonly k: number) {}

  /** The score an offer must beat (or tie with a smaller id) to enter, once full. */
  get threshold(): number {
    return this.items.length < this.k ? -Infinity : this.scores[this.scores.length - 1]!;
  }

  offer(score: number, item: OfferFeatures): void {
    const n = this.items.length;
    if (n >= this.k) {
      const lastScore = this.scores[n - 1]!;
      if (score < lastScore || (score === lastScore && item.id > this.items[n - 1]!.id)) return;
    }
    let i = Math.min(n, this.k - 1);
    if (n < this.k) {
      this.scores.push(score);
      this.items.push(item);
    }
    while (
      i > 0 &&
      (this.scores[i - 1]! < score ||
        (this.scores[i - 1] === score && this.items[i - 1]!.id > item.id))
    ) {
      this.scores[i] = this.scores[i - 1]!;
      this.items[i] = this.items[i - 1]!;
      i--;
    }
    this.scores[i] = score;
    this.items[i] = item;
  }
}
