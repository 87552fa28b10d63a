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

test('keyboard: the links are one Tab stop, arrow keys move between them, and a link is cut and restored without a mouse', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseAtStart();
  // The links come right after the scenario line in the Tab order (its last control: the logical clocks).
  await page.getByTestId('control-logical').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('link-1-2')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('link-1-3')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('link-1-2')).toBeFocused();
  // One stop: Tab leaves the links for the first node.
  await page.keyboard.press('Tab');
  await expect(page.locator('.link-hit:focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('link-1-2')).toBeFocused();

  await page.keyboard.press('Enter');
  const panel = page.getByTestId('link-panel');
  await expect(panel.getByRole('heading', { name: 'Link P1 ↔ P2' })).toBeFocused();
  const cut = page.getByTestId('link-cut');
  for (let i = 0; i < 10 && !(await cut.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(cut).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-state')).toHaveText('P1 → P2: cut · P2 → P1: cut');
  await expect(page.locator('.link-pair[data-look="cut"]')).toHaveCount(1);
  // The pressed button is disabled now: the focus moved to the other one.
  await expect(page.getByTestId('link-restore')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.locator('.link-pair[data-look="cut"]')).toHaveCount(0);
  await expect(cut).toBeFocused();
  // Close hands the focus back to the link.
  await page.getByRole('button', { name: 'Close the link panel' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('link-1-2')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard: the space-time diagram is focusable, and its table of events has no serious axe violation', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('ring-8');
  await lab.playFast('max');
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
  const canvas = lab.spacetime.locator('canvas');
  await canvas.focus();
  await expect(canvas).toBeFocused();
  await expect(canvas).toHaveAccessibleName(/Space-time diagram: 8 nodes, \d+ messages delivered; true time/);
  await expect(canvas).toHaveAccessibleDescription(/\+ and − zoom, ← and → pan/);
  await page.locator('.spacetime-events summary').click();
  await expect(page.getByTestId('spacetime-table').locator('tbody tr').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('forced colours: the stage and the diagram take the system colours', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.playFast('max');
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
  const system = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.forcedColorAdjust = 'none';
    document.body.append(probe);
    const of = (c: string) => {
      probe.style.color = c;
      return getComputedStyle(probe).color;
    };
    const colours = { canvas: of('Canvas'), text: of('CanvasText'), highlight: of('Highlight') };
    probe.remove();
    return colours;
  });
  expect(system.canvas).not.toBe(system.text);
  // A node's outline and its words are the system's text colour on the system's background.
  const shape = lab.node(9).locator('.shape');
  expect(await shape.evaluate((el) => getComputedStyle(el).stroke)).toBe(system.text);
  expect(await shape.evaluate((el) => getComputedStyle(el).fill)).toBe(system.canvas);
  // The diagram's canvas is drawn in them too (forced colours leave a canvas alone): its
  // background, and lanes, names, arrows and dots in the text colour, no kind colours.
  const pixels = await lab.spacetime.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const counts: Record<string, number> = {};
    for (let i = 0; i < data.length; i += 4) {
      const key = `rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  });
  expect(pixels[system.canvas] ?? 0).toBeGreaterThan(1000);
  expect(pixels[system.text] ?? 0).toBeGreaterThan(100);
  for (const kind of ['rgb(230, 159, 0)', 'rgb(0, 158, 115)', 'rgb(213, 94, 0)']) expect(pixels[kind] ?? 0, kind).toBe(0);
});

test('a lesson step with its prediction, the real-network panel, presenter mode and the picker have no serious or critical axe violation', async ({
  page,
}) => {
  await page.goto('/?lesson=bully-10&step=3&seed=1');
  const lesson = page.getByTestId('lesson');
  await expect(lesson).toHaveAttribute('data-step', '3');
  await expect(page.getByTestId('lesson-choice').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('control-presenter').click();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('control-presenter').click();

  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lesson-picker')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto('/?scenario=berkeley-canteen&seed=1');
  await page.getByTestId('relay-panel').locator('summary').click();
  await expect(page.getByTestId('relay-commands')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
