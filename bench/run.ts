// `pnpm bench`: every benchmark, each printing its ratio against a baseline of the same run.
// `pnpm bench offers statistics` runs only the benchmarks named (see `benchmarks` below).
import { benchInstitutionSearch } from './institutions.bench.ts';
import { benchRanking, benchRankingDatabase, benchRound } from './matching.bench.ts';
import { benchOfferSearch } from './offers.bench.ts';
import { benchStatistics } from './statistics.bench.ts';
import { stopBenchPostgres } from './dialects.ts';
import { benchRealtime } from './realtime.bench.ts';
import { benchRealtimeScale } from './realtime-scale.bench.ts';

const offers = Number(process.env.BENCH_OFFERS ?? 100_000);
// Offer search, ranking's database part and statistics run on SQLite and PostgreSQL side by side
// (dialects.ts; BENCH_PG=0 leaves PostgreSQL out), on one PostgreSQL that the run starts for the
// first of them and stops after the last (so it idles through no other benchmark).
const benchmarks: { name: string; postgres?: true; run: () => Promise<void> }[] = [
  { name: 'institutions', run: () => benchInstitutionSearch() },
  { name: 'offers', postgres: true, run: () => benchOfferSearch(offers) },
  {
    name: 'ranking',
    postgres: true,
    run: async () => {
      await benchRanking(Number(process.env.BENCH_MATCH_OFFERS ?? 100_000));
      await benchRankingDatabase(offers);
    },
  },
  { name: 'round', run: () => benchRound() },
  { name: 'statistics', postgres: true, run: () => benchStatistics(offers) },
  { name: 'realtime', run: () => benchRealtime(Number(process.env.BENCH_SOCKETS ?? 10_000)) },
  {
    name: 'realtime-scale',
    run: () => benchRealtimeScale(Number(process.env.BENCH_SCALE_SOCKETS ?? 2000)),
  },
];
const named = process.argv.slice(2);
const unknown = named.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(
    `No benchmark named ${unknown.join(', ')}; the benchmarks are: ${benchmarks.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}

console.log(`Twinning benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
const selected = benchmarks.filter((b) => named.length === 0 || named.includes(b.name));
try {
  for (const [i, benchmark] of selected.entries()) {
    await benchmark.run();
    if (!selected.slice(i + 1).some((b) => b.postgres)) await stopBenchPostgres();
  }
} finally {
  await stopBenchPostgres();
}
