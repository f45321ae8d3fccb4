// The matcher's evaluation harness (`pnpm eval:matching`): planted fixtures whose right answer is
// known by construction — for each query offer one ideal partner and near-miss decoys, each the
// ideal worsened in exactly one part or breaking exactly one hard constraint, hidden among
// synthetic offers — and the measures that say whether the ranker finds the ideal, never returns
// a forbidden pair, and how close a matching round comes to the optimum over all pairs.
// Pure and deterministic for a seed: no I/O, no clock.
import { createRandom, type Random } from '../random.ts';
import { iscedDetailed, type IscedDetailed } from '../vocabulary/isced.ts';
import { cefrLevels, levelIds, type CefrLevel, type Format } from '../vocabulary/themes.ts';

/*
 * The theme ids the fixtures draw from: the nine ids of ASEM's lists as they stood before the
 * near-duplicates were merged (vocabulary/themes.ts), so the seeded fixtures — and the results
 * the weights were tuned on — stay the same. The two old ids count as the themes they became.
 */
const themeChoices = [
  'balanced_mobility',
  'lifelong_learning',
  'skills',
  'recognition',
  'quality_assurance_recognition',
  'business_industry',
  'lifelong_learning_tvet',
  'digitalisation',
  'sustainable_development',
].map((id) => ({ id }));
import type { OfferLanguage, WeeklyWindow } from '../offers/offer-rules.ts';
import type { Region } from '../vocabulary/countries.ts';
import { hardConstraintViolations, type ViolationCode } from './constraints.ts';
import { dayNumber, isoDateOfDay, textSimilarityOf } from './features.ts';
import { balanceNeedCache, MatchingIndex, type BalanceState } from './matching-index.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { scoreFeatures, withMatchWeights, type RankedMatch } from './rank.ts';
import { exactRoundTotal, solveRound } from './round.ts';
import { syntheticOffers } from './synthetic.ts';
import { localToUtc, utcToLocal } from './zones.ts';

/** The parts of the score a "worse" decoy loses on (rank.ts `matchWeights`, balance aside). */
export const worseParts = ['topic', 'liveHours', 'language', 'weeks', 'fit'] as const;
export type WorsePart = (typeof worseParts)[number];

/** The hard constraints a "breaking" decoy breaks, one each (constraints.ts `ViolationCode`). */
export const brokenConstraints: readonly ViolationCode[] = [
  'same_institution',
  'region',
  'language',
  'study_level',
  'format',
  'term',
  'not_open',
];

export type Decoy =
  | { kind: 'worse'; part: WorsePart; variant: string; offer: MatchOffer }
  | { kind: 'breaks'; constraint: ViolationCode; offer: MatchOffer };

export interface PlantedQuery {
  query: MatchOffer;
  ideal: MatchOffer;
  decoys: Decoy[];
}

export interface PlantedFixtures {
  seed: string;
  queries: PlantedQuery[];
  /** Background offers from `syntheticOffers`: plausible competitors for every query. */
  noise: MatchOffer[];
  /** Every offer above, queries included: what the index is built over. */
  offers: MatchOffer[];
}

/** What a decoy varies, e.g. `worse:liveHours/1h` or `breaks:term`. */
export function decoyLabel(decoy: Decoy): string {
  return decoy.kind === 'worse'
    ? `worse:${decoy.part}/${decoy.variant}`
    : `breaks:${decoy.constraint}`;
}

/** The evaluation's fixed day and neutral balance: every country equally in need, so no lift differs. */
export const evaluationToday = '2027-01-01';
export const neutralBalance: BalanceState = {
  counts: { byCountry: new Map(), total: 0, fromAsia: 0, fromEurope: 0 },
  goals: { maxCountryShare: 0.1, asiaShareTarget: 0.5, priorityCountries: [], balanceWeight: 0.1 },
};

// Zones chosen for what makes live time hard: Asia/Kolkata (+05:30) and Asia/Yangon (+06:30)
// with half hours, Australia/Sydney with southern-hemisphere DST, and European zones that all
// change clocks on the last Sundays of March and October — terms span both dates.
const places: Readonly<Record<Region, readonly (readonly [country: string, zone: string])[]>> = {
  asia: [
    ['JP', 'Asia/Tokyo'],
    ['KR', 'Asia/Seoul'],
    ['CN', 'Asia/Shanghai'],
    ['IN', 'Asia/Kolkata'],
    ['IN', 'Asia/Kolkata'],
    ['SG', 'Asia/Singapore'],
    ['TH', 'Asia/Bangkok'],
    ['VN', 'Asia/Ho_Chi_Minh'],
    ['ID', 'Asia/Jakarta'],
    ['PH', 'Asia/Manila'],
    ['MY', 'Asia/Kuala_Lumpur'],
    ['PK', 'Asia/Karachi'],
    ['BD', 'Asia/Dhaka'],
    ['MM', 'Asia/Yangon'],
    ['AU', 'Australia/Sydney'],
    ['KZ', 'Asia/Almaty'],
  ],
  europe: [
    ['DE', 'Europe/Berlin'],
    ['FR', 'Europe/Paris'],
    ['GB', 'Europe/London'],
    ['PT', 'Europe/Lisbon'],
    ['FI', 'Europe/Helsinki'],
    ['GR', 'Europe/Athens'],
    ['PL', 'Europe/Warsaw'],
    ['ES', 'Europe/Madrid'],
    ['IE', 'Europe/Dublin'],
    ['RO', 'Europe/Bucharest'],
    ['NL', 'Europe/Amsterdam'],
    ['IT', 'Europe/Rome'],
    ['SE', 'Europe/Stockholm'],
  ],
};

