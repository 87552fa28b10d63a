// Page part of `npm run bench` (ARCHITECTURE.md §8, issue 4): the visual lab in headless Chromium.
// Builds the app into bench/results/page/dist, serves it with `vite preview` on a free port
// and drives index.html as a user would (URL, clicks, keys), then measures:
//
// - frames while a custom Bully run with 64 nodes has hundreds of messages in flight: every
//   animation frame's length and how many messages it drew (`[data-testid=message]` dots, or
//   the stage canvas's `data-in-flight` once there are many), and long
//   tasks (> 50 ms, PerformanceObserver 'longtask'). A Bully election among 64 nodes comes
//   in waves (ELECTIONs, then OKs and the next ELECTIONs), so the run is slowed down (0.1×,
//   60 ms links) and node 33 notices the coordinator's failure again and again; the p95 is
//   taken over the frames that drew at least FLIGHT_MIN messages;
// - the share of wall time the main thread is busy while bully-10 plays at 1× (Chrome
//   DevTools Protocol Performance.getMetrics: TaskDuration delta / wall time);
// - the time from navigation to the first scenario running (node 1 drawn and true time > 0);
// - the initial JS gzipped: the script and module preloads of dist/index.html, and every
//   JS file the page fetched by the time the first scenario runs (the node workers too).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { serveBuiltApp } from './browser.ts';
import { comparePeers, type PeerComparison } from './peers.ts';

export interface FrameStats {
  /** Frames measured (those with at least FLIGHT_MIN messages drawn). */
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Messages in flight in the measured frames: mean and most. */
  meanInFlight: number;
  maxInFlight: number;
  longTasks: number;
  longestTaskMs: number;
  /** Over every frame of the window, whatever the count. */
  allFrames: number;
  allP95Ms: number;
}

export interface PageBenchResult {
  browser: string;
  flight: FrameStats;
  /** bully-10 at 1×: main-thread busy share, and the wall time it was measured over. */
  busy: { share: number; wallMs: number; taskMs: number; framesP95Ms: number };
  /** Navigation start to first scenario running, ms (median of `firstRunSamples`). */
  firstRunMs: number;
  firstRunSamples: number[];
  initialJs: { entryGzipBytes: number; entryFiles: number; loadedGzipBytes: number; loadedFiles: number };
  /** Beside RaftScope in the same browser (null when ../shared/peers/raftscope is absent). */
  peers: PeerComparison[] | null;
}

