// Accessibility with axe-core over every preset, on the lab (after a run, with the inspector
// and the network panel open, in both themes) and on the run report: any serious or critical
// violation of WCAG 2.2 A/AA fails, with the rule, the elements and axe's help.

import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { presetIds } from '../src/scenarios/index.ts';
import { VisualLab } from './pages/visual-lab.ts';

// A run to its end plus an axe pass over a page of ~1,000 elements takes a while on a busy machine.
test.describe.configure({ timeout: 90_000 });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'];

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary ?? ''}`,
    );
}

for (const id of presetIds) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${id}, ${theme} theme: the lab after a run has no serious or critical axe violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      const lab = new VisualLab(page);
      await lab.open(id);
      await expect(page.getByTestId('keyboard-help')).toHaveCount(0);
      await lab.playFast('max');
      await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
      await lab.inspect(1);
      await page.locator('details.network-details summary').click();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test(`${id}: the run report has no serious or critical axe violation`, async ({ page }) => {
    await page.goto(`/run.html?scenario=${id}&seed=1`);
    await expect(page.getByTestId('event-log')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the keyboard help dialog has no serious or critical axe violation', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard: Space on a focused button presses it, not play; shortcuts can be switched off; help is a modal dialog', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await expect(lab.play).toHaveAttribute('aria-pressed', 'true');

  // Space from the page body toggles play.
  await page.keyboard.press('Space');
  await expect(lab.pause).toBeDisabled();
  // Space on a focused button presses that button only (here: step), playback stays paused.
  await lab.step.focus();
  const logged = await lab.eventLog.locator('li').count();
  await page.keyboard.press('Space');
  await expect.poll(() => lab.eventLog.locator('li').count()).toBeGreaterThan(logged);
  await expect(lab.pause).toBeDisabled();

  // The help is a native modal dialog: focus stays inside it.
  await page.locator('body').focus();
  await page.keyboard.press('?');
  const help = page.getByTestId('keyboard-help');
  await expect(help).toBeVisible();
  expect(await help.evaluate((d) => d.tagName === 'DIALOG' && (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
  // Tab never reaches the page behind it (past the last control Chromium moves to its own UI).
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await help.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }

  // Switched off, single keys do nothing (and stay off after a reload); Esc still closes.
  await page.getByTestId('shortcuts-enabled').uncheck();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.reload();
  await expect(lab.node(1)).toBeVisible();
  await lab.pauseIfPlaying();
  await page.locator('body').focus();
  await page.keyboard.press('Space');
  await expect(lab.pause).toBeDisabled();
  await expect(lab.play).toBeEnabled();
  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toHaveCount(0);
});
