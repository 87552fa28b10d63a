// `npm run bench`: measures the budgets of ARCHITECTURE.md §8 and prints a table.
// Benchmarks are not tests: they report numbers (README keeps the latest) and flag misses.

import os from 'node:os';
import { runInlineBenchmarks } from './inline.ts';
import { runSeekBenchmark } from './seek.ts';

const INLINE_BUDGET = 1_000_000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
console.log(
  `dslab benchmarks — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; load average ${load()} at the start\n`,
);
/** `npm run bench -- page scale`: only those parts (inline, scale, seek, logical, diagram, workers, page); all by default. */
const only = process.argv.slice(2);
const want = (part: string): boolean => only.length === 0 || only.includes(part);

if (want('inline')) console.log('Inline host (budget: ≥ 1,000,000 delivered messages/s)');
for (const r of want('inline') ? runInlineBenchmarks() : []) {
  const verdict = r.perSecond >= INLINE_BUDGET ? 'ok' : 'BELOW BUDGET';
  console.log(
    `  ${r.name}: ${fmt(r.delivered)} delivered, ${fmt(r.events)} trace events in ${fmt(r.ms)} ms → ${fmt(r.perSecond)} msg/s  [${verdict}]`,
  );
}

// Scale (issues 13, 14): 1,000 to 10,000 nodes headless, each run in its own process.
if (want('scale')) {
  const { runScaleBenchmarks } = await import('./scale.ts');
  const mb = (bytes: number): string => Math.round(bytes / 2 ** 20).toLocaleString('en-US');
  console.log('\nScale, inline host, one process per run (budget: 10,000 nodes headless; cost ~ n^k with k towards 1.1)');
  const r = runScaleBenchmarks();
  for (const x of r.runs)
    console.log(
      `  ${x.algorithm === 'bully' ? 'Bully with heartbeats' : 'Berkeley'}, ${fmt(x.n)} nodes, ${x.simulatedMs / 1000} simulated s: ${fmt(x.delivered)} delivered in ${fmt(x.ms)} ms (boot ${fmt(x.setupMs)} ms), peak RSS ${mb(x.peakRssBytes)} MB`,
    );
  for (const f of r.fits)
    console.log(
      `  ${f.algorithm}: time ~ n^${f.timeExponent.toFixed(2)}, peak memory ~ n^${f.memoryExponent.toFixed(2)} (1,000 to 10,000)  [${f.timeExponent <= 1.25 ? 'ok' : 'ABOVE 1.25'}]`,
    );
}

// Time travel: seek anywhere in a 10-minute run of 64 nodes (issue 5); the diagram's model at 100,000 events.
const SEEK_BUDGET_MS = 100;
const fmt2 = (n: number): string => n.toFixed(2);
if (want('seek')) {
  const r = runSeekBenchmark();
  console.log(`\nTime travel (budget: seek < ${SEEK_BUDGET_MS} ms)`);
  console.log(
    `  Bully with heartbeats, ${r.nodes} nodes, ${r.runMs / 60_000} min: ${fmt(r.events)} events (simulated in ${fmt(r.simulateMs)} ms), folded with ${r.checkpoints} checkpoints in ${fmt(r.foldMs)} ms`,
  );
  const verdict = r.seekMaxMs < SEEK_BUDGET_MS ? 'ok' : 'OVER BUDGET';
  console.log(
    `  ${r.seeks} seeks to random t: median ${fmt2(r.seekMedianMs)} ms, p95 ${fmt2(r.seekP95Ms)} ms, max ${fmt2(r.seekMaxMs)} ms  [${verdict}]`,
  );
  console.log(
    `  space-time model of ${fmt(r.diagramEvents)} events built in ${fmt(r.buildMs)} ms; arrows in a 5 s window (~${fmt(r.windowArrows)}): median ${fmt2(r.windowMedianMs)} ms  [info]`,
  );
}