// Words that make each query's text its own (none is in synthetic.ts's topics), so text
// similarity separates the ideal (which shares most of them) from offers on other subjects.
const keywords = [
  'mangroves',
  'microfinance',
  'blockchain',
  'ceramics',
  'dementia',
  'typhoons',
  'aquaculture',
  'semiconductors',
  'orchestras',
  'migration',
  'volcanoes',
  'tariffs',
  'vaccines',
  'glaciers',
  'cryptography',
  'heritage',
  'satellites',
  'wetlands',
  'textiles',
  'pharmacology',
  'earthquakes',
  'bioplastics',
  'cooperatives',
  'folklore',
  'hydrogen',
  'irrigation',
  'journalism',
  'kinship',
  'logistics',
  'metallurgy',
  'nanomaterials',
  'obesity',
  'pollinators',
  'quantum',
  'rainforests',
  'shipbuilding',
  'telemedicine',
  'urbanisation',
  'viticulture',
  'wildfires',
  'acoustics',
  'batteries',
  'calligraphy',
  'diabetes',
  'ecotourism',
  'fisheries',
  'genomics',
  'hospitality',
  'insurance',
  'jurisprudence',
  'koalas',
  'linguistics',
  'microplastics',
  'neuroscience',
  'opera',
  'photovoltaics',
  'railways',
  'seismology',
  'tuberculosis',
  'upcycling',
  'vernacular',
  'welding',
  'xenotransplantation',
  'yoga',
  'zoonoses',
  'algorithms',
  'biodiversity',
  'choreography',
  'desalination',
  'entrepreneurship',
  'fermentation',
  'geothermal',
  'humanitarian',
  'infographics',
  'karst',
  'lighthouses',
  'monsoons',
  'nutrition',
  'origami',
  'ports',
];

// Query fields come from broad fields with at least two narrow ones, so a decoy can share only
// the broad field.
const fieldChoices: readonly IscedDetailed[] = iscedDetailed.filter(
  (f) =>
    f.broad !== '00' &&
    !f.code.endsWith('88') &&
    iscedDetailed.some((g) => g.broad === f.broad && g.narrow !== f.narrow),
);

const capitalise = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** A weekly window in `zone` from a UTC instant (ms) for `minutes`: the clock times it shows there. */
function windowAt(zone: string, startMs: number, minutes: number): WeeklyWindow {
  const start = utcToLocal(new Date(startMs), zone);
  const end = utcToLocal(new Date(startMs + minutes * 60_000), zone);
  return { weekday: start.weekday, start: start.time, end: end.time };
}

function titleOf(words: readonly string[], field: IscedDetailed): string {
  return `${capitalise(words[0]!)} and ${words[1]} in ${field.name.toLowerCase()}`;
}

function descriptionOf(words: readonly string[], field: IscedDetailed, partner: boolean): string {
  return partner
    ? `Our ${field.name.toLowerCase()} class looks for partners on ${words[1]}, ${words[0]} and ${words[2]}; mixed teams compare ${words[3]} in both regions and present a joint report.`
    : `Students of ${field.name.toLowerCase()} work with a partner class on ${words[0]}, ${words[1]} and ${words[2]}, with a joint project on ${words[3]} and weekly live sessions.`;
}

function lowerLevel(level: CefrLevel, steps: number): CefrLevel {
  return cefrLevels[Math.max(0, cefrLevels.indexOf(level) - steps)]!;
}

