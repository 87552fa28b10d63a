// NTP on the visual lab: ntp-basic runs, each node's θ and δ are on the rounds panel with
// every sync inside δ/2 plus the drift allowance, the clock chart draws the bound's band, the
// metrics compare messages per poll with 2 × samples, and the pseudocode follows the run.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('ntp-basic: the server syncs to the reference, the clients to the server, every sync within its bound', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ntp-basic');
  await lab.expectRole(1, 'reference');
  await lab.expectRole(2, 'server');
  for (const id of [3, 4, 5]) await lab.expectRole(id, 'client');
  await lab.playFast('20');
  // Read the numbers once the run has ended, so the attributes of one card belong to one sync.
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });

  for (const id of [2, 3, 4, 5]) {
    const sync = page.getByTestId(`sync-${id}`);
    await expect(sync).toBeVisible();
    await expect(sync).toHaveAttribute('data-within', 'true');
    await expect(sync).toHaveAttribute('data-stratum', id === 2 ? '2' : '3');
    const offset = Number(await sync.getAttribute('data-offset-ms'));
    const delay = Number(await sync.getAttribute('data-delay-ms'));
    const error = Number(await sync.getAttribute('data-error-ms'));
    const bound = Number(await sync.getAttribute('data-bound-ms'));
    expect(Number.isFinite(offset)).toBe(true);
    expect(delay).toBeGreaterThan(0);
    expect(bound).toBeGreaterThanOrEqual(delay / 2);
    expect(Math.abs(error)).toBeLessThanOrEqual(bound);
    await expect(sync).toContainText('θ offset');
    await expect(sync).toContainText('δ delay');
  }
  // Client C's asymmetric link: its δ, and so its bound, is the widest of the clients'.
  const delayOf = async (id: number) => Number(await page.getByTestId(`sync-${id}`).getAttribute('data-delay-ms'));
  expect(await delayOf(5)).toBeGreaterThan(await delayOf(3));
  await expect(page.getByTestId('sync-5')).toContainText('Client C');

  // The bound drawn on the clock chart as a band after each sync.
  await expect(lab.clockChart.locator('.bound-band').first()).toBeAttached();
  // Metrics: 3 samples a poll, a REQUEST and a RESPONSE each.
  const cost = page.getByTestId('ntp-cost');
  await expect(cost).toContainText('theory: 6');
  await expect(page.getByTestId('ntp-syncs')).toBeVisible();
});

test('ntp-basic: the pseudocode marks the line of the node that acted last', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ntp-basic');
  await lab.playFast('20');
  await expect(page.getByTestId('sync-3')).toBeVisible({ timeout: 20_000 });
  await lab.pauseIfPlaying();
  const code = page.getByTestId('pseudocode');
  await expect(code).toContainText('θ := ((T2 − T1) + (T3 − T4)) / 2');
  await expect(code.locator('[aria-current="step"]')).toHaveCount(1);
});
