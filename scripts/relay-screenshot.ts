// The README's picture of real and simulated nodes together, written to docs/screenshots/ only
// when run explicitly (`npm run screenshots:relay`), never by `npm test`: it builds and serves
// the app, starts a relay, links berkeley-canteen to it, and runs the lab's four Berkeley
// slaves (q3_client_*.py, unmodified) against dslab's simulated master for a few cycles.

import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { serveBuiltApp } from '../bench/browser.ts';
import { runProgram, startRelay, type PythonRun } from '../src/relay/harness.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/relay-berkeley-canteen.png', import.meta.url));
const BUILD = fileURLToPath(new URL('../bench/results/relay-build', import.meta.url));
const SLAVES = ['KMC', 'MIT', 'TAPMI', 'SOLS'];

const app = await serveBuiltApp(BUILD);
const relay = await startRelay();
const programs: PythonRun[] = [];
try {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${app.base}/?scenario=berkeley-canteen&seed=1&relay=ws://127.0.0.1:${relay.at.wsPort}`);
  await expect(page.getByTestId('relay-status')).toContainText('connected to', { timeout: 30_000 });
  for (const name of SLAVES) programs.push(runProgram(`q3_client_${name}.py`, { PORT: String(relay.at.berkeleyPort) }));
  // Every slave prints the time the master sent it at least twice: two cycles with all four in.
  await Promise.all(programs.map((p) => p.waitFor(/Synchronized time at the client/, 60_000, 2)));
  await page.waitForTimeout(6_000);
  await page.screenshot({ path: OUT });
  console.log('docs/screenshots/relay-berkeley-canteen.png');
  await page.close();
} finally {
  for (const p of programs) p.kill();
  await relay.stop();
  await app.close();
}
