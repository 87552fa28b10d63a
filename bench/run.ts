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
