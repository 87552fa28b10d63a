// Scale (ARCHITECTURE.md §8, issues 13 and 14): Berkeley and Bully-with-heartbeats headless at
// 1,000 to 10,000 nodes, each run in a process of its own (bench/scale-run.ts) so its peak
// memory (max RSS) is its own, and the exponent k of cost ~ n^k fitted by least squares on
// log-log. Work per simulated second is linear in n for both (one poll or beat per node per
// period), so k near 1 means the simulator and machines add nothing super-linear.

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ScaleRun {
  algorithm: 'berkeley' | 'bully';
  n: number;
  simulatedMs: number;
  ms: number;
  setupMs: number;
  delivered: number;
  events: number;
  peakRssBytes: number;
}

export interface ScaleResult {
  runs: ScaleRun[];
  /** Fitted exponents of wall time and of peak memory against n, per algorithm. */
  fits: { algorithm: string; timeExponent: number; memoryExponent: number }[];
}

const SIZES = [1000, 2000, 5000, 10_000];
// Berkeley: two cycles and the start (its period is 5 s); Bully: twenty heartbeat periods.
const SIMULATED_MS = { berkeley: 12_000, bully: 10_000 } as const;

/** Least-squares slope of log y against log x. */
export function exponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += ((lx[i] as number) - mx) * ((ly[i] as number) - my);
    den += ((lx[i] as number) - mx) ** 2;
  }
  return num / den;
}

export function runScaleBenchmarks(sizes: readonly number[] = SIZES): ScaleResult {
  const script = fileURLToPath(new URL('./scale-run.ts', import.meta.url));
  const runs: ScaleRun[] = [];
  for (const algorithm of ['berkeley', 'bully'] as const)
    for (const n of sizes) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, algorithm, String(n), String(SIMULATED_MS[algorithm])], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      runs.push(JSON.parse(out.trim().split('\n').at(-1) as string) as ScaleRun);
    }
  const fits = (['berkeley', 'bully'] as const).map((algorithm) => {
    const mine = runs.filter((r) => r.algorithm === algorithm);
    return {
      algorithm,
      timeExponent: exponent(
        mine.map((r) => r.n),
        mine.map((r) => r.ms),
      ),
      memoryExponent: exponent(
        mine.map((r) => r.n),
        mine.map((r) => r.peakRssBytes),
      ),
    };
  });
  return { runs, fits };
}
