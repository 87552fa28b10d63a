// The top bar at the projector’s 1280×720 (issue 8 §4: "nothing in the top bar moves the
// page"): one line, the same height before and after "finished", with a lesson open, on a
// custom setup and on every preset, and every control in it on screen and reachable by name;
// its `?` explains the words the page uses.

import { expect, type Page, test } from '@playwright/test';
import { presets } from '../../src/scenarios/index.ts';
import { VisualLab } from '../pages/visual-lab.ts';

/** The bar's height, and whether every control in it sits on its one line and inside the window. */
async function measure(page: Page): Promise<{ height: number; lines: number; offscreen: string[] }> {
  return page.locator('.lab-bar').evaluate((bar) => {
    const controls = [...bar.querySelectorAll<HTMLElement>('button, select, input, a')].filter((el) => el.offsetParent !== null);
    const tops = new Set(controls.map((el) => Math.round(el.getBoundingClientRect().top / 12)));
    const offscreen = controls
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < 0 || r.right > window.innerWidth || r.width < 16;
      })
      .map((el) => el.getAttribute('aria-label') ?? el.getAttribute('data-testid') ?? el.textContent ?? '');
    return { height: bar.getBoundingClientRect().height, lines: tops.size, offscreen };
  });
}

/** Whether the scenario list shows the whole name of the chosen scenario (text, padding and its arrow fit). */
async function nameFits(page: Page): Promise<{ text: string; fits: boolean }> {
  return page.getByTestId('scenario-select').evaluate((el) => {
    const select = el as HTMLSelectElement;
    const text = select.options[select.selectedIndex]?.text ?? '';
    const style = getComputedStyle(select);
    const pen = document.createElement('canvas').getContext('2d');
    if (!pen) return { text, fits: false };
    pen.font = style.font;
    const ARROW = 20;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW;
    return { text, fits: pen.measureText(text).width <= room };
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

test('the top bar is one line at 1280×720 and keeps its height: before and after finished, in a lesson, on a custom setup, on every preset', async ({
  page,
}) => {
  // It opens every preset in turn: on a loaded 2-core machine that alone takes over 30 s.
  test.setTimeout(90_000);
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  const first = await measure(page);
  expect(first.lines).toBe(1);
  expect(first.offscreen).toEqual([]);
  expect(first.height).toBeLessThanOrEqual(56);

  // Every control of the bar, by its test id or its name (icons below full HD; the names stay).
  const bar = page.locator('.lab-bar');
  for (const id of [
    'scenario-select',
    'control-play',
    'control-pause',
    'control-step',
    'control-reset',
    'control-speed',
    'control-presenter',
    'copy-link',
    'report-link',
    'theme-toggle',
  ])
    await expect(bar.getByTestId(id), id).toBeInViewport();
  await expect(bar.getByLabel('Seed')).toBeInViewport();
  await expect(bar.getByRole('button', { name: 'Load' })).toBeInViewport();
  await expect(bar.getByRole('button', { name: 'Copy link' })).toBeInViewport();
  await expect(bar.getByRole('link', { name: 'Run report' })).toBeInViewport();
  await expect(bar.getByRole('button', { name: 'Keyboard shortcuts (?)' })).toBeInViewport();

  await lab.setSpeed('max');
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
  expect(await measure(page)).toEqual(first);

  // Copied: the button says so and keeps its size.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveAttribute('data-copied', 'true');
  expect(await measure(page)).toEqual(first);

  await page.goto('/?lesson=bully-10&step=3&seed=1');
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '3', { timeout: 30_000 });
  expect(await measure(page)).toEqual(first);

  // A custom setup adds its algorithm and size to the picker; a long run, digits to the time.
  await page.goto('/?scenario=custom-bully-64&seed=1');
  await expect(lab.node(64)).toBeVisible();
  expect(await measure(page)).toEqual(first);

  // Every preset's whole name is readable in the list ("Q4 · cristian-manipal-buddy" was cut).
  for (const preset of presets) {
    await lab.open(preset.id);
    expect(await measure(page), preset.id).toEqual(first);
    expect(await nameFits(page), preset.id).toEqual({ text: expect.stringContaining(preset.id) as unknown as string, fits: true });
  }
});

test('the ? button explains the words the page uses: T0/Ts/T1, RTT, ppm, slew', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('cristian-basic');
  await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
  const glossary = page.getByTestId('glossary');
  await expect(glossary).toBeVisible();
  for (const [term, meaning] of <[string, string][]>[
    ['T0, Ts, T1', 'the server answers with its time Ts'],
    ['RTT', 'Ts + RTT/2'],
    ['drift, ppm', 'parts per million'],
    ['step, slew', 'never goes backwards'],
  ])
    await expect(glossary.locator('.glossary-entry', { has: page.locator('dt', { hasText: term }) })).toContainText(meaning);
  await page.keyboard.press('Escape');
  await expect(glossary).toBeHidden();
});

// A custom setup adds its algorithm and node count to the bar: it still fits, one line with every
// control on screen, in presenter mode at the projector's 1280×720 and at full HD, and on the
// ordinary page just above the width where the bar's secondary controls show their words.
for (const { width, height, presenter } of [
  { width: 1280, height: 720, presenter: true },
  { width: 1920, height: 1080, presenter: true },
  { width: 2301, height: 900, presenter: false },
])
  test(`a custom setup's top bar fits at ${width}×${height}${presenter ? ' in presenter mode' : ''}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const lab = new VisualLab(page);
    await lab.open('bully-10');
    if (presenter) {
      await page.getByTestId('control-presenter').click();
      await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    }
    await page.goto('/?scenario=custom-bully-64&seed=1');
    await expect(lab.node(64)).toBeVisible();
    await expect(page.getByTestId('custom-nodes')).toBeVisible();
    if (presenter) await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    const bar = await measure(page);
    expect(bar.offscreen).toEqual([]);
    expect(bar.lines).toBe(1);
    for (const name of ['Presenter mode (p)', 'Run report', 'Keyboard shortcuts (?)'])
      await expect(page.locator('.lab-bar').getByLabel(name, { exact: true }), name).toBeInViewport({ ratio: 1 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
