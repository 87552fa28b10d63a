// Token ring mutual exclusion on the visual lab: the token-ring preset plays through its
// overlapping requests (served in ring order), P3's crash (the token is lost and one claim
// regenerates it without P3) and P3's return; the page shows where the token is, who is
// inside and who waits, each entry's wait in token hops, and the pseudocode follows.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('token-ring: entries in ring order, the lost token regenerated once without P3, P3 back in; hops per entry within 0..n', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const lab = new VisualLab(page);
  await lab.open('token-ring', 1);
  await expect(lab.nodes()).toHaveCount(5);
  // Mid-run: someone inside, the token drawn where it is, the panel saying where.
  await lab.pauseAtStart();
  await lab.setSpeed('1');
  await lab.play.click();
  await expect(page.getByTestId('mutex-summary')).toHaveAttribute('data-entries', '2');
  await lab.pauseIfPlaying();
  const where = page.getByTestId('token-where');
  await expect(where).toHaveAttribute('data-generation', '1');
  const at = await where.getAttribute('data-at');
  const to = await where.getAttribute('data-to');
  expect(Boolean(at) || Boolean(to)).toBe(true);
  if (at)
    await lab.expectRole(Number(at), (await page.getByTestId(`node-${at}`).getAttribute('data-role')) === 'in-cs' ? 'in-cs' : 'holder');
  else await expect(page.locator(`[data-testid="message"][data-kind="TOKEN"][data-to="${to}"]`)).toHaveCount(1);
  await expect(page.getByTestId('pseudocode').locator('[aria-current="step"]')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/token-ring-mid.png' });

  // The rest at full speed: on a loaded machine 100× can fall far behind.
  await lab.setSpeed('max');
  await lab.play.click();
  await expect(page.getByTestId('mutex-summary')).toHaveAttribute('data-entries', '6', { timeout: 90_000 });
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
  const rows = lab.metrics.getByTestId('critical-sections').locator('tbody tr');
  await expect(rows).toHaveCount(6);
  for (const [i, node] of ['2', '3', '4', '5', '1', '3'].entries()) await expect(rows.nth(i)).toHaveAttribute('data-node', node);
  // Regenerated once, and P3 back in the ring it left.
  await expect(page.getByTestId('token-ring-members')).toHaveText('P1 → P2 → P3 → P4 → P5');
  await expect(page.getByTestId('token-regenerations')).toHaveText('1×');
  // The same hops the CLI prints for seed 1 (tokenWaits): 2, 3, 4, 1, 2, 2.
  const waits = lab.metrics.getByTestId('token-waits');
  await expect(waits).toHaveAttribute('data-max', '4');
  await expect(waits).toContainText('2, 3, 4, 1, 2, 2');
  await expect(page.getByTestId('node-3-notice')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/token-ring-end.png' });
});

test('a request from the inspector enters when the token comes round', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('token-ring', 1);
  await lab.pauseAtStart();
  await lab.inspect(5);
  await page.getByTestId('node-5-request').click();
  await lab.playUntil(async () => {
    await expect(lab.eventLog).toContainText('user makes P5 ask for the critical section', { timeout: 500 });
    await expect(lab.metrics.getByTestId('critical-sections').locator('tbody tr').first()).toHaveAttribute('data-node', '5', {
      timeout: 500,
    });
  });
});
