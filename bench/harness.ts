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

export function report(title: string, subject: Timing, baseline: Timing, goal?: string): void {
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  console.log(`\n${title}`);
  for (const t of [baseline, subject]) {
    console.log(
      `  ${t.name.padEnd(44)} p50 ${ms(t.p50).padStart(11)}  p99 ${ms(t.p99).padStart(11)}  (${t.runs} runs)`,
    );
  }
  console.log(
    `  ratio to baseline: p50 ×${(subject.p50 / baseline.p50).toFixed(2)}, p99 ×${(subject.p99 / baseline.p99).toFixed(2)}${goal ? `   goal: ${goal}` : ''}`,
  );
}