// Logical clocks (issue 11): the fold per event at 64 nodes, and a click's causal past and future.
if (want('logical')) {
  const { runLogicalBenchmark } = await import('./logical.ts');
  const r = runLogicalBenchmark();
  const [early, mid, late] = r.causalityMs.map((ms) => ms.toFixed(2));
  console.log(`\nLogical clocks, Bully with heartbeats, ${r.nodes} nodes, ${fmt(r.events)} events`);
  console.log(
    `  Lamport + vector fold: ${r.foldNsPerEvent.toFixed(0)} ns per event (median of 9; best ${r.foldBestNsPerEvent.toFixed(0)} ns)`,
  );
  console.log(
    `  causal past and future of one event at 1 % / 50 % / 99 % of the run: ${early} / ${mid} / ${late} ms; an old event's vector: ${r.oldVectorMs.toFixed(2)} ms`,
  );
}

// The space-time diagram drawn at 100,000 events in headless Chromium (issue 5).
if (want('diagram'))
  try {
    console.log('\nSpace-time diagram at 100,000 events in headless Chromium (smooth: a frame ≤ 16.7 ms)');
    const { runDiagramBenchmark } = await import('./diagram.ts');
    const d = await runDiagramBenchmark();
    const ms = (n: number): string => n.toFixed(1);
    console.log(`  ${fmt(d.events)} events, ${fmt(d.arrows)} arrows; model built in ${fmt(d.buildMs)} ms`);
    for (const [name, w] of [
      ['5 s window (followed live)', d.window5s],
      ['60 s window (zoomed out)', d.window60s],
    ] as const) {
      console.log(`  draw of a ${name}: median ${ms(w.medianMs)} ms, p95 ${ms(w.p95Ms)} ms  [${w.p95Ms <= 16.7 ? 'ok' : 'OVER BUDGET'}]`);
    }
  } catch (error) {
    console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }

// Browser part: the worker host in headless Chromium (ARCHITECTURE.md §8).
const WORKER_BUDGET = 20_000;
const READY_BUDGET_MS = 1500;
if (want('workers'))
  try {
    console.log('\nWorker host in headless Chromium (budgets: ≥ 20,000 events/s with 16 workers; 64 workers ready ≤ 1.5 s)');
    const { runWorkerBenchmarks } = await import('./workers.ts');
    const w = await runWorkerBenchmarks();
    console.log(`  ${w.browser}`);
    for (const r of w.throughput) {
      const verdict = r.nodes !== 16 ? 'info' : r.callsPerSecond >= WORKER_BUDGET ? 'ok' : 'BELOW BUDGET';
      console.log(
        `  Bully with heartbeats, ${r.nodes} node workers: ${fmt(r.calls)} node events (${fmt(r.speculated)} sent ahead, ${fmt(r.beyond)} beyond the window, ${fmt(r.undone)} of those undone) in ${fmt(r.ms)} ms → ${fmt(r.callsPerSecond)} events/s  [${verdict}]`,
      );
    }
    const s = w.sequential;
    console.log(`  same, 16 workers, one call at a time (no lookahead): ${fmt(s.callsPerSecond)} events/s  [info]`);
    const p = w.pingPong;
    console.log(
      `  raw postMessage ping-pong, same browser: ${fmt(p.one)} round trips/s to 1 worker, ${fmt(p.sixteen)}/s to 16 at once; 16-worker host at ${((w.throughput.find((r) => r.nodes === 16)?.callsPerSecond ?? NaN) / p.sixteen).toFixed(2)}× the raw 16-worker rate, one-at-a-time host at ${(s.callsPerSecond / p.one).toFixed(2)}× the raw 1-worker rate  [info]`,
    );
    for (const r of w.ready) {
      const verdict = r.nodes !== 64 || r.again ? 'info' : r.ms <= READY_BUDGET_MS ? 'ok' : 'OVER BUDGET';
      const how = r.again ? ', again right after a host of as many was disposed (its workers reused)' : ', every worker started cold';
      console.log(`  ${r.nodes} workers loaded and initialised${how}: ${fmt(r.ms)} ms  [${verdict}]`);
    }
  } catch (error) {
    console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }

