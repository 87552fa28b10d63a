// The space-time diagram at 100,000 events, drawn by the real canvas in headless Chromium:
// the page's own modules are loaded from Vite's dev server, a 64-node Bully run with 100 ms
// heartbeats is simulated in the page, and drawSpaceTime is timed for a 5 s window (what
// the page follows) and a 60 s window (zoomed far out).

import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchChromium } from './browser.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface DrawTimes {
  medianMs: number;
  p95Ms: number;
}

export interface DiagramBenchResult {
  events: number;
  arrows: number;
  buildMs: number;
  window5s: DrawTimes;
  window60s: DrawTimes;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs in the page (as a string: tsx's helpers do not exist there). */
const IN_PAGE = `(async () => {
  const { simulateInline } = await import('/src/hosts/inline.ts');
  const { customScenario } = await import('/src/scenarios/custom.ts');
  const { bullySettings } = await import('/src/core/index.ts');
  const { buildSpaceTime } = await import('/src/store/spacetime-model.ts');
  const { drawSpaceTime } = await import('/src/views/timeline/spacetime-draw.ts');
  const base = customScenario({ algorithm: 'bully', nodes: 64 });
  const scenario = { ...base, algorithm: { id: 'bully', settings: bullySettings(64, { heartbeat: true, heartbeatPeriodMs: 100 }) } };
  const events = simulateInline(scenario, 1, { until: 90000 }).events.slice(0, 100000);
  const started = performance.now();
  const model = buildSpaceTime(events);
  const buildMs = performance.now() - started;
  const canvas = document.createElement('canvas');
  canvas.width = 1200;
  canvas.height = 480;
  document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  const theme = { background: '#fff', lane: '#666', text: '#111', band: 'rgba(230,159,0,.25)', gap: '#999', font: '14px sans-serif' };
  const end = events[events.length - 1].t;
  const time = (span) => {
    const ms = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      drawSpaceTime(ctx, model, { x0: end - span, x1: end, width: 1200, height: 480 }, theme, (id) => 'P' + id, end, null);
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { medianMs: ms[20], p95Ms: ms[38] };
  };
  return { events: events.length, arrows: model.arrows.length, buildMs, window5s: time(5000), window60s: time(60000) };
})()`;

export async function runDiagramBenchmark(): Promise<DiagramBenchResult> {
  const port = await freePort();
  const server = await createServer({
    root: ROOT,
    // Production mode: the dev server would otherwise set NODE_ENV=development for the rest of
    // the process, and every later page benchmark would build React's development bundle.
    mode: 'production',
    logLevel: 'warn',
    server: { port, strictPort: true, host: '127.0.0.1' },
  });
  await server.listen();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${port}/run.html?scenario=bully-10&seed=1`);
    return (await page.evaluate(IN_PAGE)) as DiagramBenchResult;
  } finally {
    await browser.close();
    await server.close();
  }
}