/** One query with its ideal partner and decoys; `n` makes ids and institutions unique. */
function plantQuery(random: Random, n: number): PlantedQuery {
  const queryRegion: Region = random.chance(0.5) ? 'asia' : 'europe';
  const partnerRegion: Region = queryRegion === 'asia' ? 'europe' : 'asia';
  const [queryCountry, queryZone] = random.pick(places[queryRegion]);
  const [partnerCountry, partnerZone] = random.pick(places[partnerRegion]);
  const field = random.pick(fieldChoices);
  const words = random.sample(keywords, 5);
  const otherWords = random.sample(
    keywords.filter((w) => !words.includes(w)),
    5,
  );
  const format: Format = random.weighted([
    ['coil', 6],
    ['virtual_exchange', 3],
    ['virtual_mobility', 1],
    ['blended_mobility', 1],
  ] as const);
  const sdgs = random.sample(
    Array.from({ length: 17 }, (_, i) => i + 1),
    random.int(1, 3),
  );
  const themeIds = random.sample(themeChoices, random.int(1, 2)).map((t) => t.id);
  const levels = random.sample(levelIds, random.int(1, 2));
  const minPartnerLevel = random.pick(['B1', 'B2'] as const);
  const ownLevel = random.pick(['C1', 'C2', 'native'] as const);
  const classSize = random.int(15, 60);

  // Terms of 12 to 18 weeks through 2027, so many span a clock change (28 March, 31 October in
  // Europe; 4 April, 3 October in Sydney). The ideal's term is nearly the same: ≥ 10 shared weeks.
  const queryStart = dayNumber('2027-01-11') + random.int(0, 280);
  const queryEnd = queryStart + random.int(84, 126);
  const idealStart = queryStart + random.int(-5, 5);
  const idealEnd = queryEnd + random.int(-5, 5);

  // One live slot in UTC that is daytime on both sides (06:00–10:00 UTC is afternoon in East
  // Asia, morning in Europe), in the middle week of the shared term, where the ranker measures
  // live time: the ideal shares all of it, 2 to 3 hours.
  const sharedStart = Math.max(queryStart, idealStart);
  const sharedEnd = Math.min(queryEnd, idealEnd);
  const middle = sharedStart + Math.floor((sharedEnd - sharedStart) / 2);
  const monday = middle - ((middle + 3) % 7);
  const day = monday + random.int(0, 4);
  const slotMinutes = random.pick([120, 150, 180]);
  const slotStart = day * 86_400_000 + random.pick([360, 390, 420, 450, 480]) * 60_000;

  const query: MatchOffer = {
    id: `q${n}`,
    institutionId: `inst-q${n}`,
    country: queryCountry,
    region: queryRegion,
    status: 'open',
    title: titleOf(words, field),
    description: descriptionOf(words, field, false),
    format,
    fields: [field.code],
    sdgs,
    themes: themeIds,
    languages: [{ code: 'en', level: ownLevel, minPartnerLevel }],
    levels,
    startDate: isoDateOfDay(queryStart),
    endDate: isoDateOfDay(queryEnd),
    timeZone: queryZone,
    windows: [windowAt(queryZone, slotStart, slotMinutes)],
    classSize,
    seekingRegion: random.chance(0.1) ? 'any' : partnerRegion,
    openToStudents: random.chance(0.5),
  };
  const idealWindow = windowAt(partnerZone, slotStart, slotMinutes);
  const ideal: MatchOffer = {
    id: `q${n}-ideal`,
    institutionId: `inst-q${n}-ideal`,
    country: partnerCountry,
    region: partnerRegion,
    status: 'open',
    title: titleOf([words[1]!, words[0]!], field),
    description: descriptionOf([words[0]!, words[1]!, words[2]!, words[4]!], field, true),
    format,
    fields: [field.code],
    sdgs: [...sdgs],
    themes: [...themeIds],
    languages: [{ code: 'en', level: random.pick(['C1', 'C2'] as const), minPartnerLevel: 'B1' }],
    levels: [...levels],
    startDate: isoDateOfDay(idealStart),
    endDate: isoDateOfDay(idealEnd),
    timeZone: partnerZone,
    windows: [idealWindow],
    classSize: Math.max(5, classSize + random.int(-4, 4)),
    seekingRegion: queryRegion,
    openToStudents: random.chance(0.5),
  };

  const decoys: Decoy[] = [];
  const variant = (name: string, changes: Partial<MatchOffer>): MatchOffer => ({
    ...ideal,
    id: `q${n}-${name}`,
    institutionId: `inst-q${n}-${name}`,
    ...changes,
  });
  const worse = (part: WorsePart, name: string, changes: Partial<MatchOffer>) =>
    decoys.push({ kind: 'worse', part, variant: name, offer: variant(`${part}-${name}`, changes) });
  const breaks = (constraint: ViolationCode, changes: Partial<MatchOffer>) =>
    decoys.push({ kind: 'breaks', constraint, offer: variant(constraint, changes) });

  // Topic: only the broad field shared (text, SDGs, themes kept), or the same field with text
  // on another subject.
  const broadOnly = random.pick(
    iscedDetailed.filter((f) => f.broad === field.broad && f.narrow !== field.narrow),
  );
  worse('topic', 'broad-field', { fields: [broadOnly.code] });
  const otherField = random.pick(fieldChoices.filter((f) => f.broad !== field.broad));
  worse('topic', 'other-text', {
    title: titleOf(otherWords, otherField),
    description: descriptionOf(otherWords, otherField, true),
  });

  // Live hours: the same clock times on another weekday (no overlap), or the slot moved so one
  // hour remains — earlier on the Asian side, later on the European, as real timetables would.
  worse('liveHours', 'none', {
    windows: [{ ...idealWindow, weekday: (idealWindow.weekday % 5) + 1 }],
  });
  const shift = (slotMinutes - 60) * 60_000 * (partnerRegion === 'asia' ? -1 : 1);
  worse('liveHours', '1h', { windows: [windowAt(partnerZone, slotStart + shift, slotMinutes)] });

  // Language: the partner's level just clears what the query asks.
  worse('language', 'minimum', {
    languages: [{ code: 'en', level: minPartnerLevel, minPartnerLevel: 'B1' }],
  });

  // Calendar: the term starts late and overlaps the query's by 5 to 7 weeks only.
  const shortStart = queryEnd - random.int(5, 7) * 7 + 1;
  worse('weeks', 'short', {
    startDate: isoDateOfDay(shortStart),
    endDate: isoDateOfDay(shortStart + (idealEnd - idealStart)),
  });

  // Fit: a class four times the size, or the other of COIL and virtual exchange.
  worse('fit', 'class-size', { classSize: classSize * 4 });
  if (format === 'coil' || format === 'virtual_exchange') {
    worse('fit', 'format', { format: format === 'coil' ? 'virtual_exchange' : 'coil' });
  }

  breaks('same_institution', { institutionId: query.institutionId });
  breaks('region', { seekingRegion: partnerRegion });
  const tooLow: OfferLanguage = {
    code: 'en',
    level: lowerLevel(minPartnerLevel, 1),
    minPartnerLevel: 'B1',
  };
  breaks('language', { languages: [tooLow] });
  breaks('study_level', { levels: [levelIds.find((l) => !levels.includes(l))!] });
  breaks('format', {
    format: format === 'coil' || format === 'virtual_exchange' ? 'virtual_mobility' : 'coil',
  });
  const lateStart = queryEnd - 26; // 27 days shared, both ends counted: one short of the minimum
  breaks('term', {
    startDate: isoDateOfDay(lateStart),
    endDate: isoDateOfDay(lateStart + (idealEnd - idealStart)),
  });
  breaks('not_open', { status: 'closed' });

  return { query, ideal, decoys };
}

/**
 * `queries` planted queries (half Asian, half European on average) and `noise` synthetic offers
 * (default ten per query). Deterministic for `seed`.
 */
export function plantedFixtures(
  seed: string,
  queries: number,
  noise: number = queries * 10,
): PlantedFixtures {
  const random = createRandom(`planted:${seed}`);
  const planted = Array.from({ length: queries }, (_, n) =>
    plantQuery(random.fork(`query-${n}`), n),
  );
  const background = syntheticOffers(noise, `noise:${seed}`);
  return {
    seed,
    queries: planted,
    noise: background,
    offers: [
      ...planted.flatMap((p) => [p.query, p.ideal, ...p.decoys.map((d) => d.offer)]),
      ...background,
    ],
  };
}

export interface EvaluateOptions {
  today?: string;
  balance?: BalanceState;
  /** Candidates ranked per query; the ideal's rank beyond it counts as not found. */
  limit?: number;
}

export interface DecoyTally {
  decoys: number;
  /** Decoys ranked above the ideal (or returned while the ideal was not). */
  outranked: number;
  /** Mean of ideal score − decoy score over pairs both returned: the margin the ideal keeps. */
  meanGap: number;
}

export interface Violating {
  queryId: string;
  candidateId: string;
  codes: ViolationCode[];
}

export interface Miss {
  queryId: string;
  /** 1-based, or null when the ideal was not among the returned candidates. */
  idealRank: number | null;
  idealScore: number | null;
  /** What ranked first: a decoy's label, `ideal of qN` or `noise`. */
  first: string;
  firstScore: number;
}

export interface Evaluation {
  queries: number;
  /** Share of queries whose ideal partner ranks first. */
  precisionAt1: number;
  /** Mean reciprocal rank of the ideal (0 when not returned). */
  mrr: number;
  /** Returned candidates that break a hard constraint with their query: must be 0. */
  violations: number;
  violating: Violating[];
  /** Per part, and per `part/variant`, how often a "worse" decoy outranks the ideal. */
  worse: Record<WorsePart, DecoyTally>;
  variants: Record<string, DecoyTally>;
  /** The queries whose ideal did not rank first. */
  misses: Miss[];
}

function tally(entries: readonly { outranked: boolean; gap: number | null }[]): DecoyTally {
  const gaps = entries.flatMap((e) => (e.gap === null ? [] : [e.gap]));
  return {
    decoys: entries.length,
    outranked: entries.filter((e) => e.outranked).length,
    meanGap: gaps.length > 0 ? gaps.reduce((s, g) => s + g, 0) / gaps.length : 0,
  };
}

