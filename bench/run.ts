// `pnpm bench`: every benchmark, each printing its ratio against a baseline of the same run.
import { benchInstitutionSearch } from './institutions.bench.ts';

console.log(`Twinning benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
await benchInstitutionSearch();
