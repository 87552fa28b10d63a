// The deployed build (dist/) served from a sub-path by a plain static host, as a GitHub Pages
// project site serves it from /<repo>/: both pages load everything relative to themselves,
// the workers start, a preset runs to its outcome with nothing asked of the host's root and
// no Content-Security-Policy violation; the build holds no test-only code and no source maps;
// a page opened once opens and runs offline, and a new deploy is offered with a Reload.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from './pages/visual-lab.ts';
import { serveStatic, type StaticHost } from './support/static-host.ts';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** Collects page errors, console errors and CSP violations (the build has a strict policy). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return errors;
}

/** Waits until the page's service worker has finished activating (it has precached the app). */
async function serviceWorkerActivated(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const worker = (await navigator.serviceWorker.ready).active;
    if (worker && worker.state !== 'activated')
      await new Promise<void>((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
  });
}

let host: StaticHost;
test.beforeAll(async () => {
  host = await serveStatic(DIST, '/dslab/');
});
test.afterAll(async () => {
  await host.close();
});

test('the lab at /dslab/ loads its assets, workers and manifest from the sub-path and runs bully-10', async ({ page }) => {
  const errors = watchErrors(page);
  const lab = new VisualLab(page, host.url);
  await lab.open('bully-10');
  await lab.playFast();
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', './manifest.webmanifest');
  await expect(page.locator('meta[http-equiv=Content-Security-Policy]')).toHaveAttribute('content', /script-src 'self';/);
  expect(host.misses).toEqual([]);
  expect(errors).toEqual([]);
});

test('the run report at /dslab/run.html runs ring-8 on the worker host', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${host.url}run.html?scenario=ring-8&seed=1`);
  await expect(page.getByTestId('node-7')).toHaveAttribute('data-role', 'coordinator', { timeout: 20_000 });
  await expect(page.getByTestId('node-8')).toHaveAttribute('data-status', 'crashed');
  expect(host.misses).toEqual([]);
  expect(errors).toEqual([]);
});

test('at /dslab/ the run report and the lab link to each other with the same preset and seed', async ({ page }) => {
  await page.goto(`${host.url}run.html?scenario=ring-8&seed=4`);
  await page.getByTestId('lab-link').click();
  await page.waitForURL((url) => url.href.startsWith(`${host.url}?scenario=ring-8&seed=4`));
  const lab = new VisualLab(page, host.url);
  await expect(lab.node(8)).toBeVisible();
  expect(page.url().startsWith(`${host.url}?scenario=ring-8&seed=4`)).toBe(true);
  await page.getByRole('link', { name: 'Run report' }).click();
  await page.waitForURL(`${host.url}run.html?scenario=ring-8&seed=4`);
  await expect(page.getByTestId('node-7')).toHaveAttribute('data-role', 'coordinator', { timeout: 20_000 });
  expect(host.misses).toEqual([]);
});

test('the deployed build has no test hook, no test worker and no source maps', async ({ page }) => {
  const assets = readdirSync(join(DIST, 'assets'));
  expect(assets.filter((f) => /faulty|debug-hook|\.map$/.test(f))).toEqual([]);
  for (const f of assets.filter((a) => a.endsWith('.js')))
    expect(readFileSync(join(DIST, 'assets', f), 'utf8')).not.toContain('sourceMappingURL');
  await page.goto(`${host.url}run.html?scenario=cristian-basic&seed=1&debug=1`);
  await expect(page.getByTestId('node-1')).toBeVisible();
  expect(await page.evaluate(() => 'serviceWorker' in navigator && '__dslab' in window)).toBe(false);
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('opened once, the lab and the run report reload and run with the network off', async ({ page, context }) => {
    const lab = new VisualLab(page, host.url);
    await lab.open('bully-10');
    await serviceWorkerActivated(page);

    await context.setOffline(true);
    await page.reload();
    await expect(lab.node(1)).toBeVisible();
    await lab.playFast();
    await lab.expectRole(9, 'coordinator');

    await page.goto(`${host.url}run.html?scenario=ring-8&seed=1`);
    await expect(page.getByTestId('node-7')).toHaveAttribute('data-role', 'coordinator', { timeout: 20_000 });
  });

  test('a new deploy is offered with a prompt, and Reload switches to it', async ({ page }) => {
    test.setTimeout(90_000);
    // A deploy of its own, so changing it leaves the other tests' build alone.
    const folder = mkdtempSync(join(tmpdir(), 'dslab-deploy-'));
    cpSync(DIST, folder, { recursive: true });
    const deploy = await serveStatic(folder, '/next/');
    try {
      const lab = new VisualLab(page, deploy.url);
      await lab.open('cristian-basic');
      await serviceWorkerActivated(page);
      await expect(page.getByTestId('update-prompt')).toHaveCount(0);

      // The next deploy (any change to sw.js is one). The browser checks for it when asked
      // (as on a later visit) once its worker is idle; then it installs it and keeps it waiting.
      writeFileSync(join(folder, 'sw.js'), `${readFileSync(join(folder, 'sw.js'), 'utf8')}\n// next deploy\n`);
      const prompt = page.getByTestId('update-prompt');
      await expect(async () => {
        await page.evaluate(() => void navigator.serviceWorker.getRegistration().then((r) => r?.update()));
        await expect(prompt).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 45_000 });
      await expect(prompt).toContainText('A new version of dslab is ready');
      await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
      await expect(lab.node(1)).toBeVisible();
      await expect(page.getByTestId('update-prompt')).toHaveCount(0);
      await expect(page).toHaveURL(/scenario=cristian-basic/);
    } finally {
      await deploy.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
