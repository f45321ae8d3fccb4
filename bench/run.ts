// `pnpm bench`: every benchmark, each printing its ratio against a baseline of the same run.
import { benchInstitutionSearch } from './institutions.bench.ts';
import { benchRanking, benchRankingDatabase, benchRound } from './matching.bench.ts';
import { benchOfferSearch } from './offers.bench.ts';
import { benchStatistics } from './statistics.bench.ts';
import { stopBenchPostgres } from './dialects.ts';
import { benchRealtime } from './realtime.bench.ts';
import { benchRealtimeScale } from './realtime-scale.bench.ts';

console.log(`Twinning benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
const offers = Number(process.env.BENCH_OFFERS ?? 100_000);
await benchInstitutionSearch();
try {
  // Offer search, ranking's database part and statistics on SQLite and PostgreSQL side by side
  // (dialects.ts; BENCH_PG=0 leaves PostgreSQL out), on one PostgreSQL stopped before real time.
  await benchOfferSearch(offers);
  await benchRanking(Number(process.env.BENCH_MATCH_OFFERS ?? 100_000));
  await benchRankingDatabase(offers);
  await benchRound();
  await benchStatistics(offers);
} finally {
  await stopBenchPostgres();
}
await benchRealtime(Number(process.env.BENCH_SOCKETS ?? 10_000));
await benchRealtimeScale(Number(process.env.BENCH_SCALE_SOCKETS ?? 2000));