/**
 * Ranks every planted query with a `MatchingIndex` over all fixture offers and measures how the
 * ideal fares: precision@1, MRR, each returned candidate against the hard constraints, and how
 * often each kind of "worse" decoy outranks the ideal.
 */
export function evaluate(fixtures: PlantedFixtures, options: EvaluateOptions = {}): Evaluation {
  return plantedScorer(fixtures, options)();
}

/**
 * `evaluate` with the index built once: each call measures again under the weights then in force
 * (see `withMatchWeights`), which is what the weight search needs.
 */
export function plantedScorer(
  fixtures: PlantedFixtures,
  options: EvaluateOptions = {},
): () => Evaluation {
  const today = options.today ?? evaluationToday;
  const balance = options.balance ?? neutralBalance;
  const limit = options.limit ?? 50;
  const index = new MatchingIndex(fixtures.offers);
  const byId = new Map(fixtures.offers.map((o) => [o.id, o]));
  const labelOf = new Map<string, string>();
  for (const p of fixtures.queries) {
    labelOf.set(p.ideal.id, `ideal of ${p.query.id}`);
    for (const d of p.decoys) labelOf.set(d.offer.id, `${decoyLabel(d)} of ${p.query.id}`);
  }
  return () => measurePlanted(fixtures, index, byId, labelOf, today, balance, limit);
}

function measurePlanted(
  fixtures: PlantedFixtures,
  index: MatchingIndex,
  byId: ReadonlyMap<string, MatchOffer>,
  labelOf: ReadonlyMap<string, string>,
  today: string,
  balance: BalanceState,
  limit: number,
): Evaluation {
  let hits = 0;
  let reciprocal = 0;
  const violating: Violating[] = [];
  const misses: Miss[] = [];
  const entries = new Map<string, { part: WorsePart; outranked: boolean; gap: number | null }[]>();

  for (const { query, ideal, decoys } of fixtures.queries) {
    const ranked = index.rank(query, { today, balance }, limit);
    for (const match of ranked) {
      const codes = hardConstraintViolations(query, byId.get(match.offerId)!, { today }).map(
        (v) => v.code,
      );
      if (codes.length > 0)
        violating.push({ queryId: query.id, candidateId: match.offerId, codes });
    }
    const at = ranked.findIndex((m) => m.offerId === ideal.id);
    const idealScore = at >= 0 ? ranked[at]!.score : null;
    if (at === 0) hits++;
    if (at >= 0) reciprocal += 1 / (at + 1);
    if (at !== 0 && ranked[0]) {
      misses.push({
        queryId: query.id,
        idealRank: at >= 0 ? at + 1 : null,
        idealScore,
        first: labelOf.get(ranked[0].offerId) ?? 'noise',
        firstScore: ranked[0].score,
      });
    }
    for (const decoy of decoys) {
      if (decoy.kind !== 'worse') continue;
      const d = ranked.findIndex((m) => m.offerId === decoy.offer.id);
      const outranked = d >= 0 && (at < 0 || d < at);
      const gap = d >= 0 && idealScore !== null ? idealScore - ranked[d]!.score : null;
      const key = `${decoy.part}/${decoy.variant}`;
      const list = entries.get(key) ?? [];
      list.push({ part: decoy.part, outranked, gap });
      entries.set(key, list);
    }
  }

  const all = [...entries.values()].flat();
  const worse = Object.fromEntries(
    worseParts.map((part) => [part, tally(all.filter((e) => e.part === part))]),
  ) as Record<WorsePart, DecoyTally>;
  const variants = Object.fromEntries(
    [...entries.keys()].sort().map((key) => [key, tally(entries.get(key)!)]),
  );
  const n = fixtures.queries.length;
  return {
    queries: n,
    precisionAt1: n > 0 ? hits / n : 0,
    mrr: n > 0 ? reciprocal / n : 0,
    violations: violating.length,
    violating,
    worse,
    variants,
    misses,
  };
}

export interface RoundEvaluation {
  offers: number;
  asiaOffers: number;
  europeOffers: number;
  proposals: number;
  candidatePairs: number;
  /** The round's total (top-k graph, then an exact assignment on it). */
  roundTotal: number;
  /** The optimum over every compatible Asia × Europe pair (Hungarian method). */
  exactTotal: number;
  /** roundTotal / exactTotal: 1 when the top-k graph loses nothing. */
  ratio: number;
  /** Proposals that break a hard constraint: must be 0. */
  violations: number;
}

/**
 * A matching round over `size` synthetic offers (5 % of them no longer open) against the
 * optimum over all pairs: the price of keeping only each offer's top k partners.
 */
export function evaluateRound(
  seed: string,
  size: number,
  options: EvaluateOptions & { k?: number } = {},
): RoundEvaluation {
  const today = options.today ?? evaluationToday;
  const balance = options.balance ?? neutralBalance;
  const offers = syntheticOffers(size, `round:${seed}`, { closedShare: 0.05 });
  const byId = new Map(offers.map((o) => [o.id, o]));
  const index = new MatchingIndex(offers);
  const roundOptions =
    options.k === undefined ? { today, balance } : { today, balance, k: options.k };
  const round = solveRound(index, roundOptions);
  const exactTotal = exactRoundTotal(index.region(1), index.region(2), { today, balance });
  const violations = round.proposals.filter(
    (p) =>
      hardConstraintViolations(byId.get(p.offerId)!, byId.get(p.partnerOfferId)!, { today })
        .length > 0,
  ).length;
  return {
    offers: size,
    asiaOffers: round.asiaOffers,
    europeOffers: round.europeOffers,
    proposals: round.proposals.length,
    candidatePairs: round.candidatePairs,
    roundTotal: round.totalScore,
    exactTotal,
    ratio: exactTotal > 0 ? round.totalScore / exactTotal : 1,
    violations,
  };
}

// ---------------------------------------------------------------------------------------------
// Trade-offs. A decoy worse in one part loses under any positive weights, so the planted
// fixtures cannot tell one weight vector from another. Here each query has two candidates that
// differ in two parts in opposite directions, and which should win is written down with its
// reason from PRODUCT.md ("The core: matching"): topic, then live time together (Europe–East
// Asia working days share 1–3 hours: what matters most for COIL), then calendar, then fit;
// balance only tips near-ties. Some kinds let the less important part win because the
// difference in the more important one is tiny, so agreeing with all of them takes weights
// that are not merely lexicographic.

