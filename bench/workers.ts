// Browser part of `npm run bench`: the worker host in headless Chromium. Builds the app into
// bench/results/dist, serves it with `vite preview` on a free port, opens the run report page (run.html) with ?debug=1
// and calls the test hook (src/app/debug-hook.ts): node calls per second through the
// worker host with 16 and 128 node workers (Bully with heartbeats: every period the
// coordinator's heartbeats reach all followers at once), and the time until 64 and 128
// workers are loaded and initialised.

import { fileURLToPath } from 'node:url';
import { serveBuiltApp } from './browser.ts';
import type { DslabHook, ThroughputRun } from '../src/app/debug-hook.ts';

declare global {
  interface Window {
    __dslab?: DslabHook;
  }
}

export interface WorkerBenchResult {
  browser: string;
  throughput: ThroughputRun[];
  /** Of the one-at-a-time loop, for comparison with the parallel dispatch. */
  sequential: ThroughputRun;
  /** Cold: every worker started then; `again`: a host made right after one was disposed (workers from the idle pool). */
  ready: { nodes: number; ms: number; again: boolean }[];
  /** Raw postMessage round trips per second to do-nothing workers, same browser, same run: 1 worker in lockstep, 16 at once. */
  pingPong: { one: number; sixteen: number };
}

/**
 * The floor any worker host stands on: round trips to workers that only echo, one at a time
 * and 16 at once (each with one message in flight), for `ms` of wall time. On about:blank
 * (the app's CSP allows no blob: workers).
 */
const PING_PONG = `(async () => {
  const src = URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }));
  const run = async (count, ms) => {
    const workers = Array.from({ length: count }, () => new Worker(src));
    await Promise.all(workers.map((w) => new Promise((r) => { w.onmessage = r; w.postMessage(0); })));
    let trips = 0;
    const end = performance.now() + ms;
    const start = performance.now();
    await Promise.all(workers.map((w) => new Promise((done) => {
      w.onmessage = () => { trips++; if (performance.now() < end) w.postMessage({ type: 'call', id: trips }); else done(); };
      w.postMessage({ type: 'call', id: 0 });
    })));
    const elapsed = performance.now() - start;
    workers.forEach((w) => w.terminate());
    return (trips / elapsed) * 1000;
  };
  return { one: await run(1, 1500), sixteen: await run(16, 1500) };
})()`;

const OUT_DIR = fileURLToPath(new URL('./results/dist', import.meta.url));

export async function runWorkerBenchmarks(): Promise<WorkerBenchResult> {
  const app = await serveBuiltApp(OUT_DIR);
  const { browser } = app;
  try {
    const page = await browser.newPage();
    // The scenario select's first preset runs on load; a lone preset does not disturb the timings.
    await page.goto(`${app.base}/run.html?debug=1`);
    await page.waitForFunction(() => window.__dslab !== undefined);
    // Warm-up: load the worker script into the cache and JIT the driver.
    await page.evaluate(() => window.__dslab!.throughput(16, 20_000));
    const ready: WorkerBenchResult['ready'] = [];
    for (const [nodes, again] of [
      [64, false],
      [128, false],
      [64, true],
    ] as const) {
      const ms = await page.evaluate(([n, a]) => window.__dslab!.workersReady(n, a), [nodes, again] as const);
      ready.push({ nodes, ms, again });
    }
    const throughput: ThroughputRun[] = [];
    throughput.push(await page.evaluate(() => window.__dslab!.throughput(16, 600_000)));
    throughput.push(await page.evaluate(() => window.__dslab!.throughput(128, 60_000)));
    const sequential = await page.evaluate(() => window.__dslab!.throughput(16, 120_000, false));
    const blank = await browser.newPage();
    const pingPong = (await blank.evaluate(PING_PONG)) as { one: number; sixteen: number };
    await blank.close();
    return { browser: `Chromium ${browser.version()}`, throughput, sequential, ready, pingPong };
  } finally {
    await app.close();
  }
}
