// `pnpm bench`: every benchmark, each printing its ratio against a baseline of the same run.
import { benchInstitutionSearch } from './institutions.bench.ts';
import { benchRanking, benchRound } from './matching.bench.ts';
import { benchOfferSearch } from './offers.bench.ts';

console.log(`Twinning benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
await benchInstitutionSearch();
await benchOfferSearch(Number(process.env.BENCH_OFFERS ?? 100_000));
await benchRanking(Number(process.env.BENCH_MATCH_OFFERS ?? 100_000));
await benchRound();