/** A part of the score, or the balance lift (rank.ts `Breakdown`). */
export type ScorePart = WorsePart | 'balance';

/** One candidate of a trade-off, as the parts the ranker sees it. */
export interface CandidateSpec {
  /**
   * `detailed`: the query's ISCED-F field and subject; `narrow` / `broad`: another field sharing
   * only the narrow / broad one (same subject words); `other`: another broad field and another
   * subject; `extra-sdg`: as `detailed`, naming one SDG more than the query.
   */
  topic: 'detailed' | 'narrow' | 'broad' | 'other' | 'extra-sdg';
  /** Live hours per week shared with the query, in the week the ranker measures. */
  hours: number;
  /** Weeks of shared term, or `full`: nearly the query's whole term (more than 13 weeks). */
  weeks: number | 'full';
  /** `minimum`: the candidate's level is just what the query asks; `comfortable`: C2 or native. */
  language: 'comfortable' | 'minimum';
  /** Class size against the query's (`similar` within ±3), and `format`: COIL ↔ virtual exchange. */
  fit: 'similar' | '2x' | '3x' | '4x' | '4x-format';
  /** From a country the secretariat's goals prioritise (a full balance lift). */
  priority: boolean;
}

interface TradeOffVariant {
  expected: Partial<CandidateSpec>;
  other: Partial<CandidateSpec>;
  /** The part in which the expected winner is better, and the one in which the other is. */
  expectedBetterIn: ScorePart;
  otherBetterIn: ScorePart;
}

export interface TradeOffKind {
  name: string;
  /** The expected winner and the other candidate, in a few words. */
  expected: string;
  other: string;
  /** Why the expected one should win, from PRODUCT.md. */
  reason: string;
  /** Formats the query may have (default: any, weighted as in the planted fixtures). */
  formats?: readonly Format[];
  /** One is picked per scenario. */
  variants: readonly TradeOffVariant[];
}

const one = (
  expectedBetterIn: ScorePart,
  expected: Partial<CandidateSpec>,
  otherBetterIn: ScorePart,
  other: Partial<CandidateSpec>,
): TradeOffVariant[] => [{ expected, other, expectedBetterIn, otherBetterIn }];

export const tradeOffKinds: readonly TradeOffKind[] = [
  {
    name: 'topic>live',
    expected: 'same detailed field, 1 h live',
    other: 'another broad field and subject, 3 h live',
    reason: 'a partner must teach something close; live hours cannot make another subject a course',
    variants: one('topic', { topic: 'detailed', hours: 1 }, 'liveHours', {
      topic: 'other',
      hours: 3,
    }),
  },
  {
    name: 'live>near-topic',
    expected: 'same narrow field, 3 h live',
    other: 'same detailed field, 0 h live',
    reason: 'without a live hour COIL cannot run at all; a sibling narrow field shares methods',
    variants: one('liveHours', { topic: 'narrow', hours: 3 }, 'topic', {
      topic: 'detailed',
      hours: 0,
    }),
  },
  {
    name: 'topic>tiny-live',
    expected: 'same detailed field, 2 h live',
    other: 'same narrow field, 3 h live',
    reason:
      'two hours a week already carry a COIL module; the same subject beats a neighbouring one',
    variants: one('topic', { topic: 'detailed', hours: 2 }, 'liveHours', {
      topic: 'narrow',
      hours: 3,
    }),
  },
  {
    name: 'narrow>broad+0.5h',
    expected: 'same narrow field, 2.5 h live',
    other: 'same broad field only, 3 h live',
    reason: 'half an hour more does not make up for sharing only a wide broad field',
    variants: one('topic', { topic: 'narrow', hours: 2.5 }, 'liveHours', {
      topic: 'broad',
      hours: 3,
    }),
  },
  {
    name: 'live>calendar (COIL)',
    expected: '2 h live, 5 shared weeks',
    other: '0 h live, 14 shared weeks',
    reason: 'live time matters most for COIL; 5 weeks still hold a 4–8-week module',
    formats: ['coil'],
    variants: one('liveHours', { hours: 2, weeks: 5 }, 'weeks', { hours: 0, weeks: 14 }),
  },
  {
    name: 'calendar>tiny-live',
    expected: '2.5 h live, 12 shared weeks',
    other: '3 h live, 5 shared weeks',
    reason: 'half an hour more is little; 5 weeks barely fit a module, 12 leave room for exams',
    variants: one('weeks', { hours: 2.5, weeks: 12 }, 'liveHours', { hours: 3, weeks: 5 }),
  },
  {
    name: 'live>fit',
    expected: '2.5 h live, class 4× larger',
    other: '1.5 h live, class of similar size',
    reason: 'live time comes before fit: an extra hour a week matters more than uneven classes',
    variants: one('liveHours', { hours: 2.5, fit: '4x' }, 'fit', { hours: 1.5, fit: 'similar' }),
  },
  {
    name: 'fit>tiny-live',
    expected: '2.5 h live, class of similar size',
    other: '3 h live, class 4× larger',
    reason: 'half an hour more is little; mixed teams need students from both sides',
    variants: one('fit', { hours: 2.5, fit: 'similar' }, 'liveHours', { hours: 3, fit: '4x' }),
  },
  {
    name: 'live>language',
    expected: 'language just at the minimum, 3 h live',
    other: 'comfortable language, 0.5 h live',
    reason: 'half an hour is hardly a live session; the minimum level is workable by definition',
    variants: one('liveHours', { language: 'minimum', hours: 3 }, 'language', {
      language: 'comfortable',
      hours: 0.5,
    }),
  },
  {
    name: 'language>tiny-live',
    expected: 'comfortable language, 2.5 h live',
    other: 'language just at the minimum, 3 h live',
    reason: 'students at their limit talk less; half an hour more does not make up for it',
    variants: one('language', { language: 'comfortable', hours: 2.5 }, 'liveHours', {
      language: 'minimum',
      hours: 3,
    }),
  },
  {
    name: 'calendar>language',
    expected: '12 shared weeks, language at the minimum',
    other: '5 shared weeks, comfortable language',
    reason: 'calendar is a part users feel; a language at the minimum is still workable',
    variants: one('weeks', { weeks: 12, language: 'minimum' }, 'language', {
      weeks: 5,
      language: 'comfortable',
    }),
  },
  {
    name: 'calendar>fit',
    expected: '12 shared weeks, class 3× larger',
    other: '5 shared weeks, class of similar size',
    reason: 'calendar comes before fit: 5 weeks barely fit a module, uneven classes can still mix',
    variants: one('weeks', { weeks: 12, fit: '3x' }, 'fit', { weeks: 5, fit: 'similar' }),
  },
  {
    name: 'fit>tiny-calendar',
    expected: '9 shared weeks, class of similar size',
    other: '12 shared weeks, class 3× larger',
    reason: 'beyond 9 weeks a module (4–8) gains little; a 3× class leaves teams lopsided',
    variants: one('fit', { weeks: 9, fit: 'similar' }, 'weeks', { weeks: 12, fit: '3x' }),
  },
  {
    name: 'fit>tiny-topic',
    expected: 'one SDG more than the query, class of similar size',
    other: 'the same SDGs, class 4× larger',
    reason: 'an extra SDG is a coarse label on the same subject; a 4× class is a real mismatch',
    variants: one('fit', { topic: 'extra-sdg', fit: 'similar' }, 'topic', {
      topic: 'detailed',
      fit: '4x',
    }),
  },
  {
    name: 'topic>calendar',
    expected: 'same detailed field, 5 shared weeks',
    other: 'another broad field and subject, 14 shared weeks',
    reason: 'topic first: a longer shared term is no use with a partner teaching something else',
    variants: one('topic', { topic: 'detailed', weeks: 5 }, 'weeks', { topic: 'other', weeks: 14 }),
  },
  {
    name: 'topic>fit',
    expected: 'same detailed field, class 4× larger and COIL with virtual exchange',
    other: 'same broad field only, same format and class size',
    reason: 'topic first, fit last: the same subject outweighs uneven classes and formats',
    formats: ['coil', 'virtual_exchange'],
    variants: one('topic', { topic: 'detailed', fit: '4x-format' }, 'fit', {
      topic: 'broad',
      fit: 'similar',
    }),
  },
  {
    name: 'balance tips a near-tie',
    expected: 'priority country, slightly worse (class 2× or one SDG more)',
    other: 'no lift, slightly better',
    reason: 'balance tips ties and near-ties (score gap < 0.05 before the lift)',
    // Not a shorter term: it changes which clock changes fall in it, so live time moves too.
    variants: [
      {
        expected: { priority: true, fit: '2x' },
        other: {},
        expectedBetterIn: 'balance',
        otherBetterIn: 'fit',
      },
      {
        expected: { priority: true, topic: 'extra-sdg' },
        other: {},
        expectedBetterIn: 'balance',
        otherBetterIn: 'topic',
      },
    ],
  },
  {
    name: 'balance lifts no poor match',
    expected: 'no lift, clearly better',
    other: 'priority country, another subject or no live hour (gap > 0.1)',
    reason: 'balance never lifts a poor match over a good one',
    variants: [
      {
        expected: {},
        other: { priority: true, topic: 'other' },
        expectedBetterIn: 'topic',
        otherBetterIn: 'balance',
      },
      {
        expected: { hours: 3 },
        other: { priority: true, hours: 0 },
        expectedBetterIn: 'liveHours',
        otherBetterIn: 'balance',
      },
    ],
  },
];

