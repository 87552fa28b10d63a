// `npm run soak [-- --minutes N] [--window S] [--only store|canteen|max64]` (issue 13, "flat
// over a lecture"): the production build in headless Chromium, played for minutes, to see
// whether the page's cost stays flat as the run grows. Not part of `npm test`; it takes
// 2 × N minutes plus a build, and a minute or two for the headless part.
//
// First, headless (soak-store.ts): the store and live runner fed a 2-hour berkeley-canteen
// run at 1× and a 2-hour custom Berkeley-64 run at max speed (about 700,000 events), their
// heap after GC against the 300 MB ceiling: the lengths a lecture reaches, in seconds.
//
// Two setups, one page each, one after the other: berkeley-canteen at 1× and custom
// Berkeley with 64 nodes at max speed. A run that reaches its end is played on at once (an
// init script presses Play when the "finished" badge shows), so the trace keeps growing as in
// a lecture. At the end of every minute it measures a window of S seconds (default 10):
// main-thread busy (CDP Performance.getMetrics TaskDuration over Timestamp), every animation
// frame's length (p95), then, after a forced garbage collection (outside the window), the JS
// heap in use and the DOM node count (CDP `Nodes`), the page's workers (a leak shows as a
// count that grows) and the simulated time reached. It prints each minute and the ratio of
// minute N to minute 1.

import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { serveBuiltApp } from './browser.ts';
import { PAGE_RETENTION } from '../src/hosts/retained-trace.ts';
import { runStoreSoak, STORE_SOAKS } from './soak-store.ts';

/** The heap ceiling a lecture-long run must stay under (issue 13). */
const CEILING_MB = 300;
const OUT_DIR = fileURLToPath(new URL('./results/soak/dist', import.meta.url));

interface Options {
  minutes: number;
  windowS: number;
  only: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { minutes: 3, windowS: 10, only: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const num = Number(value);
    if (flag === '--minutes' && Number.isFinite(num) && num >= 1) o.minutes = Math.floor(num);
    else if (flag === '--window' && Number.isFinite(num) && num >= 2 && num <= 50) o.windowS = num;
    else if (flag === '--only' && (value === 'store' || value === 'canteen' || value === 'max64')) o.only = value;
    else {
      console.error(`soak: bad argument ${flag ?? ''} ${value ?? ''} (--minutes N ≥ 1, --window 2–50 s, --only store|canteen|max64)`);
      process.exit(2);
    }
    i++;
  }
  return o;
}

export interface SoakSample {
  minute: number;
  busy: number;
  frameP95Ms: number;
  heapMb: number;
  domNodes: number;
  workers: number;
  /** Simulated seconds reached (the true-time readout). */
  simS: number;
  /** The retention line the page shows, if any. */
  retention: string;
}

interface Setup {
  key: string;
  name: string;
  url: string;
  ready: string;
  speed: string | null;
}

const SETUPS: Setup[] = [
  { key: 'canteen', name: 'berkeley-canteen at 1×', url: '/?scenario=berkeley-canteen&seed=1', ready: 'node-1', speed: null },
  {
    key: 'max64',
    name: 'custom Berkeley, 64 nodes, max speed',
    url: '/?scenario=custom-berkeley-64&seed=1',
    ready: 'node-64',
    speed: 'max',
  },
];

/** In the page, before its scripts: play on whenever the run shows it has finished; count frames on request. */
const KEEP_PLAYING = `
  window.__soak = { frames: null };
  setInterval(() => {
    const badge = document.querySelector('[data-testid="finished"]');
    const play = document.querySelector('[data-testid="control-play"]');
    if (badge && play && badge.getAttribute('aria-hidden') === 'false') play.click();
  }, 250);
`;

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function sample(page: Page, cdp: CDPSession, minute: number, windowS: number): Promise<SoakSample> {
  // A string, not a function: tsx's helpers do not exist in the page.
  await page.evaluate(
    `(() => { const s = window.__soak; s.frames = []; const tick = (t) => { if (s.frames) { s.frames.push(t); requestAnimationFrame(tick); } }; requestAnimationFrame(tick); })()`,
  );
  const before = await metrics(cdp);
  await page.waitForTimeout(windowS * 1000);
  const after = await metrics(cdp);
  const frames = (await page.evaluate(`(() => { const f = window.__soak.frames; window.__soak.frames = null; return f; })()`)) as number[];
  const deltas = frames
    .slice(1)
    .map((t, i) => t - (frames[i] as number))
    .sort((a, b) => a - b);
  const d = (k: string): number => (after[k] ?? 0) - (before[k] ?? 0);
  await cdp.send('HeapProfiler.collectGarbage');
  const settled = await metrics(cdp);
  const readout = (await page.getByTestId('true-time').first().textContent()) ?? '';
  const retention =
    (await page.getByTestId('retention').count()) > 0 ? ((await page.getByTestId('retention').first().textContent()) ?? '') : '';
  return {
    minute,
    busy: d('TaskDuration') / d('Timestamp'),
    frameP95Ms: quantile(deltas, 0.95),
    heapMb: (settled['JSHeapUsedSize'] ?? NaN) / 2 ** 20,
    domNodes: settled['Nodes'] ?? NaN,
    workers: page.workers().length,
    simS: parseSimSeconds(readout),
    retention: retention.trim(),
  };
}

