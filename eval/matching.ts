// `pnpm eval:matching`: how good the matcher's answers are, not how fast (that is `pnpm bench`).
// Planted fixtures with a known ideal partner per query, and a matching round against the exact
// optimum; exits 1 when any returned pair breaks a hard constraint. Seeded: the same figures on
// every run until the matcher changes.
import {
  compareTrials,
  evaluate,
  evaluateRound,
  plantedFixtures,
  plantedScorer,
  searchWeights,
  tradeOffFixtures,
  tradeOffKinds,
  tradeOffScorer,
  trialOf,
  weightGrid,
  worseParts,
  type WeightTrial,
} from '@twinning/core/matching/evaluation';
import { matchWeights } from '@twinning/core/matching/rank';
import { roundCandidatesPerOffer } from '@twinning/core/matching/round';

const seed = process.env.EVAL_SEED ?? 'eval-2027';
const queries = Number(process.env.EVAL_QUERIES ?? 200);
const roundSize = Number(process.env.EVAL_ROUND_OFFERS ?? 600);
const perKind = Number(process.env.EVAL_TRADE_OFFS ?? 40);
const searchQueries = Number(process.env.EVAL_SEARCH_QUERIES ?? 20);

const started = performance.now();
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pad = (text: string, width: number) => text.padEnd(width);

console.log(`Twinning matching evaluation — seed "${seed}", Node ${process.version}`);
console.log(
  `weights: ${Object.entries(matchWeights)
    .map(([part, w]) => `${part} ${w}`)
    .join(', ')}`,
);

const fixtures = plantedFixtures(seed, queries);
const result = evaluate(fixtures);
const decoys = fixtures.queries.reduce((n, q) => n + q.decoys.length, 0);
console.log(
  `\nPlanted fixtures: ${result.queries} queries, ${decoys} decoys, ${fixtures.noise.length} noise offers (${fixtures.offers.length} offers)`,
);
console.log(`  precision@1            ${pct(result.precisionAt1)}`);
console.log(`  MRR of the ideal       ${result.mrr.toFixed(3)}`);
console.log(`  hard-constraint violations among returned candidates: ${result.violations}`);
for (const v of result.violating.slice(0, 5)) {
  console.log(`    ${v.queryId} → ${v.candidateId}: ${v.codes.join(', ')}`);
}

console.log(
  '\n  "worse in one part" decoys that outrank the ideal (mean score gap ideal − decoy):',
);
for (const part of worseParts) {
  const t = result.worse[part];
  console.log(
    `    ${pad(part, 30)} ${String(t.outranked).padStart(4)} / ${String(t.decoys).padEnd(4)} gap ${t.meanGap.toFixed(3)}`,
  );
}
for (const [variant, t] of Object.entries(result.variants)) {
  console.log(
    `      ${pad(variant, 28)} ${String(t.outranked).padStart(4)} / ${String(t.decoys).padEnd(4)} gap ${t.meanGap.toFixed(3)}`,
  );
}
if (result.misses.length > 0) {
  console.log(`\n  queries whose ideal is not first (${result.misses.length}, first 10):`);
  for (const m of result.misses.slice(0, 10)) {
    console.log(
      `    ${m.queryId}: ideal rank ${m.idealRank ?? '—'} (${m.idealScore ?? '—'}), first ${m.first} (${m.firstScore})`,
    );
  }
}

// Trade-offs: two candidates better in one part each; which should win is written down.
const tradeOffs = tradeOffFixtures(seed, perKind);
const scorer = tradeOffScorer(tradeOffs);
const current = scorer.run();
console.log(
  `\nTrade-offs: ${tradeOffs.scenarios.length} scenarios (${tradeOffKinds.length} kinds × ${perKind}), expected winner strictly above the other`,
);
console.log(
  `  agreement              ${pct(current.agreement)}  (smallest margin ${current.smallestMargin.toFixed(3)}, mean ${current.meanMargin.toFixed(3)})`,
);
for (const kind of tradeOffKinds) {
  const t = current.byKind[kind.name]!;
  console.log(
    `    ${pad(kind.name, 28)} ${String(t.agreed).padStart(3)} / ${String(t.scenarios).padEnd(3)} margin min ${t.smallestMargin.toFixed(3).padStart(6)} mean ${t.meanMargin.toFixed(3).padStart(6)}   ${kind.expected}  >  ${kind.other}`,
  );
}

// The search: every weight vector of the grid on the same trade-offs, and on a smaller planted set.
const grid = weightGrid();
const planted = plantedScorer(plantedFixtures(`${seed}-search`, searchQueries));
const trials = searchWeights(grid, scorer, planted);
const currentTrial = trialOf({ ...matchWeights }, scorer, planted);
const sameWeights = (t: WeightTrial) =>
  worseParts.every((part) => Math.abs(t.weights[part] - matchWeights[part]) < 1e-9);
const currentRank =
  trials.findIndex(sameWeights) + 1 ||
  trials.filter((t) => compareTrials(t, currentTrial) < 0).length + 1;
const row = (t: WeightTrial) =>
  `${worseParts.map((part) => t.weights[part].toFixed(2)).join(' ')}   ${pct(t.agreement).padStart(7)}   ${pct(t.precisionAt1).padStart(7)}  ${t.mrr.toFixed(3)}  ${t.smallestMargin.toFixed(3).padStart(6)}  ${t.meanMargin.toFixed(3)}`;
console.log(
  `\nWeight search: ${grid.length} vectors (steps of 0.05, sum 1); planted figures on ${searchQueries} queries`,
);
console.log(`   topic live lang weeks fit   agreement  prec@1   MRR   min margin  mean`);
trials.slice(0, 5).forEach((t, i) => console.log(`  ${i + 1}. ${row(t)}`));
console.log(`  current weights rank ${currentRank} of ${trials.length}:`);
console.log(`     ${row(currentTrial)}`);
const disagreeing = (t: WeightTrial) =>
  Object.entries(t.byKind)
    .filter(([, k]) => k.agreed < k.scenarios)
    .map(([name, k]) => `${name} ${k.agreed}/${k.scenarios}`)
    .join(', ') || 'none';
console.log(`  kinds not all agreed, best vector: ${disagreeing(trials[0]!)}`);
console.log(`  kinds not all agreed, current:     ${disagreeing(currentTrial)}`);

const round = evaluateRound(seed, roundSize);
console.log(
  `\nMatching round: ${round.offers} synthetic offers (${round.asiaOffers} Asian, ${round.europeOffers} European open), k = ${roundCandidatesPerOffer}`,
);
console.log(`  proposals              ${round.proposals} (graph of ${round.candidatePairs} pairs)`);
console.log(`  round total            ${round.roundTotal.toFixed(3)}`);
console.log(`  exact optimum          ${round.exactTotal.toFixed(3)} (all pairs, Hungarian)`);
console.log(`  ratio                  ${round.ratio.toFixed(4)}`);
console.log(`  violations in proposals: ${round.violations}`);

const violations = result.violations + round.violations;
console.log(
  `\n${violations === 0 ? 'OK' : `FAIL: ${violations} hard-constraint violations`} — ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = violations > 0 ? 1 : 0;