export interface TradeOffScenario {
  id: string;
  kind: string;
  query: MatchOffer;
  /** The candidate that should rank above the other. */
  expected: MatchOffer;
  other: MatchOffer;
  expectedSpec: CandidateSpec;
  otherSpec: CandidateSpec;
  expectedBetterIn: ScorePart;
  otherBetterIn: ScorePart;
  /** Neutral, or for the balance kinds: the expected's or the other's country prioritised. */
  balance: BalanceState;
}

export interface TradeOffFixtures {
  seed: string;
  scenarios: TradeOffScenario[];
  noise: MatchOffer[];
  offers: MatchOffer[];
}

// Fields with both a sibling in their narrow field and one in another narrow field of the broad.
const tradeOffFields: readonly IscedDetailed[] = fieldChoices.filter((f) =>
  iscedDetailed.some((g) => g.narrow === f.narrow && g.code !== f.code && !g.code.endsWith('88')),
);

const dayMs = 86_400_000;

/** Balance goals that prioritise `country` and give every other country no need at all. */
function priorityBalance(country: string, others: readonly string[]): BalanceState {
  return {
    counts: {
      byCountry: new Map(others.map((c) => [c, 10])),
      total: 10,
      fromAsia: 5,
      fromEurope: 5,
    },
    goals: {
      maxCountryShare: 0.1,
      asiaShareTarget: 0.5,
      priorityCountries: [country],
      balanceWeight: 1,
    },
  };
}

