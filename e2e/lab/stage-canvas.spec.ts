// Many messages in flight are drawn on one canvas, not an SVG element each (issue 14): a
// 64-node Bully election puts hundreds in flight; the canvas says how many and of which
// kinds, and the per-message dots come back once few are left.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('custom Bully, 64 nodes: an election of hundreds of messages is drawn on the stage canvas with its count by kind', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('custom-bully-64');
  await lab.pauseAtStart();
  await lab.setSpeed('0.1');
  await lab.node(33).click();
  await page.keyboard.press('n');
  await lab.play.click();
  const canvas = page.getByTestId('message-canvas');
  await expect
    .poll(async () => Number((await canvas.getAttribute('data-in-flight', { timeout: 500 }).catch(() => null)) ?? 0), { timeout: 20_000 })
    .toBeGreaterThan(80);
  await expect(canvas).toHaveAttribute('aria-label', /\d+ messages in flight: .*ELECTION/);
  // While the canvas draws them, there is no SVG element per message.
  await expect(lab.messages).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('stage-canvas.png') });
});
