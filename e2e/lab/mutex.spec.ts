// Mutual exclusion on the visual lab: mutex-central plays through its overlapping requests
// and the crash inside the critical section; a request made from the inspector (and with the
// e key) is granted; the elections' notice is not offered. Ricart–Agrawala plays its preset in
// timestamp order.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('mutex-central: six entries one at a time, P3 crashes inside and its lease runs out, 3 messages per entry', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('mutex-central', 1);
  await expect(lab.nodes()).toHaveCount(5);
  await lab.expectRole(1, 'coordinator');
  await lab.playUntil(async () => {
    await expect(page.getByTestId('mutex-summary')).toHaveAttribute('data-entries', '6', { timeout: 500 });
    await expect(lab.finishedBadge).toBeVisible({ timeout: 500 });
  });
  await expect(lab.eventLog).toContainText('takes the grant back from P3');
  await expect(lab.metrics.getByTestId('critical-sections').locator('tbody tr')).toHaveCount(6);
  // 6 REQUEST, 6 GRANT, 5 RELEASE (P3 crashed inside): the same the unit tests count.
  await expect(lab.metrics.getByTestId('mutex-cost')).toHaveAttribute('data-sent', '17');
  await expect(lab.metrics.getByTestId('mutex-cost')).toHaveAttribute('data-predicted', '18');
  await page.screenshot({ path: 'test-results/mutex-central.png' });
});

test('a request from the inspector and one with the e key are granted; notice is not offered', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('mutex-central', 1);
  await lab.pauseAtStart();
  await lab.inspect(4);
  await expect(page.getByTestId('node-4-notice')).toHaveCount(0);
  await page.getByTestId('node-4-request').click();
  await lab.inspect(5);
  await page.keyboard.press('e');
  await lab.playUntil(async () => {
    await expect(lab.eventLog).toContainText('user makes P4 ask for the critical section', { timeout: 500 });
    await expect(lab.eventLog).toContainText('user makes P5 ask for the critical section', { timeout: 500 });
    await expect(page.getByTestId('mutex-summary')).toHaveAttribute('data-entries', '7', { timeout: 500 });
  });
  // P4 and P5 asked first and entered first; with the queue shifted, P3 now crashes while it
  // waits, so the preset's six entries become five (the CLI with 0:request:4 and 0:request:5 agrees).
  const rows = lab.metrics.getByTestId('critical-sections').locator('tbody tr');
  await expect(rows.nth(0)).toHaveAttribute('data-node', '4');
  await expect(rows.nth(1)).toHaveAttribute('data-node', '5');
});

test('ricart-agrawala: P2, P4, P3 in timestamp order with deferred replies; P1 waits for the crashed P5; 8 messages per entry', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('ricart-agrawala', 1);
  await expect(lab.nodes()).toHaveCount(5);
  await lab.playUntil(async () => {
    await expect(page.getByTestId('mutex-summary')).toHaveAttribute('data-entries', '4', { timeout: 500 });
    await expect(lab.finishedBadge).toBeVisible({ timeout: 500 });
  });
  const rows = lab.metrics.getByTestId('critical-sections').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  for (const [i, node] of ['2', '4', '3', '1'].entries()) await expect(rows.nth(i)).toHaveAttribute('data-node', node);
  await expect(lab.eventLog).toContainText('P2 defers its reply to');
  // 4 entries × 2(n−1) = 32 predicted; P1's one repeated REQUEST to P5 makes 33 (the unit tests count the same).
  await expect(lab.metrics.getByTestId('mutex-cost')).toHaveAttribute('data-predicted', '32');
  await expect(lab.metrics.getByTestId('mutex-cost')).toHaveAttribute('data-sent', '33');
  await expect(page.getByTestId('node-3-notice')).toHaveCount(0);
});