function tradeOffScenario(random: Random, kind: TradeOffKind, n: number): TradeOffScenario {
  const variant = random.pick(kind.variants);
  const queryRegion: Region = random.chance(0.5) ? 'asia' : 'europe';
  const partnerRegion: Region = queryRegion === 'asia' ? 'europe' : 'asia';
  const [queryCountry, queryZone] = random.pick(places[queryRegion]);
  const partnerPlaces = random.sample(
    places[partnerRegion].filter(([c], i, all) => all.findIndex(([d]) => d === c) === i),
    2,
  );
  const field = random.pick(tradeOffFields);
  const narrowField = random.pick(
    iscedDetailed.filter(
      (g) => g.narrow === field.narrow && g.code !== field.code && !g.code.endsWith('88'),
    ),
  );
  const broadField = random.pick(
    iscedDetailed.filter((f) => f.broad === field.broad && f.narrow !== field.narrow),
  );
  const otherField = random.pick(fieldChoices.filter((f) => f.broad !== field.broad));
  const words = random.sample(keywords, 5);
  const otherWords = random.sample(
    keywords.filter((w) => !words.includes(w)),
    5,
  );
  const format: Format = kind.formats
    ? random.pick(kind.formats)
    : random.weighted([
        ['coil', 6],
        ['virtual_exchange', 3],
        ['virtual_mobility', 1],
        ['blended_mobility', 1],
      ] as const);
  const allSdgs = Array.from({ length: 17 }, (_, i) => i + 1);
  const sdgs = random.sample(allSdgs, random.int(1, 3));
  const extraSdg = random.pick(allSdgs.filter((g) => !sdgs.includes(g)));
  const themeIds = random.sample(themeChoices, random.int(1, 2)).map((t) => t.id);
  const levels = random.sample(levelIds, random.int(1, 2));
  const minPartnerLevel = random.pick(['B1', 'B2'] as const);
  const classSize = random.int(15, 60);
  const similarSize = Math.max(5, classSize + random.int(-3, 3));
  const comfortable = random.pick(['C2', 'native'] as const);
  const defaultHours = random.pick([2, 2.5, 3]);

  // Terms of 15 to 18 weeks through 2027 (many across a clock change), so 14 weeks can be shared.
  const queryStart = dayNumber('2027-01-11') + random.int(0, 260);
  const queryEnd = queryStart + random.int(105, 126);
  const fullStart = queryStart + random.int(-5, 5);
  const fullEnd = queryEnd + random.int(-5, 5);
  const partnerLength = random.int(105, 126);

  // The query's one window: 06:00–08:00 UTC onwards (afternoon in East Asia, morning in Europe)
  // on a weekday of its middle week, 3 to 4 hours long so that 3 shared hours are not all of it.
  const slotMinutes = random.pick([180, 210, 240]);
  const queryMiddle = queryStart + Math.floor((queryEnd - queryStart) / 2);
  const queryDay = queryMiddle - ((queryMiddle + 3) % 7) + random.int(0, 4);
  const queryWindow = windowAt(
    queryZone,
    queryDay * dayMs + random.pick([360, 390, 420, 450, 480]) * 60_000,
    slotMinutes,
  );
  const query: MatchOffer = {
    id: `t${n}`,
    institutionId: `inst-t${n}`,
    country: queryCountry,
    region: queryRegion,
    status: 'open',
    title: titleOf(words, field),
    description: descriptionOf(words, field, false),
    format,
    fields: [field.code],
    sdgs,
    themes: themeIds,
    languages: [
      { code: 'en', level: random.pick(['C1', 'C2', 'native'] as const), minPartnerLevel },
    ],
    levels,
    startDate: isoDateOfDay(queryStart),
    endDate: isoDateOfDay(queryEnd),
    timeZone: queryZone,
    windows: [queryWindow],
    classSize,
    seekingRegion: random.chance(0.1) ? 'any' : partnerRegion,
    openToStudents: random.chance(0.5),
  };

  /** `hours` shared with the query's window in the week the ranker measures for this term. */
  const windowFor = (zone: string, start: number, end: number, hours: number): WeeklyWindow => {
    const from = Math.max(queryStart, start);
    const to = Math.min(queryEnd, end);
    const middle = from + Math.floor((to - from) / 2);
    const monday = middle - ((middle + 3) % 7);
    const at = localToUtc(
      isoDateOfDay(monday + queryWindow.weekday - 1),
      queryWindow.start,
      queryZone,
    ).getTime();
    // No hour: the same clock times a day later or earlier. Otherwise the slot moved so `hours`
    // remain: earlier on the Asian side, later on the European, as real timetables would.
    if (hours === 0)
      return windowAt(zone, at + (queryWindow.weekday <= 3 ? dayMs : -dayMs), slotMinutes);
    const shift = (slotMinutes - hours * 60) * 60_000 * (partnerRegion === 'asia' ? -1 : 1);
    return windowAt(zone, at + shift, slotMinutes);
  };

  const candidate = (
    name: string,
    partial: Partial<CandidateSpec>,
    place: readonly [string, string],
  ) => {
    const spec: CandidateSpec = {
      topic: 'detailed',
      hours: defaultHours,
      weeks: 'full',
      language: 'comfortable',
      fit: 'similar',
      priority: false,
      ...partial,
    };
    const [country, zone] = place;
    const candidateField =
      spec.topic === 'narrow'
        ? narrowField
        : spec.topic === 'broad'
          ? broadField
          : spec.topic === 'other'
            ? otherField
            : field;
    const candidateWords = spec.topic === 'other' ? otherWords : words;
    let start = fullStart;
    let end = fullEnd;
    if (spec.weeks !== 'full') {
      start = queryEnd - spec.weeks * 7 + 1;
      end = start + partnerLength;
    }
    const sizeFactor = { similar: 0, '2x': 2, '3x': 3, '4x': 4, '4x-format': 4 }[spec.fit];
    const offer: MatchOffer = {
      id: `t${n}-${name}`,
      institutionId: `inst-t${n}-${name}`,
      country,
      region: partnerRegion,
      status: 'open',
      title: titleOf([candidateWords[1]!, candidateWords[0]!], candidateField),
      description: descriptionOf(
        [candidateWords[0]!, candidateWords[1]!, candidateWords[2]!, candidateWords[4]!],
        candidateField,
        true,
      ),
      format: spec.fit === '4x-format' ? (format === 'coil' ? 'virtual_exchange' : 'coil') : format,
      fields: [candidateField.code],
      sdgs: spec.topic === 'extra-sdg' ? [...sdgs, extraSdg] : [...sdgs],
      themes: [...themeIds],
      languages: [
        {
          code: 'en',
          level: spec.language === 'minimum' ? minPartnerLevel : comfortable,
          minPartnerLevel: 'B1',
        },
      ],
      levels: [...levels],
      startDate: isoDateOfDay(start),
      endDate: isoDateOfDay(end),
      timeZone: zone,
      windows: [windowFor(zone, start, end, spec.hours)],
      classSize: sizeFactor === 0 ? similarSize : classSize * sizeFactor,
      seekingRegion: queryRegion,
      openToStudents: random.chance(0.5),
    };
    return { offer, spec };
  };

  // Which of the two is "a" is drawn, so that ties broken by id favour neither.
  const expectedFirst = random.chance(0.5);
  // Two countries (balance scenarios lift one of them) but one time zone: the ranker averages
  // live time over the whole term, so two zones with different clock changes would differ in
  // live hours even where the scenario says they are equal.
  const sharedZone = partnerPlaces[0]![1];
  const expected = candidate(expectedFirst ? 'a' : 'b', variant.expected, [
    partnerPlaces[0]![0],
    sharedZone,
  ]);
  const other = candidate(expectedFirst ? 'b' : 'a', variant.other, [
    partnerPlaces[1]![0],
    sharedZone,
  ]);
  const priority = expected.spec.priority ? expected : other.spec.priority ? other : null;
  return {
    id: query.id,
    kind: kind.name,
    query,
    expected: expected.offer,
    other: other.offer,
    expectedSpec: expected.spec,
    otherSpec: other.spec,
    expectedBetterIn: variant.expectedBetterIn,
    otherBetterIn: variant.otherBetterIn,
    balance: priority
      ? priorityBalance(
          priority.offer.country,
          [expected.offer.country, other.offer.country].filter((c) => c !== priority.offer.country),
        )
      : neutralBalance,
  };
}

