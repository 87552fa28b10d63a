// Labels say only what is true (issue 8 §4): a crashed node is nobody's leader; nodes are named
// by their names everywhere (the inspector says "slave of Testing lab"); actions are offered
// only where they mean something; an election's perfect clocks get no rows; after Reset the
// scenario's coordinator is shown.

import { expect, type Locator, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

/** The role line drawn under a node's glyph ("follower of P10"). */
const roleLine = (lab: VisualLab, id: number): Locator => lab.node(id).locator('xpath=..').locator('.glyph-role');
const offsetLine = (lab: VisualLab, id: number): Locator => lab.node(id).locator('xpath=..').locator('.glyph-offset');

test('after Reset bully-10 shows P10 leading; once P10 crashes nobody is "follower of P10", and P9 is named once it wins', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  await expect(lab.node(10)).toHaveAttribute('data-role', 'coordinator');
  await expect(roleLine(lab, 1)).toHaveText('follower of P10');
  await expect(lab.node(1)).toHaveAttribute('aria-label', /follower of P10/);

  await lab.crash(10);
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  for (const id of [1, 5, 9]) {
    await expect(roleLine(lab, id)).toHaveText('follower');
    await expect(lab.node(id)).not.toHaveAttribute('aria-label', /of P10/);
  }
  await lab.notice(5);
  await lab.playUntil(() => expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 }));
  await expect(roleLine(lab, 1)).toHaveText('follower of P9');
  // While the election runs no candidate was ever "candidate of P10": checked on the final view.
  await expect(page.locator('.glyph-role', { hasText: 'of P10' })).toHaveCount(0);

  await page.getByTestId('control-reset').click();
  await expect(lab.node(10)).toHaveAttribute('data-role', 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'alive');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'follower');
  await expect(roleLine(lab, 9)).toHaveText('follower of P10');
});

test('election presets draw no clock rows for perfect clocks; a clock made to drift gets its row; clock presets keep theirs', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  for (const id of [1, 5, 10]) await expect(offsetLine(lab, id)).toBeHidden();
  await expect(page.locator('.glyph-offset:visible')).toHaveCount(0);
  await lab.setDrift(3, 20_000);
  await expect(offsetLine(lab, 3)).toBeVisible();
  await expect(offsetLine(lab, 3)).toContainText('+20,000 ppm');
  await expect(offsetLine(lab, 4)).toBeHidden();

  await lab.open('berkeley-canteen');
  await lab.pauseAtStart();
  for (const id of [1, 2, 3, 4, 5]) await expect(offsetLine(lab, id)).toBeVisible();
});

test('Berkeley and Cristian nodes are named in the inspector, and offer no "Notice failure"', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('berkeley-canteen');
  await lab.playUntil(() => expect(page.getByTestId('event-log')).toContainText('ADJUST', { timeout: 500 }), 30_000);
  await lab.pauseIfPlaying();
  await lab.inspect(2);
  await expect(page.getByTestId('node-2-description')).toContainText('slave of Testing lab');
  await expect(page.getByTestId('node-2-description')).not.toContainText('master 1');
  await expect(page.getByTestId('node-2-notice')).toHaveCount(0);
  await expect(roleLine(lab, 2)).toHaveText('slave of Testing lab');
  await lab.inspect(1);
  await expect(page.getByTestId('node-1-notice')).toHaveCount(0);
  await expect(page.getByTestId('metrics')).not.toContainText(/node \d|master \d/);

  await lab.open('cristian-manipal-buddy');
  await lab.pauseAtStart();
  await lab.inspect(2);
  await expect(page.getByTestId('node-2-description')).toContainText('client of Time server :8011');
  await expect(page.getByTestId('node-2-notice')).toHaveCount(0);

  await lab.open('bully-10');
  await lab.pauseAtStart();
  await lab.inspect(5);
  await expect(page.getByTestId('node-5-notice')).toBeVisible();
  await page
    .locator('.stage')
    .screenshot({ path: test.info().outputPath('bully-stage.png') })
    .catch(() => undefined);
});
