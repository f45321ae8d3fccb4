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
  compatible,
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
  /**
   * Offers by region bit (1 Asia, 2 Europe) in term-start order, as objects and as columns.
   * Writes patch them (see `upsert`) until the next rebuild.
   */
  #byRegion: [OfferFeatures[], OfferFeatures[]] | undefined;
  #columns: [Columns, Columns] | undefined;
  /** Where each offer of the sorted lists sits, to patch its row in place. */
  #position = new Map<string, number>();
  /** Offers added, or moved in term start, since the last rebuild: scanned as objects. */
  #recent: [OfferFeatures[], OfferFeatures[]] = [[], []];
  /** Rows left behind by removals and moves since the last rebuild. */
  #tombstones = 0;
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
    const before = this.#features.get(offer.id);
    const sameText =
      before !== undefined &&
      before.offer.title === offer.title &&
      before.offer.description === offer.description;
    // A changed text is weighed at once with the corpus's current idf; the exact re-weighing of
    // every vector waits for a batch (see #flush).
    const text = sameText ? before.text : vectorFor(this.#text, offer);
    const features = featuresOf(offer, text);
    this.#features.set(offer.id, features);
    if (!sameText) this.#pendingText.set(offer.id, offer);
    if (!this.#byRegion) return;
    // The same place in the term-start order: patch the row. Elsewhere: leave a tombstone and
    // keep the offer among the recent ones until the next rebuild.
    const at = this.#position.get(offer.id);
    const list = this.#byRegion[features.region - 1]!;
    if (at !== undefined && before?.region === features.region && list[at]?.id === offer.id) {
      if (before.startDay === features.startDay) {
        list[at] = features;
        this.#columns![features.region - 1]!.setRow(at, features);
        this.#stretch(features);
        return;
      }
    }
    if (before) this.#leave(before);
    this.#recent[features.region - 1]!.push(features);
    this.#stretch(features);
  }

  /** Keeps the longest-term bound true for an offer that joins or changes. */
  #stretch(features: OfferFeatures): void {
    const r = features.region - 1;
    this.#longestTerm[r] = Math.max(this.#longestTerm[r]!, features.endDay - features.startDay);
  }

  /** Takes an offer's old features out of the lists: a tombstone row, or out of the recent ones. */
  #leave(old: OfferFeatures): void {
    if (!this.#byRegion) return;
    const r = old.region - 1;
    const recent = this.#recent[r]!;
    const inRecent = recent.indexOf(old);
    if (inRecent >= 0) {
      recent.splice(inRecent, 1);
      return;
    }
    const at = this.#position.get(old.id);
    if (at !== undefined && this.#byRegion[r]![at] === old) {
      old.open = false;
      this.#columns![r]!.clearRow(at);
      this.#position.delete(old.id);
      this.#tombstones++;
    }
  }

  /**
   * Re-weighs every text vector now, so the index equals one built afresh from its offers
   * (otherwise done once the writes since the last re-weighing reach 1% of the offers).
   */
  settle(): void {
    this.#reweigh();
  }

  #reweigh(): void {
    if (this.#pendingText.size === 0) return;
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

  remove(id: string): void {
    const old = this.#features.get(id);
    if (!old) return;
    this.#features.delete(id);
    this.#pendingText.set(id, null);
    this.#leave(old);
  }

  /*
   * Text after writes. idf depends on the whole corpus, so an exact index re-weighs every vector
   * after any write: about 0.8 s at 100,000 offers, too much for each edit. So a written offer's
   * vector is weighed at once with the current idf, the others keep theirs, and the exact
   * re-weighing runs once the texts written since reach 1% of the offers (at least 64): a
   * write costs a segmentation, and similarities drift by at most what 1% of the corpus can move
   * idf before they are exact again. `settle()` forces it (tests, a quiet moment).
   */
  #flush(): void {
    const churn = Math.max(64, this.#features.size / 100);
    if (this.#pendingText.size >= churn) this.#reweigh();
    const recent = this.#recent[0].length + this.#recent[1].length;
    // Tombstones and recent offers cost every scan a little: rebuild once they reach 1% too.
    if (!this.#byRegion || this.#tombstones + recent >= churn) {
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
      this.#position = new Map();
      for (const list of byRegion) list.forEach((f, i) => this.#position.set(f.id, i));
      this.#recent = [[], []];
      this.#tombstones = 0;
    }
  }

  /** The features of an indexed offer, or fresh ones for any other (a closed offer, a draft). */
  featuresFor(offer: MatchOffer): OfferFeatures {
    this.#flush();
    return this.#features.get(offer.id) ?? featuresOf(offer, vectorFor(this.#text, offer));
  }

  /** Open offers of a region (1 Asia, 2 Europe), by term start, then id. */
  region(bit: 1 | 2): OfferFeatures[] {
    this.#flush();
    const main = this.#byRegion![bit - 1]!;
    const recent = this.#recent[bit - 1]!;
    if (this.#tombstones === 0 && recent.length === 0) return main.slice();
    return main
      .filter((f) => f.open)
      .concat(recent)
      .sort((x, y) => x.startDay - y.startDay || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  /**
   * The slice [from, to) of the region's list whose terms could overlap `query`'s by the
   * minimum: starts from the query's start + 27 days − the region's longest term up to the
   * query's end − 27 days, found by binary search. Hard constraints are still the caller's.
   */
  near(query: OfferFeatures, bit: 1 | 2): [from: number, to: number] {
    this.#flush();
    const list = this.#byRegion![bit - 1]!;
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
    const dense = denseVector(query.text, this.#text.space);
    const scanned = scanQuery(query);
    const threshold = () => top.threshold;
    this.#flush();
    for (const bit of [1, 2] as const) {
      if ((query.seeks & regions & bit) === 0) continue;
      const list = this.#byRegion![bit - 1]!;
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
      for (const candidate of this.#recent[bit - 1]!) {
        if (candidate.id === query.id || !compatible(query, candidate, today)) continue;
        const score = pairScore(
          query,
          candidate,
          dense,
          need(candidate.offer.country),
          balanceWeight,
          top.threshold,
        );
        if (score >= 0) top.offer(score, candidate);
      }
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
      return Object.assign(match, explainPair(offer, candidate.offer, match, sim));
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
