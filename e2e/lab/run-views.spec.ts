// The views of the whole run under the stage: the space-time diagram draws one arrow per
// delivered message, the metrics compare the election with theory, the clock chart draws
// every node and each Cristian sync, and the diagram and chart export for slides.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('bully-10: the diagram has an arrow per delivered message and the metrics show 33 of 33 predicted', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10', 1);
  await lab.playUntil(async () => {
    await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
    await expect(lab.finishedBadge).toBeVisible({ timeout: 500 });
  });
  // 33 sent, 5 of them to the crashed P10 (dropped): 28 delivered (the CLI and unit tests agree).
  await expect(lab.spacetime).toHaveAttribute('data-arrows', '28');
  const election = lab.metrics.locator('tr[data-election="1"]');
  await expect(election).toHaveAttribute('data-total', '33');
  await expect(election).toHaveAttribute('data-predicted', '33');
  await expect(election).toContainText('33 of 33 predicted (8 COORDINATOR, 15 ELECTION, 10 OK)');
});

test('cristian-manipal-buddy: the clock chart draws each node and marks syncs within their bounds', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('cristian-manipal-buddy', 1);
  await lab.playUntil(async () => {
    await expect(lab.clockChart.locator('[data-sync-node="2"]').first()).toBeVisible({ timeout: 500 });
    await expect(lab.clockChart.locator('[data-sync-node="3"]').first()).toBeVisible({ timeout: 500 });
  });
  await expect(lab.clockChart.locator('path[data-node]')).toHaveCount(3);
  await expect(lab.metrics.locator('tr[data-within="false"]')).toHaveCount(0);
  await expect(lab.metrics.locator('tr[data-within="true"]').first()).toBeVisible();
});

test('the diagram switches to local time and exports SVG and PNG', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('cristian-basic', 1);
  await lab.playUntil(async () => expect(lab.spacetime).not.toHaveAttribute('data-arrows', '0', { timeout: 500 }));
  await page.getByRole('checkbox', { name: 'local time' }).check();
  await expect(lab.spacetime).toHaveAttribute('data-axis', 'local');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('.spacetime').getByRole('button', { name: 'SVG' }).click()]);
  const text = await (await svg.createReadStream()).toArray();
  expect(Buffer.concat(text).toString('utf8')).toMatch(
    /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*>local time<\/text>[\s\S]*<path data-part="arrows" data-kind="REQUEST"[\s\S]*<\/svg>$/,
  );
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.spacetime').getByRole('button', { name: 'PNG' }).click()]);
  const bytes = Buffer.concat(await (await png.createReadStream()).toArray());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
});
