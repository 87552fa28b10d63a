// Clock synchronisation on the visual lab: Berkeley pulls the canteen's lines together,
// Cristian keeps MOBILE and LAPTOP within their bounds, and a drift change shows in a clock.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

const LINES = [2, 3, 4, 5]; // KMC, MIT, TAPMI, SOLS

async function spread(lab: VisualLab): Promise<number> {
  const offsets = await Promise.all(LINES.map((id) => lab.offsetOf(id)));
  return Math.max(...offsets) - Math.min(...offsets);
}

test('berkeley-canteen: the spread of the four lines shrinks after a cycle', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('berkeley-canteen');
  await lab.pauseAtStart();
  const before = await spread(lab);
  expect(before).toBeGreaterThan(900);

  await lab.playFast('20');
  const summary = page.getByTestId('berkeley-summary');
  await expect.poll(async () => Number(await summary.getAttribute('data-cycle')), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => spread(lab), { timeout: 20_000 }).toBeLessThan(before / 2);
});

test('cristian-manipal-buddy: MOBILE and LAPTOP end their syncs within their bounds', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('cristian-manipal-buddy');
  await lab.playFast('20');
  for (const client of [2, 3]) {
    const sync = page.getByTestId(`sync-${client}`);
    await expect(sync).toBeVisible({ timeout: 20_000 });
    await expect(sync).toHaveAttribute('data-within', 'true');
    const error = Number(await sync.getAttribute('data-error-ms'));
    const bound = Number(await sync.getAttribute('data-bound-ms'));
    expect(Math.abs(error)).toBeLessThanOrEqual(bound);
  }
  await expect(page.getByTestId('sync-2')).toContainText('MOBILE');
  await expect(page.getByTestId('sync-3')).toContainText('LAPTOP');
});

test('a drift change in the inspector shows in the clock', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await expect(lab.node(3)).toHaveAttribute('data-offset-ms', '0');
  await lab.setDrift(3, 200_000);
  await expect(lab.node(3)).toHaveAttribute('aria-label', /drift \+200,000 ppm/);
  await lab.playFast('1');
  // 20% fast: after a little true time the clock is visibly ahead.
  await expect.poll(() => lab.offsetOf(3), { timeout: 10_000 }).toBeGreaterThan(20);
  await expect(lab.eventLog).toContainText('user sets P3 drift to +200,000 ppm');
});