/**
 * `perKind` scenarios of every trade-off kind, and `noise` synthetic offers so the text index
 * weighs words as in a real corpus. Deterministic for `seed`.
 */
export function tradeOffFixtures(
  seed: string,
  perKind: number,
  noise: number = 300,
): TradeOffFixtures {
  const random = createRandom(`trade-offs:${seed}`);
  const scenarios: TradeOffScenario[] = [];
  for (let i = 0; i < perKind; i++) {
    for (const kind of tradeOffKinds) {
      scenarios.push(tradeOffScenario(random.fork(`${kind.name}-${i}`), kind, scenarios.length));
    }
  }
  const background = syntheticOffers(noise, `trade-off-noise:${seed}`);
  return {
    seed,
    scenarios,
    noise: background,
    offers: [...scenarios.flatMap((s) => [s.query, s.expected, s.other]), ...background],
  };
}

export interface TradeOffTally {
  scenarios: number;
  /** Scenarios whose expected winner scores strictly above the other (a tie does not count). */
  agreed: number;
  /** The least of expected − other score: negative when some scenario disagrees. */
  smallestMargin: number;
  meanMargin: number;
}

export interface TradeOffEvaluation extends TradeOffTally {
  /** agreed / scenarios. */
  agreement: number;
  byKind: Record<string, TradeOffTally>;
}

function tradeOffTally(margins: readonly number[]): TradeOffTally {
  return {
    scenarios: margins.length,
    agreed: margins.filter((m) => m > 0).length,
    smallestMargin: margins.length > 0 ? Math.min(...margins) : 0,
    meanMargin: margins.length > 0 ? margins.reduce((s, m) => s + m, 0) / margins.length : 0,
  };
}

export interface TradeOffScorer {
  /** Scores every scenario under the weights in force (see `withMatchWeights`). */
  run(): TradeOffEvaluation;
  /** The scored pair of scenario `i`, with breakdowns: [expected, other]. */
  pair(i: number): [RankedMatch, RankedMatch];
}

/**
 * Scores the trade-offs as `MatchingIndex.rank` scores a returned candidate (`scoreFeatures`,
 * the text similarity from the index), with features built once.
 */
export function tradeOffScorer(fixtures: TradeOffFixtures): TradeOffScorer {
  const index = new MatchingIndex(fixtures.offers);
  const prepared = fixtures.scenarios.map((s) => {
    const query = index.featuresFor(s.query);
    const need = balanceNeedCache(s.balance);
    const side = (offer: MatchOffer) => {
      const features = index.featuresFor(offer);
      return { features, sim: textSimilarityOf(query, features), need: need(offer.country) };
    };
    return { s, query, expected: side(s.expected), other: side(s.other) };
  });
  const score = (p: (typeof prepared)[number], side: (typeof prepared)[number]['expected']) =>
    scoreFeatures(p.query, side.features, side.sim, {
      need: side.need,
      weight: p.s.balance.goals.balanceWeight,
    });
  return {
    run() {
      const byKind = new Map<string, number[]>();
      const all: number[] = [];
      for (const p of prepared) {
        const margin = score(p, p.expected).score - score(p, p.other).score;
        all.push(margin);
        const list = byKind.get(p.s.kind) ?? [];
        list.push(margin);
        byKind.set(p.s.kind, list);
      }
      const total = tradeOffTally(all);
      return {
        ...total,
        agreement: total.scenarios > 0 ? total.agreed / total.scenarios : 0,
        byKind: Object.fromEntries([...byKind].map(([kind, m]) => [kind, tradeOffTally(m)])),
      };
    },
    pair(i) {
      const p = prepared[i]!;
      return [score(p, p.expected), score(p, p.other)];
    },
  };
}

export function evaluateTradeOffs(fixtures: TradeOffFixtures): TradeOffEvaluation {
  return tradeOffScorer(fixtures).run();
}

// ---------------------------------------------------------------------------------------------
// The weight search.

export type Weights = Record<WorsePart, number>;

/**
 * Weight vectors in steps of 0.05 that sum to 1: topic 0.25–0.45, live hours 0.15–0.35,
 * language 0.05–0.20, weeks 0.05–0.20, fit 0.05–0.15.
 */
export function weightGrid(): Weights[] {
  const grid: Weights[] = [];
  const w = (units: number) => Math.round(units * 5) / 100;
  for (let topic = 5; topic <= 9; topic++)
    for (let liveHours = 3; liveHours <= 7; liveHours++)
      for (let language = 1; language <= 4; language++)
        for (let weeks = 1; weeks <= 4; weeks++) {
          const fit = 20 - topic - liveHours - language - weeks;
          if (fit < 1 || fit > 3) continue;
          grid.push({
            topic: w(topic),
            liveHours: w(liveHours),
            language: w(language),
            weeks: w(weeks),
            fit: w(fit),
          });
        }
  return grid;
}

export interface WeightTrial {
  weights: Weights;
  agreement: number;
  smallestMargin: number;
  meanMargin: number;
  byKind: Record<string, TradeOffTally>;
  precisionAt1: number;
  mrr: number;
}

/** Best first: trade-off agreement, then precision@1, MRR, the smallest and the mean margin. */
export function compareTrials(a: WeightTrial, b: WeightTrial): number {
  return (
    b.agreement - a.agreement ||
    b.precisionAt1 - a.precisionAt1 ||
    b.mrr - a.mrr ||
    b.smallestMargin - a.smallestMargin ||
    b.meanMargin - a.meanMargin
  );
}

/** Measures one weight vector on the trade-offs and the planted fixtures. */
export function trialOf(
  weights: Weights,
  tradeOffs: TradeOffScorer,
  planted: () => Evaluation,
): WeightTrial {
  return withMatchWeights(weights, () => {
    const t = tradeOffs.run();
    const p = planted();
    return {
      weights,
      agreement: t.agreement,
      smallestMargin: t.smallestMargin,
      meanMargin: t.meanMargin,
      byKind: t.byKind,
      precisionAt1: p.precisionAt1,
      mrr: p.mrr,
    };
  });
}

/** Every vector of `grid` measured, best first (see `compareTrials`). */
export function searchWeights(
  grid: readonly Weights[],
  tradeOffs: TradeOffScorer,
  planted: () => Evaluation,
): WeightTrial[] {
  return grid.map((w) => trialOf(w, tradeOffs, planted)).sort(compareTrials);
}
