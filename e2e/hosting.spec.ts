// The production build served from a sub-path by a plain static host (as a GitHub Pages
// project site serves it from /<repo>/): both pages load everything relative to themselves,
// the workers start, and a preset runs to its outcome with nothing asked of the host's root.

import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { VisualLab } from './pages/visual-lab.ts';
import { serveStatic, type StaticHost } from './support/static-host.ts';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

let host: StaticHost;
test.beforeAll(async () => {
  host = await serveStatic(DIST, '/dslab/');
});
test.afterAll(async () => {
  await host.close();
});

test('the lab at /dslab/ loads its assets, workers and manifest from the sub-path and runs bully-10', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const lab = new VisualLab(page, host.url);
  await lab.open('bully-10');
  await lab.playFast();
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', './manifest.webmanifest');
  expect(host.misses).toEqual([]);
  expect(errors).toEqual([]);
});

test('the run report at /dslab/run.html runs ring-8 on the worker host', async ({ page }) => {
  await page.goto(`${host.url}run.html?scenario=ring-8&seed=1`);
  await expect(page.getByTestId('node-7')).toHaveAttribute('data-role', 'coordinator');
  await expect(page.getByTestId('node-8')).toHaveAttribute('data-status', 'crashed');
  expect(host.misses).toEqual([]);
});
