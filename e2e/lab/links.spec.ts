// Links on the stage: click one to slow it, make it lossy or cut it; a cut link drops what
// is sent over it. Hovering a message in flight shows its contents.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('cutting the link between two nodes drops their messages, and restoring it heals it', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8');
  await lab.pauseAtStart();
  await lab.cutLink(5, 6);
  await expect(lab.link(5, 6).locator('xpath=..')).toHaveAttribute('data-look', 'cut');
  await expect(page.getByTestId('link-state')).toContainText('P5 → P6: cut');
  await expect(lab.eventLog).toContainText('user sets link P5 → P6: link cut');

  // P5 is told at 1.5 s that the coordinator failed: its ELECTION to P6 is dropped on the cut
  // link, it skips P6 and the ring still elects P7.
  await lab.playUntil(() => expect(lab.node(7)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 }));
  await lab.setFilter('P6', 'ELECTION');
  await expect(lab.eventLog).toContainText('P5 → P6  ELECTION dropped: the link is cut');
  await lab.setFilter('all', 'all');

  await lab.inspectLink(5, 6);
  await page.getByTestId('link-restore').click();
  await expect(lab.link(5, 6).locator('xpath=..')).toHaveAttribute('data-look', 'plain');
});

test('a slowed, lossy link shows as changed', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await lab.inspectLink(2, 9);
  await page.getByTestId('link-latency').fill('400');
  await page.getByTestId('link-loss').fill('20');
  await page.getByTestId('link-apply').click();
  await expect(lab.link(2, 9).locator('xpath=..')).toHaveAttribute('data-look', 'slow lossy');
  await expect(page.getByTestId('link-state')).toContainText('P2 → P9: 400 ms, 20% loss · P9 → P2: 400 ms, 20% loss');
});

test('hovering a message in flight shows its kind, ends, times and contents', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8');
  await lab.pauseAtStart();
  // Step (→) until P5's ELECTION is on its way, then hover it.
  await expect(async () => {
    await page.keyboard.press('ArrowRight');
    await expect(lab.messages.first()).toBeVisible({ timeout: 100 });
  }).toPass({ timeout: 20_000 });
  const dot = lab.messages.first();
  const kind = await dot.getAttribute('data-kind');
  await dot.hover({ force: true });
  const card = page.getByTestId('message-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText(`${kind}`);
  await expect(card).toContainText(/sent \d+\.\d{3} s, arrives \d+\.\d{3} s/);
  await expect(card).toContainText(`"kind":"${kind}"`);
});