const OUT_DIR = fileURLToPath(new URL('./results/page/dist', import.meta.url));
const FLIGHT_MIN = 300;
const EMPTY = {
  browser: '',
  busy: { share: NaN, wallMs: NaN, taskMs: NaN, framesP95Ms: NaN },
  firstRunMs: NaN,
  firstRunSamples: [],
  initialJs: { entryGzipBytes: 0, entryFiles: 0, loadedGzipBytes: 0, loadedFiles: 0 },
  peers: null,
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

/** Installed before the page's scripts: long tasks, and the moment the first scenario runs. */
const PROBE = `
  window.__bench = { longTasks: [], firstRun: null, frames: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const poll = () => {
    const node = document.querySelector('[data-testid="node-1"]');
    const t = document.querySelector('[data-testid="true-time"]');
    if (node && t && t.textContent && t.textContent.trim() !== '0.000 s') {
      window.__bench.firstRun = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
`;

interface BenchWindow {
  __bench: {
    longTasks: { start: number; duration: number }[];
    firstRun: number | null;
    frames: { t: number; n: number }[] | null;
    stop?: boolean;
  };
}

/** Records every animation frame's time stamp and message count until `stop` is set. */
async function startFrames(page: Page): Promise<void> {
  // A string, not a function: the bench runs under tsx, whose helpers do not exist in the page.
  await page.evaluate(`(() => {
    const b = window.__bench;
    b.frames = [];
    b.stop = false;
    const tick = (t) => {
      if (b.stop) return;
      // Messages drawn: SVG dots while few, else the count the stage's canvas draws.
      const canvas = document.querySelector('[data-testid="message-canvas"]');
      b.frames.push({ t, n: document.querySelectorAll('[data-testid="message"]').length + Number(canvas ? canvas.getAttribute('data-in-flight') : 0) });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrames(page: Page): Promise<{ frames: { t: number; n: number }[]; longTasks: { start: number; duration: number }[] }> {
  return page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    b.stop = true;
    return { frames: b.frames ?? [], longTasks: b.longTasks };
  });
}

export async function flightBench(browser: Browser, base: string): Promise<FrameStats> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(PROBE);
  await page.goto(`${base}/?scenario=custom-bully-64&seed=1`);
  await page.getByTestId('node-64').waitFor();
  if (process.env.DSLAB_HIDE) await page.addStyleTag({ content: `${process.env.DSLAB_HIDE} { display: none !important; }` });
  await page.getByTestId('control-pause').click();
  // Slower, even links: every wave of the election is in flight for 60 simulated ms.
  await page.locator('details.network-details summary').click();
  await page.getByTestId('network-latency').fill('60');
  await page.getByTestId('network-jitter').fill('0');
  await page.getByTestId('network-apply').click();
  await page.locator('details.network-details summary').click();
  await page.getByTestId('control-speed').selectOption('0.1');
  await page.getByTestId('node-33').click();
  await page.waitForTimeout(500);
  const t0 = await page.evaluate(() => performance.now());
  await startFrames(page);
  const cdp = process.env.DSLAB_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  for (let i = 0; i < 4; i++) {
    // Node 33 notices: its election and those of the 31 above it send about 500 ELECTIONs, then as many OKs. Without heartbeats a
    // settled Bully run has nothing left to do (it shows "finished"), so play on after it.
    await page.keyboard.press('n');
    await page.getByTestId('control-play').click();
    await page.waitForTimeout(2500);
  }
  const { frames, longTasks } = await stopFrames(page);
  if (cdp) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    writeFileSync(process.env.DSLAB_PROFILE as string, JSON.stringify(profile));
  }
  await page.close();
  const deltas: { ms: number; n: number }[] = [];
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1] as { t: number; n: number };
    const b = frames[i] as { t: number; n: number };
    deltas.push({ ms: b.t - a.t, n: Math.max(a.n, b.n) });
  }
  const busy = deltas.filter((d) => d.n >= FLIGHT_MIN);
  const sorted = busy.map((d) => d.ms).sort((x, y) => x - y);
  const all = deltas.map((d) => d.ms).sort((x, y) => x - y);
  const tasks = longTasks.filter((t) => t.start >= t0);
  return {
    frames: busy.length,
    p50Ms: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    meanInFlight: busy.reduce((s, d) => s + d.n, 0) / Math.max(1, busy.length),
    maxInFlight: Math.max(0, ...deltas.map((d) => d.n)),
    longTasks: tasks.filter((t) => t.duration > 50).length,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    allFrames: deltas.length,
    allP95Ms: quantile(all, 0.95),
  };
}

export async function busyBench(browser: Browser, base: string): Promise<PageBenchResult['busy']> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(PROBE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.goto(`${base}/?scenario=bully-10&seed=1`);
  await page.getByTestId('node-10').waitFor();
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRun !== null);
  await page.waitForTimeout(1000); // past start-up (workers loading)
  const metric = async (): Promise<Record<string, number>> => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  await startFrames(page);
  const before = await metric();
  await page.waitForTimeout(8000);
  const after = await metric();
  const { frames } = await stopFrames(page);
  await page.close();
  const wallMs = ((after['Timestamp'] ?? 0) - (before['Timestamp'] ?? 0)) * 1000;
  const taskMs = ((after['TaskDuration'] ?? 0) - (before['TaskDuration'] ?? 0)) * 1000;
  const deltas = frames
    .slice(1)
    .map((f, i) => f.t - (frames[i] as { t: number }).t)
    .sort((x, y) => x - y);
  return { share: taskMs / wallMs, wallMs, taskMs, framesP95Ms: quantile(deltas, 0.95) };
}

async function firstRunBench(browser: Browser, base: string): Promise<{ ms: number; loaded: string[] }> {
  // A fresh context each time: nothing cached, as on a first visit.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const loaded: string[] = [];
  let running = false;
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!running && url.pathname.endsWith('.js')) loaded.push(url.pathname);
  });
  await page.goto(`${base}/?scenario=bully-10&seed=1`);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.firstRun !== null, null, { timeout: 20_000 });
  running = true;
  const ms = await page.evaluate(() => (window as unknown as BenchWindow).__bench.firstRun as number);
  await context.close();
  return { ms, loaded };
}

function gzipOf(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function entryScripts(): string[] {
  const html = readFileSync(join(OUT_DIR, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ];
  return [...new Set(srcs.map((m) => m[1] as string))];
}

export async function runPageBenchmarks(): Promise<PageBenchResult> {
  const app = await serveBuiltApp(OUT_DIR, { sourcemap: !!process.env.DSLAB_PROFILE, minify: !process.env.DSLAB_PROFILE });
  const { browser, base } = app;
  try {
    if (process.env.DSLAB_PROFILE) return { ...EMPTY, flight: await flightBench(browser, base) };
    const runs: { ms: number; loaded: string[] }[] = [];
    for (let i = 0; i < 5; i++) runs.push(await firstRunBench(browser, base));
    const samples = runs.map((r) => r.ms).sort((a, b) => a - b);
    const loaded = [...new Set(runs[0]?.loaded ?? [])];
    const entry = entryScripts();
    const initialJs = {
      entryGzipBytes: entry.reduce((s, f) => s + gzipOf(join(OUT_DIR, f)), 0),
      entryFiles: entry.length,
      loadedGzipBytes: loaded.reduce((s, f) => s + gzipOf(join(OUT_DIR, f)), 0),
      loadedFiles: loaded.length,
    };
    const busy = await busyBench(browser, base);
    const flight = await flightBench(browser, base);
    const peers = await comparePeers(app);
    return {
      peers,
      browser: `Chromium ${browser.version()}`,
      flight,
      busy,
      firstRunMs: quantile(samples, 0.5),
      firstRunSamples: samples,
      initialJs,
    };
  } finally {
    await app.close();
  }
}