/** "1:02:03.456 s", "62.500 s" or similar readouts → seconds. */
export function parseSimSeconds(text: string): number {
  const m = /([\d:.,]+)\s*s/.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return NaN;
  return (m[1] as string)
    .replace(/,/g, '')
    .split(':')
    .reduce((acc, part) => acc * 60 + Number(part), 0);
}

async function soak(browser: Browser, base: string, setup: Setup, o: Options, log: (s: SoakSample) => void): Promise<SoakSample[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.addInitScript(KEEP_PLAYING);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await page.goto(`${base}${setup.url}`);
    await page.getByTestId(setup.ready).waitFor();
    if (setup.speed) await page.getByTestId('control-speed').selectOption(setup.speed);
    const start = Date.now();
    const out: SoakSample[] = [];
    for (let minute = 1; minute <= o.minutes; minute++) {
      const windowStart = start + minute * 60_000 - o.windowS * 1000;
      const wait = windowStart - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
      const s = await sample(page, cdp, minute, o.windowS);
      out.push(s);
      log(s);
    }
    return out;
  } finally {
    await page.close();
  }
}

const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  console.log(
    `dslab soak — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; load average ${load()} at the start`,
  );
  if (!o.only || o.only === 'store') {
    console.log(`\nStore and live runner headless (inline host, the page's retention), heap after GC (ceiling ${CEILING_MB} MB)`);
    for (const soak of STORE_SOAKS) {
      const setup = soak.speed === 'max' ? { ...soak, simulatedMs: 2 * 3600_000 } : soak;
      const r = await runStoreSoak(setup, 4, { retain: PAGE_RETENTION });
      const most = Math.max(...r.points.map((p) => p.heapMb));
      const points = r.points
        .map(
          (p) =>
            `${(p.simulatedS / 60).toFixed(0)} min: ${p.heapMb.toFixed(0)} MB, +${(p.heapMb - r.baseMb).toFixed(0)} over the start (${p.kept.toLocaleString('en-US')} of ${p.events.toLocaleString('en-US')} events kept)`,
        )
        .join('; ');
      console.log(
        `  ${setup.name}, ${setup.simulatedMs / 3600_000} simulated h in ${(r.wallMs / 1000).toFixed(0)} s: ${points}  [${most <= CEILING_MB ? 'ok' : 'OVER'}]  (load ${load()})`,
      );
    }
    if (o.only === 'store') return;
  }
  console.log(`\n${o.minutes} min per setup, ${o.windowS} s measured at the end of each minute; building…`);
  const app = await serveBuiltApp(OUT_DIR);
  try {
    console.log(`Chromium ${app.browser.version()}`);
    const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
    const row = (s: SoakSample): string =>
      `  min ${String(s.minute).padStart(2)}: busy ${pct(s.busy).padStart(6)}, frame p95 ${s.frameP95Ms.toFixed(1).padStart(5)} ms, heap ${s.heapMb.toFixed(1).padStart(6)} MB, DOM ${String(s.domNodes).padStart(6)} nodes, workers ${s.workers}, simulated ${s.simS.toFixed(0)} s${s.retention ? `; ${s.retention}` : ''}  (load ${load()})`;
    for (const setup of SETUPS) {
      if (o.only && o.only !== setup.key) continue;
      console.log(`\n${setup.name}`);
      const samples = await soak(app.browser, app.base, setup, o, (s) => console.log(row(s)));
      const first = samples[0];
      const last = samples[samples.length - 1];
      if (!first || !last || first === last) continue;
      const r = (a: number, b: number): string => (b / a).toFixed(2);
      const flat = (a: number, b: number): boolean => b / a <= 1.1;
      const verdict =
        flat(first.busy, last.busy) && flat(first.frameP95Ms, last.frameP95Ms) && flat(first.heapMb, last.heapMb) ? 'ok' : 'GROWS';
      console.log(
        `  minute ${last.minute} / minute 1: busy ${r(first.busy, last.busy)}, frame p95 ${r(first.frameP95Ms, last.frameP95Ms)}, heap ${r(first.heapMb, last.heapMb)}, DOM nodes ${r(first.domNodes, last.domNodes)}; workers ${first.workers} → ${last.workers}${last.workers > first.workers ? ' (LEAK)' : ''}  [${verdict}: within 1.1×]`,
      );
    }
  } finally {
    await app.close();
  }
}

await main();
