// `npm run bench`: measures the budgets of DESIGN.md §10 and prints a table.
// Benchmarks are not tests: they report numbers (README keeps the latest) and flag misses.

import os from 'node:os';
import { runInlineBenchmarks } from './inline.ts';

const INLINE_BUDGET = 1_000_000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

console.log(`dslab benchmarks — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}\n`);
console.log('Inline host (budget: ≥ 1,000,000 delivered messages/s)');
for (const r of runInlineBenchmarks()) {
  const verdict = r.perSecond >= INLINE_BUDGET ? 'ok' : 'BELOW BUDGET';
  console.log(
    `  ${r.name}: ${fmt(r.delivered)} delivered, ${fmt(r.events)} trace events in ${fmt(r.ms)} ms → ${fmt(r.perSecond)} msg/s  [${verdict}]`,
  );
}

// Browser part: the worker host in headless Chromium (DESIGN.md §10).
const WORKER_BUDGET = 20_000;
const READY_BUDGET_MS = 1500;
console.log('\nWorker host in headless Chromium (budgets: ≥ 20,000 events/s with 16 workers; 64 workers ready ≤ 1.5 s)');
try {
  const { runWorkerBenchmarks } = await import('./workers.ts');
  const w = await runWorkerBenchmarks();
  console.log(`  ${w.browser}`);
  for (const r of w.throughput) {
    const verdict = r.nodes !== 16 ? 'info' : r.callsPerSecond >= WORKER_BUDGET ? 'ok' : 'BELOW BUDGET';
    console.log(
      `  Bully with heartbeats, ${r.nodes} node workers: ${fmt(r.calls)} node events (${fmt(r.speculated)} sent ahead) in ${fmt(r.ms)} ms → ${fmt(r.callsPerSecond)} events/s  [${verdict}]`,
    );
  }
  const s = w.sequential;
  console.log(`  same, 16 workers, one call at a time (no lookahead): ${fmt(s.callsPerSecond)} events/s  [info]`);
  for (const r of w.ready) {
    const verdict = r.nodes !== 64 ? 'info' : r.ms <= READY_BUDGET_MS ? 'ok' : 'OVER BUDGET';
    console.log(`  ${r.nodes} workers loaded and initialised: ${fmt(r.ms)} ms  [${verdict}]`);
  }
} catch (error) {
  console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
