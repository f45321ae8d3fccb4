// The topic part of a match: how close two offers' ISCED-F fields, SDGs, themes and texts are,
// as one score in [0, 1] with the parts and the shared items that explain it.
import { iscedAncestors, iscedName } from '../vocabulary/isced.ts';
import { canonicalThemeIds } from '../vocabulary/themes.ts';

/** The parts of an offer (`OfferContent`) that say what it is about. */
export interface TopicOffer {
  readonly fields: readonly string[];
  readonly sdgs: readonly number[];
  readonly themes: readonly string[];
}

export type FieldLevel = 'detailed' | 'narrow' | 'broad';

/** A field both offers teach: a detailed code they share, or else the narrow or broad one. */
export interface SharedField {
  code: string;
  level: FieldLevel;
}

export interface TopicScore {
  score: number;
  parts: { fields: number; sdgs: number; themes: number; text: number };
  sharedFields: SharedField[];
  sharedSdgs: number[];
  sharedThemes: string[];
}

/*
 * How much a shared level is worth. The same detailed field (0613 with 0613) is the same subject:
 * students can work on one brief from week one. The same narrow field (0613 Software development
 * with 0612 Database design, both 061 ICTs) shares methods, vocabulary and literature, so a joint
 * project is easy to frame: clearly more than half. A broad field is wide (05 covers biology,
 * physics, mathematics and environmental science): some common ground, but the lecturers must
 * build the bridge, so under a third. Roughly halving at each step up keeps "detailed > narrow >
 * broad" well apart, so one fine match beats several coarse ones. Different broad fields give 0
 * here; an interdisciplinary pair (0521 Environmental sciences with 0413 Management, on
 * sustainability) can still score through SDGs, themes and text.
 */
export const fieldLevelScore: Readonly<Record<FieldLevel, number>> = {
  detailed: 1,
  narrow: 0.6,
  broad: 0.3,
};

/**
 * Each further shared field adds this share of its level's worth, capped at 1, so two offers that
 * overlap on two narrow fields rank above a pair that overlaps on one. A shared detailed field
 * already gives 1, so the bonus only lifts pairs whose best overlap is narrow or broad.
 */
export const extraFieldBonus = 0.1;

/*
 * Weights of the parts. Fields lead: every offer names them, the lecturer chose them from a
 * fixed vocabulary, and "do we teach the same thing" is what users judge first. Text is next: it
 * sees what codes miss (two 0613 offers, one on games and one on banking software) but it is
 * noisy, and it is blind across languages — a Japanese and an English description of the same
 * course share no words — so it must not outweigh the fields. SDGs and themes are optional and
 * coarse (17 goals, a short list of ASEM themes, and many offers name SDG 4 or digitalisation), so they tip the
 * balance only a little.
 */
export const topicWeights = { fields: 0.5, text: 0.3, sdgs: 0.1, themes: 0.1 } as const;

const levelOrder: Record<FieldLevel, number> = { detailed: 0, narrow: 1, broad: 2 };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Fields both offers teach, each at the finest level they share: shared detailed codes, then
 * narrow codes with no shared detailed code beneath, then broad codes with no shared narrow or
 * detailed code beneath. Best first, then by code.
 */
export function sharedFieldsOf(a: readonly string[], b: readonly string[]): SharedField[] {
  const bDetailed = new Set(b);
  const narrowOf = (codes: readonly string[]) =>
    new Set(codes.map((c) => iscedAncestors(c).narrow));
  const broadOf = (codes: readonly string[]) => new Set(codes.map((c) => iscedAncestors(c).broad));
  const detailed = [...new Set(a)].filter((c) => bDetailed.has(c));
  const covered = new Set(
    detailed.flatMap((c) => {
      const { narrow, broad } = iscedAncestors(c);
      return [narrow, broad];
    }),
  );
  const bNarrow = narrowOf(b);
  const narrow = [...narrowOf(a)].filter((c) => bNarrow.has(c) && !covered.has(c));
  // A narrow code's first 2 digits are its broad field.
  for (const c of narrow) covered.add(c.slice(0, 2));
  const bBroad = broadOf(b);
  const broad = [...broadOf(a)].filter((c) => bBroad.has(c) && !covered.has(c));
  const shared: SharedField[] = [
    ...detailed.map((code) => ({ code, level: 'detailed' as const })),
    ...narrow.map((code) => ({ code, level: 'narrow' as const })),
    ...broad.map((code) => ({ code, level: 'broad' as const })),
  ];
  return shared.sort(
    (x, y) => levelOrder[x.level] - levelOrder[y.level] || compareStrings(x.code, y.code),
  );
}

