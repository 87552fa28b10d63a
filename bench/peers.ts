// dslab beside RaftScope (issue 13) in one Chromium, in one run: ratios hold on a loaded
// machine where absolute times do not. RaftScope (the classic Raft visualisation, five
// servers, SVG rebuilt every frame, plays on load) is served from ../shared/peers/raftscope
// (see that folder's README); when it is absent the comparison is skipped with one line.
//
// Each window opens one page fresh, lets it play for a second, then measures WINDOW_MS:
// main-thread busy (CDP Performance.getMetrics TaskDuration over Timestamp), every animation
// frame's length (p95) and JS heap growth (JSHeapUsedSize). Pages alternate (ours, theirs,
// ours...) for ROUNDS windows each, so both see the same load; medians are reported.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { preview } from 'vite';
import { freePort, type ServedApp } from './browser.ts';

/** ../shared/peers/raftscope beside the repository, or $DSLAB_PEER_DIR (a worktree elsewhere). */
export const PEER_DIR = process.env.DSLAB_PEER_DIR ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/peers/raftscope');
const WINDOW_MS = 5000;
const ROUNDS = 3;

export interface PageWindow {
  busy: number;
  frameP95Ms: number;
  heapGrowthMb: number;
}

export interface PeerComparison {
  name: string;
  ours: PageWindow;
  theirs: PageWindow;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor(s.length / 2)] as number);
};

/** Opens `url`, runs `prepare`, plays a second, then measures one window. */
async function measureWindow(
  browser: Browser,
  url: string,
  prepare: (page: import('@playwright/test').Page) => Promise<void>,
): Promise<PageWindow> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await page.goto(url);
    await prepare(page);
    await page.waitForTimeout(1000);
    const metric = async (): Promise<Record<string, number>> => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    };
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.evaluate(
      `(() => { window.__frames = []; const tick = (t) => { if (window.__frames) { window.__frames.push(t); requestAnimationFrame(tick); } }; requestAnimationFrame(tick); })()`,
    );
    const before = await metric();
    await page.waitForTimeout(WINDOW_MS);
    const after = await metric();
    const frames = (await page.evaluate(`(() => { const f = window.__frames; window.__frames = null; return f; })()`)) as number[];
    const deltas = frames
      .slice(1)
      .map((t, i) => t - (frames[i] as number))
      .sort((a, b) => a - b);
    const d = (k: string): number => (after[k] ?? 0) - (before[k] ?? 0);
    return {
      busy: d('TaskDuration') / d('Timestamp'),
      frameP95Ms: deltas[Math.min(deltas.length - 1, Math.floor(0.95 * deltas.length))] ?? NaN,
      heapGrowthMb: d('JSHeapUsedSize') / 2 ** 20,
    };
  } finally {
    await page.close();
  }
}

const summarise = (ws: PageWindow[]): PageWindow => ({
  busy: median(ws.map((w) => w.busy)),
  frameP95Ms: median(ws.map((w) => w.frameP95Ms)),
  heapGrowthMb: median(ws.map((w) => w.heapGrowthMb)),
});

/** Serves RaftScope's static folder beside the built app; null when the folder is absent. */
export async function comparePeers(app: ServedApp): Promise<PeerComparison[] | null> {
  if (!existsSync(resolve(PEER_DIR, 'index.html'))) return null;
  const port = await freePort();
  const server = await preview({
    root: PEER_DIR,
    logLevel: 'warn',
    build: { outDir: PEER_DIR },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  const peerUrl = `http://127.0.0.1:${port}/index.html`;
  const setups: { name: string; url: string; prepare: (page: import('@playwright/test').Page) => Promise<void> }[] = [
    {
      name: 'berkeley-canteen at 1×',
      url: `${app.base}/?scenario=berkeley-canteen&seed=1`,
      prepare: async (p) => p.getByTestId('node-1').waitFor(),
    },
    { name: 'bully-10 at 1×', url: `${app.base}/?scenario=bully-10&seed=1`, prepare: async (p) => p.getByTestId('node-10').waitFor() },
    {
      name: 'custom Berkeley, 64 nodes, max speed',
      url: `${app.base}/?scenario=custom-berkeley-64&seed=1`,
      prepare: async (p) => {
        await p.getByTestId('node-64').waitFor();
        await p.getByTestId('control-speed').selectOption('max');
      },
    },
  ];
  try {
    const out: PeerComparison[] = [];
    for (const s of setups) {
      const ours: PageWindow[] = [];
      const theirs: PageWindow[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        ours.push(await measureWindow(app.browser, s.url, s.prepare));
        theirs.push(await measureWindow(app.browser, peerUrl, async (p) => void (await p.locator('svg').first().waitFor())));
      }
      out.push({ name: s.name, ours: summarise(ours), theirs: summarise(theirs) });
    }
    return out;
  } finally {
    await server.close();
  }
}
