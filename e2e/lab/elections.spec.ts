// Elections on the visual lab, driven as a user would: presets play to their winner, and
// crashing the new coordinator from its inspector and telling another node elects the next.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('bully-10: node 9 becomes coordinator after 10 crashes', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await expect(lab.nodes()).toHaveCount(10);
  await lab.playFast();
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.node(9)).toHaveAttribute('aria-label', 'P9, coordinator, alive, offset +0 ms, drift +0 ppm');
  await expect(page.getByTestId('election-messages')).toContainText('ELECTION 15 · OK 10 · COORDINATOR 8');
  await expect(lab.eventLog).toContainText('P9 is now coordinator');
  await expect(page.getByTestId('announcer')).toContainText('P9 is the new coordinator');
});

test('ring-8: node 7 becomes coordinator with the list [5, 6, 7, 1, 2, 3, 4]', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8');
  await lab.playFast();
  await lab.expectRole(7, 'coordinator');
  await expect(page.getByTestId('election-summary')).toContainText('[5, 6, 7, 1, 2, 3, 4]');
  for (const id of [1, 2, 3, 4, 5, 6]) await lab.expectRole(id, 'follower');
});

test('crashing the new coordinator in its inspector and telling another node elects the next one', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.playFast();
  await lab.expectRole(9, 'coordinator');

  await lab.crash(9);
  await expect(lab.node(9)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'crashed');
  await lab.notice(3);
  await lab.playUntil(() => expect(lab.node(8)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 }));
  await expect(page.getByTestId('election-summary')).toHaveAttribute('data-winner', '8');
  await expect(lab.eventLog).toContainText('user tells P3 the coordinator has failed');
});

test('messages in flight are drawn with their kind, sender and receiver', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8');
  await lab.setSpeed('0.25');
  // P5 is told at 1.5 s and sends ELECTION to P6. The dot lives for a few frames only, so look
  // for it on every animation frame rather than with expect's backing-off retries.
  const seen = await page.waitForFunction(
    () => {
      const dot = document.querySelector('[data-testid="message"][data-kind="ELECTION"][data-from="5"][data-to="6"]');
      return dot !== null && dot.getBoundingClientRect().width > 0;
    },
    null,
    { polling: 'raf', timeout: 20_000 },
  );
  expect(await seen.jsonValue()).toBe(true);
});
