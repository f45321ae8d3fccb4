// A small benchmark harness: warm up, time many runs, report percentiles, compare to a baseline
// measured in the same run (so a noisy shared machine moves both alike).
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  mean: number;
}

export async function time(
  name: string,
  fn: () => unknown | Promise<unknown>,
  { runs = 500, warmup = 50 } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    name,
    runs,
    p50: at(0.5),
    p99: at(0.99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const figures = (t: Timing) =>
  `p50 ${ms(t.p50).padStart(11)}  p99 ${ms(t.p99).padStart(11)}  (${t.runs} runs)`;
const ratios = (subject: Timing, base: Timing) =>
  `p50 ×${(subject.p50 / base.p50).toFixed(2)}, p99 ×${(subject.p99 / base.p99).toFixed(2)}`;
const goalText = (goal?: string) => (goal ? `   goal: ${goal}` : '');

export function report(title: string, subject: Timing, baseline: Timing, goal?: string): void {
  console.log(`\n${title}`);
  for (const t of [baseline, subject]) console.log(`  ${t.name.padEnd(44)} ${figures(t)}`);
  console.log(`  ratio to baseline: ${ratios(subject, baseline)}${goalText(goal)}`);
}

/** One case timed on SQLite and, unless BENCH_PG=0 left it out, on PostgreSQL. */
export interface SideBySide {
  sqlite: Timing;
  postgres?: Timing;
}

/**
 * A case on both dialects: each one's figures and ratio to the run's baseline (as `report`
 * prints them), then PostgreSQL's figures divided by SQLite's.
 */
export function reportDialects(
  title: string,
  { sqlite, postgres }: SideBySide,
  baseline: Timing,
  goal?: string,
): void {
  console.log(`\n${title}\n  ${sqlite.name}`);
  console.log(`  ${'baseline'.padEnd(10)} ${figures(baseline)}   ${baseline.name}`);
  for (const [dialect, t] of [
    ['SQLite', sqlite],
    ['PostgreSQL', postgres],
  ] as const) {
    if (t)
      console.log(`  ${dialect.padEnd(10)} ${figures(t)}   to baseline: ${ratios(t, baseline)}`);
  }
  console.log(
    postgres
      ? `  PostgreSQL ÷ SQLite: ${ratios(postgres, sqlite)}${goalText(goal)}`
      : `  PostgreSQL left out (BENCH_PG=0)${goalText(goal)}`,
  );
}
