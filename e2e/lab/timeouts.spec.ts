// Timeouts scale with the network (issue 8 §2): slowing every link to 500 ms leaves bully-10's
// outcome as the lab printed it (one coordinator, P9, 33 messages), with no warning, also when
// slowed in the middle of the election (the waits running follow, Simulation.followNetwork); a setting
// that will still make timeouts fire (an unbounded jitter tail, lost messages) is named next
// to the control.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

async function openNetwork(page: Page): Promise<void> {
  const details = page.locator('details.network-details');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

test('bully-10 over a 500 ms network elects P9 alone after 33 messages, and no warning shows', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await openNetwork(page);
  await expect(page.getByTestId('network-timeouts')).toContainText('OK wait 150 ms');
  await page.getByTestId('network-latency').fill('500');
  await page.getByTestId('network-apply').click();
  await expect(page.getByTestId('network-timeouts')).toHaveAttribute('data-one-way-ms', '510');
  await expect(page.getByTestId('network-timeouts')).toContainText('OK wait 1.53 s');
  await expect(page.getByTestId('network-warning')).toHaveCount(0);

  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }), 60_000);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  await expect(page.locator('[data-testid^="node-"][data-role="coordinator"]')).toHaveCount(1);
  for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) await expect(lab.node(id)).toHaveAttribute('data-role', 'follower');
  const elections = lab.metrics.locator('tr[data-election]');
  await expect(elections).toHaveCount(1);
  await expect(elections.first()).toHaveAttribute('data-total', '33');
  await expect(elections.first()).toHaveAttribute('data-predicted', '33');
  await expect(page.getByTestId('network-warning')).toHaveCount(0);
});

test('bully-10 slowed to 500 ms in the middle of its election: the waits already running follow, P9 alone after 33 messages', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  // Next message until P5's ELECTIONs are on their way: its OK wait is running, armed for 30 ms links.
  await expect(async () => {
    await lab.step.click();
    await expect(page.locator('[data-testid=message][data-kind=ELECTION]').first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await openNetwork(page);
  await page.getByTestId('network-latency').fill('500');
  await page.getByTestId('network-apply').click();
  await expect(page.getByTestId('network-timeouts')).toHaveAttribute('data-one-way-ms', '510');
  await expect(page.getByTestId('network-warning')).toHaveCount(0);

  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }), 60_000);
  await expect(page.locator('[data-testid^="node-"][data-role="coordinator"]')).toHaveCount(1);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  const elections = lab.metrics.locator('tr[data-election]');
  await expect(elections).toHaveCount(1);
  await expect(elections.first()).toHaveAttribute('data-total', '33');
});

test('a setting that will still cause timeouts is named next to the control', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await openNetwork(page);
  await page.getByTestId('network-latency').fill('500');
  await page.getByTestId('network-distribution').selectOption('exponential');
  await page.getByTestId('network-apply').click();
  const warning = page.getByTestId('network-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Exponential jitter has no upper bound');

  await page.getByTestId('network-distribution').selectOption('uniform');
  await page.getByTestId('network-apply').click();
  await expect(warning).toHaveCount(0);

  // A lossy link: its own panel says so too.
  await lab.inspectLink(5, 9);
  await page.getByTestId('link-loss').fill('20');
  await page.getByTestId('link-apply').click();
  await expect(page.getByTestId('link-warning')).toContainText('Lost messages look like crashed processes');
  await expect(warning).toContainText('Lost messages');
  await page.getByTestId('link-panel').screenshot({ path: test.info().outputPath('link-warning.png') });
  await page.locator('details.network-details').screenshot({ path: test.info().outputPath('network-warning.png') });
});