// Page part: the visual lab (index.html) in headless Chromium (ARCHITECTURE.md §8, issue 4).
if (want('page'))
  console.log(
    '\nVisual lab page in headless Chromium (budgets: p95 frame ≤ 16.7 ms, no long task > 50 ms; bully-10 busy ≤ 10%; first run ≤ 1 s; initial JS ≤ 250 KB gzipped)',
  );
if (want('page'))
  try {
    const { runPageBenchmarks } = await import('./page.ts');
    const p = await runPageBenchmarks();
    const f = p.flight;
    const ms = (n: number): string => n.toFixed(1);
    const kb = (bytes: number): string => (bytes / 1024).toFixed(0);
    console.log(`  ${p.browser}`);
    console.log(
      `  custom Bully, 64 nodes, ${fmt(f.meanInFlight)} messages in flight on average (most ${fmt(f.maxInFlight)}), ${f.frames} frames: p50 ${ms(f.p50Ms)} ms, p95 ${ms(f.p95Ms)} ms, max ${ms(f.maxMs)} ms; long tasks > 50 ms: ${f.longTasks} (longest ${ms(f.longestTaskMs)} ms)  [${f.p95Ms <= 16.7 && f.longTasks === 0 ? 'ok' : 'OVER BUDGET'}]`,
    );
    console.log(`    every frame of that window (${f.allFrames}): p95 ${ms(f.allP95Ms)} ms  [info]`);
    const b = p.busy;
    console.log(
      `  bully-10 at 1×: main thread busy ${(b.share * 100).toFixed(1)}% (${fmt(b.taskMs)} ms of ${fmt(b.wallMs)} ms), frame p95 ${ms(b.framesP95Ms)} ms  [${b.share <= 0.1 ? 'ok' : 'OVER BUDGET'}]`,
    );
    console.log(
      `  navigation to first scenario running: ${fmt(p.firstRunMs)} ms (median of ${p.firstRunSamples.map(fmt).join(', ')})  [${p.firstRunMs <= 1000 ? 'ok' : 'OVER BUDGET'}]`,
    );
    if (p.peers === null)
      console.log('  beside RaftScope: skipped (../shared/peers/raftscope is absent; $DSLAB_PEER_DIR names another copy)');
    else {
      const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
      console.log('  beside RaftScope in the same Chromium (alternating fresh pages, median of 3 × 5 s windows each): dslab / RaftScope');
      for (const c of p.peers) {
        const ratio = c.ours.busy / c.theirs.busy;
        const budget = c.name.startsWith('berkeley-canteen')
          ? `  [${ratio <= 0.25 ? 'ok' : 'OVER BUDGET'}: busy ratio ≤ 0.25]`
          : '  [info]';
        console.log(
          `    ${c.name}: busy ${pct(c.ours.busy)} / ${pct(c.theirs.busy)} = ${ratio.toFixed(2)}; frame p95 ${ms(c.ours.frameP95Ms)} / ${ms(c.theirs.frameP95Ms)} ms = ${(c.ours.frameP95Ms / c.theirs.frameP95Ms).toFixed(2)}; heap growth ${c.ours.heapGrowthMb.toFixed(1)} / ${c.theirs.heapGrowthMb.toFixed(1)} MB per 5 s${budget}`,
        );
      }
    }
    const j = p.initialJs;
    console.log(
      `  initial JS: ${kb(j.entryGzipBytes)} KB gzipped in index.html's ${j.entryFiles} script(s); ${kb(j.loadedGzipBytes)} KB in the ${j.loadedFiles} JS file(s) fetched before the first run, workers included  [${j.loadedGzipBytes <= 250 * 1024 ? 'ok' : 'OVER BUDGET'}]`,
    );
  } catch (error) {
    console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
