// The `pretest` hook: makes sure the e2e tests have a Chromium. Debian's /usr/bin/chromium
// (or one named by $DSLAB_CHROMIUM) is used when present, and playwright.config.ts picks the
// same one; otherwise Playwright downloads its own, so `npm test` works on a fresh laptop.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.DSLAB_CHROMIUM, '/usr/bin/chromium'].filter((p) => typeof p === 'string' && p !== '');

if (process.env.DSLAB_CHROMIUM && !existsSync(process.env.DSLAB_CHROMIUM)) {
  console.error(`ensure-browser: DSLAB_CHROMIUM=${process.env.DSLAB_CHROMIUM} does not exist; unset it or point it at a Chromium binary.`);
  process.exit(1);
}

const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`ensure-browser: e2e tests will use ${found}`);
  process.exit(0);
}

console.log('ensure-browser: no system Chromium found; installing Playwright’s Chromium (npx playwright install chromium)');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.error) {
  console.error(`ensure-browser: could not run npx: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
