// `pnpm eval:matching`: how good the matcher's answers are, not how fast (that is `pnpm bench`).
// Planted fixtures with a known ideal partner per query, and a matching round against the exact
// optimum; exits 1 when any returned pair breaks a hard constraint. Seeded: the same figures on
// every run until the matcher changes.
import {
  evaluate,
  evaluateRound,
  plantedFixtures,
  worseParts,
} from '@twinning/core/matching/evaluation';
import { matchWeights } from '@twinning/core/matching/rank';
import { roundCandidatesPerOffer } from '@twinning/core/matching/round';

const seed = process.env.EVAL_SEED ?? 'eval-2027';
const queries = Number(process.env.EVAL_QUERIES ?? 200);
const roundSize = Number(process.env.EVAL_ROUND_OFFERS ?? 600);

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
