// Playback, keyboard shortcuts, partitions and the URL on the visual lab.

import { expect, test } from '@playwright/test';
import { presets } from '../../src/scenarios/index.ts';
import { VisualLab } from '../pages/visual-lab.ts';

test('keyboard: space pauses and plays, → steps, r resets, c/v/n act on the selected node, ? shows help', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await expect(lab.play).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Space');
  await expect(lab.pause).toBeDisabled();
  await page.keyboard.press('Space');
  await expect(lab.pause).toBeEnabled();
  await page.keyboard.press('Space');
  await expect(lab.pause).toBeDisabled();

  const logged = await lab.eventLog.locator('li').count();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => lab.eventLog.locator('li').count()).toBeGreaterThan(logged);

  await lab.node(4).click();
  await page.keyboard.press('c');
  await expect(lab.node(4)).toHaveAttribute('data-status', 'crashed');
  await page.keyboard.press('v');
  await expect(lab.node(4)).toHaveAttribute('data-status', 'alive');

  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toBeVisible();
  await expect(page.getByTestId('keyboard-help')).toContainText('crash the selected node');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('keyboard-help')).toBeHidden();

  await page.keyboard.press('r');
  await expect(lab.trueTime).toHaveText('0.000 s');
  await expect(lab.node(4)).toHaveAttribute('data-status', 'alive');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'alive');

  // n: the selected node notices the coordinator's failure and starts an election.
  await lab.node(10).click();
  await page.keyboard.press('c');
  await lab.node(2).click();
  await page.keyboard.press('n');
  await lab.playUntil(() => expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 }));
  await expect(lab.eventLog).toContainText('user tells P2 the coordinator has failed');
});

test('a partition stops traffic across it and healing restores it', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.playFast();
  await lab.expectRole(9, 'coordinator');

  // Cut {1..4} from {5..10}; P2 notices: its ELECTION to the other side is blocked.
  await lab.partition([1, 2, 3, 4]);
  await expect(page.getByText('Partitioned: {1, 2, 3, 4} | {5, 6, 7, 8, 9, 10}')).toBeVisible();
  await lab.notice(2);
  // Two coordinators: P4 on its side, P9 on the other (Bully is not safe under partitions).
  await lab.playUntil(async () => {
    await expect(lab.node(4)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
    await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
  });
  await lab.setFilter('P9', 'ELECTION');
  await expect(lab.eventLog).toContainText('P2 → P9  ELECTION dropped: blocked by a partition');
  await lab.setFilter('all', 'all');

  await lab.heal();
  await expect(page.getByText(/^Partitioned:/)).toBeHidden();
  await lab.notice(3);
  await lab.playUntil(async () => {
    await expect(lab.node(4)).toHaveAttribute('data-role', 'follower', { timeout: 500 });
    await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
  });
  await lab.setFilter('P9', 'ELECTION');
  await expect(lab.eventLog).toContainText('P9 got ELECTION from P3');
});

test('the URL names what is shown, and picking a preset updates it', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8', 7);
  await expect(lab.scenarioSelect).toHaveValue('ring-8');
  await lab.scenarioSelect.selectOption('berkeley-basic');
  await expect(page).toHaveURL(/\/\?scenario=berkeley-basic&seed=7$/);
  await expect(lab.node(1)).toHaveAttribute('data-role', 'master');
});

test('a custom setup runs with many nodes', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.scenarioSelect.selectOption('custom');
  await page.getByTestId('custom-algorithm').selectOption('ring');
  await page.getByTestId('custom-nodes').fill('24');
  await page.getByTestId('control-load').click();
  await expect(lab.nodes()).toHaveCount(24);
  await expect(page).toHaveURL(/scenario=custom-ring-24&seed=1$/);
  await lab.expectRole(24, 'coordinator');
});

test('every preset summary is shown whole at 1280×720, the lab answer included', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const lab = new VisualLab(page);
  for (const preset of presets) {
    await lab.open(preset.id);
    const line = page.locator('.scenario-line > p');
    await expect(line).toContainText(preset.summary);
    const cut = await line.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    expect(cut, preset.id).toBe(false);
    const box = await line.boundingBox();
    expect(box && box.x + box.width <= 1280, preset.id).toBe(true);
  }
});
