// The space-time diagram on d3's own behaviours: the wheel zooms it without scrolling the
// page, a drag pans it, the keyboard zooms and pans it once it has focus (and its keys are
// not the page's shortcuts then), and a table lists the events in view as text.

import { expect, type Locator, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

async function windowOf(diagram: Locator): Promise<{ x0: number; x1: number }> {
  return { x0: Number(await diagram.getAttribute('data-x0')), x1: Number(await diagram.getAttribute('data-x1')) };
}

/** bully-10 played to its end and paused, the diagram scrolled to the middle of the screen. */
async function finishedBully(page: Page): Promise<{ lab: VisualLab; canvas: Locator }> {
  const lab = new VisualLab(page);
  await lab.open('bully-10', 1);
  await lab.playUntil(() => expect(lab.finishedBadge).toBeVisible({ timeout: 500 }));
  const canvas = lab.spacetime.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  return { lab, canvas };
}

test('the wheel zooms the diagram about the pointer and the page does not scroll', async ({ page }) => {
  const { lab, canvas } = await finishedBully(page);
  const before = await windowOf(lab.spacetime);
  const scrollY = await page.evaluate(() => window.scrollY);
  expect(scrollY).toBeGreaterThan(0);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(lab.spacetime).toHaveAttribute('data-following', 'false');
  await expect
    .poll(async () => (await windowOf(lab.spacetime)).x1 - (await windowOf(lab.spacetime)).x0)
    .toBeLessThan(before.x1 - before.x0);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
  // Zooming out again with the wheel still leaves the page where it was.
  await page.mouse.wheel(0, 800);
  await expect
    .poll(async () => (await windowOf(lab.spacetime)).x1 - (await windowOf(lab.spacetime)).x0)
    .toBeGreaterThan(before.x1 - before.x0);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
});

test('a drag pans the diagram; Follow returns to the present', async ({ page }) => {
  const { lab, canvas } = await finishedBully(page);
  const before = await windowOf(lab.spacetime);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const after = await windowOf(lab.spacetime);
  // Dragging right shows earlier times; the window keeps its width.
  expect(after.x0).toBeLessThan(before.x0 - 100);
  expect(after.x1 - after.x0).toBeCloseTo(before.x1 - before.x0, 1);
  await page.locator('.spacetime').getByRole('button', { name: 'Follow' }).click();
  await expect(lab.spacetime).toHaveAttribute('data-following', 'true');
  expect(await windowOf(lab.spacetime)).toEqual(before);
});

test('from the keyboard the diagram zooms and pans, and its keys do not step the run', async ({ page }) => {
  const { lab, canvas } = await finishedBully(page);
  const before = await windowOf(lab.spacetime);
  const logged = await lab.eventLog.locator('li').count();
  await canvas.focus();
  await expect(canvas).toBeFocused();
  await page.keyboard.press('+');
  const zoomed = await windowOf(lab.spacetime);
  expect(zoomed.x1 - zoomed.x0).toBeCloseTo((before.x1 - before.x0) / 1.5, 1);
  await page.keyboard.press('ArrowLeft');
  const panned = await windowOf(lab.spacetime);
  expect(panned.x0).toBeLessThan(zoomed.x0);
  expect(panned.x1 - panned.x0).toBeCloseTo(zoomed.x1 - zoomed.x0, 1);
  await page.keyboard.press('ArrowRight');
  expect((await windowOf(lab.spacetime)).x0).toBeCloseTo(zoomed.x0, 1);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  expect((await windowOf(lab.spacetime)).x1 - (await windowOf(lab.spacetime)).x0).toBeGreaterThan(before.x1 - before.x0);
  // → on the focused diagram panned it; it did not take "next message".
  expect(await lab.eventLog.locator('li').count()).toBe(logged);
  await page.keyboard.press('0');
  await expect(lab.spacetime).toHaveAttribute('data-following', 'true');
});

test('the events in view are listed in a table, which follows the zoom', async ({ page }) => {
  const { canvas } = await finishedBully(page);
  await page.locator('.spacetime-events summary').click();
  const table = page.getByTestId('spacetime-table');
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['True time', 'Node', 'Event']);
  const all = Number(await table.getAttribute('data-rows'));
  expect(all).toBeGreaterThan(30);
  await expect(table.locator('tbody tr').filter({ hasText: 'ELECTION' }).first()).toBeVisible();
  await expect(table.locator('tbody tr').filter({ hasText: 'COORDINATOR' }).first()).toBeVisible();
  await canvas.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('+');
  await expect.poll(async () => Number(await table.getAttribute('data-rows'))).toBeLessThan(all);
});
