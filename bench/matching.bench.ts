// Matching benchmarks (the matching issue): ranking partners for one offer among 100,000, and a
// matching round over 5,000 Asian × 5,000 European offers with its distance to the exact optimum.
// Offers come from the core's deterministic generator; everything runs in this process, on one
// core, as the server does. Ranking itself is in memory; what it reads from the database is
// measured on both dialects over the bench's offers (benchRankingDatabase).
import { performance } from 'node:perf_hooks';
import { isoDateOf } from '@twinning/core/offers/dates';
import { MatchingIndex, type BalanceState } from '@twinning/core/matching/matching-index';
import { exactRoundTotal, solveRound } from '@twinning/core/matching/round';
import { syntheticOffers } from '@twinning/core/matching/synthetic';
import { createServices } from '../apps/api/src/services/services.ts';
import { closeAll, newestPageBaseline, openOnBoth, timeOnEach } from './dialects.ts';
import { report, reportDialects, time } from './harness.ts';
import { stillOpenBounds } from '@twinning/core/offers/still-open';
import { offerDataSet, offerDataSetTime } from './offer-data.ts';
import { offersCopy } from './offers.bench.ts';

const today = '2027-01-01';
const balance: BalanceState = {
  counts: {
    byCountry: new Map([
      ['DE', 40],
      ['FR', 25],
      ['JP', 30],
      ['CN', 20],
    ]),
    total: 115,
    fromAsia: 20,
    fromEurope: 37,
  },
  goals: {
    maxCountryShare: 0.1,
    asiaShareTarget: 0.5,
    priorityCountries: ['LA'],
    balanceWeight: 0.1,
  },
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export async function benchRanking(total = 100_000): Promise<void> {
  let started = performance.now();
  const offers = syntheticOffers(total, 'rank-bench');
  const generated = performance.now() - started;
  started = performance.now();
  const index = new MatchingIndex(offers);
  const built = performance.now() - started;
  console.log(
    `\nMatching: ${total} offers generated in ${seconds(generated)}, features and text index built in ${seconds(built)}`,
  );

  // Baseline: one pass over every offer reading one field — the floor for any ranker that
  // looks at all of them.
  let sink = 0;
  const baseline = await time(
    `baseline: read one field of ${total} offers`,
    () => {
      for (let i = 0; i < offers.length; i++) sink += offers[i]!.classSize;
    },
    { runs: 300, warmup: 30 },
  );
  let next = 0;
  let found = 0;
  const ranking = await time(
    `rank ${total} offers for one, top 20 with reasons`,
    () => {
      const query = offers[(next++ * 7919) % offers.length]!;
      found += index.rank(query, { today, balance }, 20).length;
    },
    { runs: 1000, warmup: 100 },
  );
  report(
    `Suggest partners among ${total} offers (in-memory index, one core)`,
    ranking,
    baseline,
    'p50 ≤ 10 ms, p99 ≤ 25 ms',
  );
  console.log(`  mean partners returned: ${(found / (1000 + 100)).toFixed(1)} (sink ${sink > 0})`);

  // A write renews one offer's features and weighs its text at once; every 1% of the corpus
  // written, all text vectors are re-weighed (idf depends on the whole corpus) and the columns
  // rebuilt: 1,200 edits cross that point once, so the mean shows the amortised cost.
  let edits = 0;
  const afterWrite = await time(
    'one offer edited, then rank',
    () => {
      const edited = { ...offers[edits % 5000]!, title: `Edited title ${edits++}` };
      index.upsert(edited);
      index.rank(offers[777]!, { today, balance }, 20);
    },
    { runs: 1200, warmup: 0 },
  );
  console.log(
    `  ${afterWrite.name.padEnd(44)} p50 ${afterWrite.p50.toFixed(1)} ms  p99 ${afterWrite.p99.toFixed(1)} ms  mean ${afterWrite.mean.toFixed(1)} ms  (${afterWrite.runs} runs)`,
  );
}

/**
 * The database's part of ranking, on each dialect over the same offers (dialects.ts). The
 * matcher ranks in memory over one MatchingIndex of the open offers (services/matching.ts): the
 * database gives it its candidates when the index is first built (every open offer not past its
 * end), and then, around each ranking, the offer asked about, the offers written since the
 * index's watermark, the balance counts and each suggested partner's institution.
 */
export async function benchRankingDatabase(total = 100_000): Promise<void> {
  const file = await offerDataSet(total);
  const databases = await openOnBoth(file, () => offersCopy(total, file));
  try {
    const now = () => new Date(offerDataSetTime);
    const baseline = await newestPageBaseline(file);
    const candidates = await timeOnEach(
      'listForMatching: every open offer not past its end',
      databases,
      ({ repositories }) =>
        repositories.offers.listForMatching(isoDateOf(now()), stillOpenBounds(now()).lapseBefore),
      { runs: 5, warmup: 1 },
    );
    reportDialects(
      `Ranking's candidates read from the database at ${total} offers (the index's first build)`,
      candidates,
      baseline,
    );

    const suggesters = [];
    for (const { dialect, repositories } of databases) {
      const { matching } = createServices(repositories, now);
      const owner = await repositories.users.findById('bench-owner');
      if (!owner) throw new Error('the bench data set has no bench-owner');
      const started = performance.now();
      await matching.suggest(owner, 'offer-0', 20);
      console.log(
        `  ${dialect}: first suggestion (candidates read, index built) in ${seconds(performance.now() - started)}`,
      );
      suggesters.push({ matching, owner, next: 0 });
    }
    const suggestions = await timeOnEach(
      'suggest 20 partners for one offer (matching service)',
      suggesters,
      (s) => s.matching.suggest(s.owner, `offer-${(s.next++ * 7919) % total}`, 20),
      { runs: 200, warmup: 20 },
    );
    reportDialects(
      `Suggest partners among ${total} offers with the database around the in-memory ranking`,
      suggestions,
      baseline,
      'p50 ≤ 10 ms, p99 ≤ 25 ms',
    );
  } finally {
    await closeAll(databases);
  }
}

function balancedOffers(perRegion: number, seed: string) {
  return [
    ...syntheticOffers(perRegion, `${seed}-asia`, { region: 'asia', idPrefix: 'as-' }),
    ...syntheticOffers(perRegion, `${seed}-europe`, { region: 'europe', idPrefix: 'eu-' }),
  ];
}

export async function benchRound(perRegion = 5000, samplePerRegion = 1000): Promise<void> {
  const offers = balancedOffers(perRegion, 'round-bench');
  let started = performance.now();
  const index = new MatchingIndex(offers);
  const baselineMs = performance.now() - started;
  started = performance.now();
  const result = solveRound(index, { today, balance });
  const roundMs = performance.now() - started;
  console.log(`\nMatching round, ${perRegion} Asian × ${perRegion} European open offers`);
  console.log(`  baseline: build the index of these offers       ${seconds(baselineMs)}`);
  console.log(
    `  round (top-12 graph + exact assignment)         ${seconds(roundMs)}   ratio ×${(roundMs / baselineMs).toFixed(2)}   goal: ≤ 10 s`,
  );
  console.log(
    `  ${result.proposals.length} proposals, total score ${result.totalScore.toFixed(3)}, ${result.candidatePairs} candidate pairs`,
  );

  // Optimality: the same round on a sample, against the best matching over every pair.
  const sample = new MatchingIndex(balancedOffers(samplePerRegion, 'round-sample'));
  started = performance.now();
  const sparse = solveRound(sample, { today, balance });
  const sparseMs = performance.now() - started;
  started = performance.now();
  const exact = exactRoundTotal(sample.region(1), sample.region(2), { today, balance });
  const exactMs = performance.now() - started;
  console.log(
    `  sample ${samplePerRegion} × ${samplePerRegion}: round ${sparse.totalScore.toFixed(3)} in ${seconds(sparseMs)}; exact optimum over all pairs (Hungarian) ${exact.toFixed(3)} in ${seconds(exactMs)}`,
  );
  console.log(
    `  share of the optimum: ${((100 * sparse.totalScore) / exact).toFixed(2)} %   goal: ≥ 99 %`,
  );
}
