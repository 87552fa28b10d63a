// The pseudocode panel follows the mutual exclusion algorithms' runs: scrubbing a finished
// run back to a moment and selecting a process marks the line it was executing then, as the
// trace shows it (the lines are the ones the core's currentLine gives for seed 1).

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

async function finished(page: Page, scenario: string): Promise<VisualLab> {
  const lab = new VisualLab(page);
  await lab.open(scenario, 1);
  await lab.setSpeed('max');
  if (await lab.play.isEnabled()) await lab.play.click();
  await expect(lab.finishedBadge).toBeVisible({ timeout: 90_000 });
  return lab;
}

async function lineAt(page: Page, lab: VisualLab, ms: number, node: number): Promise<void> {
  await page.getByTestId('time-slider').fill(String(ms));
  await expect(page.getByTestId('time-travel-state')).toHaveAttribute('data-past', 'true');
  await lab.inspect(node);
  await expect(page.getByTestId('pseudocode')).toContainText(`P${node} is here`);
}

const current = (page: Page) => page.getByTestId('pseudocode').locator('[aria-current="step"]');

test('mutex-central: P2 inside at 1.5 s is at "enter", the coordinator at "on REQUEST"', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await finished(page, 'mutex-central');
  await expect(page.getByTestId('pseudocode')).toContainText('Central coordinator');
  await lineAt(page, lab, 1500, 2);
  await expect(current(page)).toHaveAttribute('data-line', 'enter');
  await lineAt(page, lab, 1500, 1);
  await expect(current(page)).toHaveAttribute('data-line', 'on-request');
});

test('ricart-agrawala: P2 inside at 1.5 s defers its replies; P3 has entered by 2.5 s', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await finished(page, 'ricart-agrawala');
  await lineAt(page, lab, 1500, 2);
  await expect(current(page)).toHaveAttribute('data-line', 'defer');
  await lineAt(page, lab, 2500, 3);
  await expect(current(page)).toHaveAttribute('data-line', 'enter');
});

test('token-ring: P2 inside at 1.5 s, P4 waiting out its claim’s fence at 9 s', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = await finished(page, 'token-ring');
  await lineAt(page, lab, 1500, 2);
  await expect(current(page)).toHaveAttribute('data-line', 'enter');
  await lineAt(page, lab, 9000, 4);
  await expect(current(page)).toHaveAttribute('data-line', 'fence');
});