/** The fields part: the best shared level, plus a small bonus for each further shared field. */
export function fieldsScore(shared: readonly SharedField[]): number {
  const [best, ...rest] = shared;
  if (!best) return 0;
  const bonus = rest.reduce((sum, f) => sum + extraFieldBonus * fieldLevelScore[f.level], 0);
  return Math.min(1, fieldLevelScore[best.level] + bonus);
}

/** |A ∩ B| / |A ∪ B|, and 0 when both are empty. */
export function jaccard<T>(a: readonly T[], b: readonly T[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let both = 0;
  for (const x of setA) if (setB.has(x)) both++;
  const union = setA.size + setB.size - both;
  return union === 0 ? 0 : both / union;
}

/**
 * Topic score of two offers, given the text similarity of their titles and descriptions (from
 * `text-similarity.ts`, in [0, 1]). Symmetric and deterministic.
 *
 * Neutral handling: when NEITHER offer lists any SDG (or theme, or field), that part says nothing
 * about the pair, so it is left out of the weighted mean and the other weights are renormalised;
 * its value in `parts` is 0. Counting it as 0 would punish the many offers that skip the optional
 * lists; counting it as 1 would reward them for saying nothing. When only ONE side lists some,
 * the part counts, as 0: one lecturer built the course around goals the other does not name.
 */
export function topicScore(a: TopicOffer, b: TopicOffer, textSim: number): TopicScore {
  if (Number.isNaN(textSim)) throw new RangeError('text similarity is NaN');
  const text = Math.min(1, Math.max(0, textSim));

  const sharedFields = sharedFieldsOf(a.fields, b.fields);
  const sdgSetB = new Set(b.sdgs);
  const sharedSdgs = [...new Set(a.sdgs)].filter((n) => sdgSetB.has(n)).sort((x, y) => x - y);
  // Old theme ids count as the theme they were merged into (themes.ts).
  const themesA = canonicalThemeIds(a.themes);
  const themesB = canonicalThemeIds(b.themes);
  const themeSetB = new Set(themesB);
  const sharedThemes = themesA.filter((t) => themeSetB.has(t)).sort(compareStrings);

  const parts = {
    fields: fieldsScore(sharedFields),
    sdgs: jaccard(a.sdgs, b.sdgs),
    themes: jaccard(themesA, themesB),
    text,
  };
  const present = {
    fields: a.fields.length > 0 || b.fields.length > 0,
    sdgs: a.sdgs.length > 0 || b.sdgs.length > 0,
    themes: a.themes.length > 0 || b.themes.length > 0,
  };

  const score = combineTopicParts(
    parts.fields,
    parts.text,
    parts.sdgs,
    parts.themes,
    present.fields,
    present.sdgs,
    present.themes,
  );
  return { score, parts, sharedFields, sharedSdgs, sharedThemes };
}

/**
 * The weighted mean of the parts that are present (see `topicScore`). Shared with the matcher's
 * precomputed path (features.ts), so both give the same bits.
 */
export function combineTopicParts(
  fields: number,
  text: number,
  sdgs: number,
  themes: number,
  hasFields: boolean,
  hasSdgs: boolean,
  hasThemes: boolean,
): number {
  // A fixed order of summation keeps the result bit-for-bit reproducible.
  let weighted = 0;
  let weights = 0;
  if (hasFields) {
    weighted += topicWeights.fields * fields;
    weights += topicWeights.fields;
  }
  weighted += topicWeights.text * text;
  weights += topicWeights.text;
  if (hasSdgs) {
    weighted += topicWeights.sdgs * sdgs;
    weights += topicWeights.sdgs;
  }
  if (hasThemes) {
    weighted += topicWeights.themes * themes;
    weights += topicWeights.themes;
  }
  return Math.min(1, weighted / weights);
}

/** A reason line for a shared field, e.g. "both teach 0613 Software and applications …". */
export function describeSharedField(field: SharedField): string {
  const name = iscedName(field.code);
  const label = name ? `${field.code} ${name}` : field.code;
  switch (field.level) {
    case 'detailed':
      return `both teach ${label}`;
    case 'narrow':
      return `both teach in ${label}`;
    case 'broad':
      return `both teach in the broad field ${label}`;
  }
}
