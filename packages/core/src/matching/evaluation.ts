// The matcher's evaluation harness (`pnpm eval:matching`): planted fixtures whose right answer is
// known by construction — for each query offer one ideal partner and near-miss decoys, each the
// ideal worsened in exactly one part or breaking exactly one hard constraint, hidden among
// synthetic offers — and the measures that say whether the ranker finds the ideal, never returns
// a forbidden pair, and how close a matching round comes to the optimum over all pairs.
// Pure and deterministic for a seed: no I/O, no clock.
import { createRandom, type Random } from '../random.ts';
import { iscedDetailed, type IscedDetailed } from '../vocabulary/isced.ts';
import { cefrLevels, levelIds, themes, type CefrLevel, type Format } from '../vocabulary/themes.ts';
import type { OfferLanguage, WeeklyWindow } from '../offers/offer-rules.ts';
import type { Region } from '../vocabulary/countries.ts';
import { hardConstraintViolations, type ViolationCode } from './constraints.ts';
import { dayNumber, isoDateOfDay } from './features.ts';
import { MatchingIndex, type BalanceState } from './matching-index.ts';
import type { MatchOffer } from './offer-for-matching.ts';
import { exactRoundTotal, solveRound } from './round.ts';
import { syntheticOffers } from './synthetic.ts';
import { utcToLocal } from './zones.ts';

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
  const themeIds = random.sample(themes, random.int(1, 2)).map((t) => t.id);
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
