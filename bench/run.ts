// `pnpm bench`: every benchmark, each printing its ratio against a baseline of the same run.
import { benchInstitutionSearch } from './institutions.bench.ts';
import { benchRanking, benchRound } from './matching.bench.ts';
import { benchOfferSearch } from './offers.bench.ts';
import { benchStatistics } from './statistics.bench.ts';
import { benchRealtime } from './realtime.bench.ts';
import { benchRealtimeScale } from './realtime-scale.bench.ts';

console.log(`Twinning benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
await benchInstitutionSearch();
await benchOfferSearch(Number(process.env.BENCH_OFFERS ?? 100_000));
await benchRanking(Number(process.env.BENCH_MATCH_OFFERS ?? 100_000));
await benchRound();
await benchStatistics(Number(process.env.BENCH_OFFERS ?? 100_000));
await benchRealtime(Number(process.env.BENCH_SOCKETS ?? 10_000));
await benchRealtimeScale(Number(process.env.BENCH_SCALE_SOCKETS ?? 2000));
