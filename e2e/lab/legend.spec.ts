// The stage's legend of message kinds: each kind's shape, then its letter badge beside it (never
// over it), the badge's letters inside the badge, on the ordinary page and in presenter mode.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

/** Per legend entry: whether its shape ends before its badge starts, and its letters fit the badge. */
async function entries(page: Page): Promise<{ kind: string; apart: boolean; inside: boolean }[]> {
  return page.locator('.legend-kinds li').evaluateAll((items) =>
    items.map((li) => {
      const shape = li.querySelector('svg')?.getBoundingClientRect();
      const dot = li.querySelector('.kind-dot') as HTMLElement;
      const badge = dot.getBoundingClientRect();
      const letters = document.createRange();
      letters.selectNodeContents(dot);
      const text = letters.getBoundingClientRect();
      return {
        kind: li.textContent ?? '',
        apart: !shape || shape.right <= badge.left,
        inside: text.left >= badge.left - 0.5 && text.right <= badge.right + 0.5,
      };
    }),
  );
}

for (const { preset, width, height, presenter } of [
  { preset: 'ricart-agrawala', width: 1280, height: 720, presenter: false },
  { preset: 'ricart-agrawala', width: 1280, height: 720, presenter: true },
  { preset: 'mutex-central', width: 1920, height: 1080, presenter: true },
  { preset: 'token-ring', width: 1280, height: 720, presenter: true },
])
  test(`${preset}'s legend at ${width}×${height}${presenter ? ' in presenter mode' : ''}: badges beside their shapes, letters inside`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const lab = new VisualLab(page);
    await lab.open(preset);
    if (presenter) {
      await page.getByTestId('control-presenter').click();
      await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    }
    await expect(page.locator('.legend-kinds li').first()).toBeVisible();
    const found = await entries(page);
    expect(found.length).toBeGreaterThan(1);
    for (const e of found) expect(e, e.kind).toEqual({ kind: e.kind, apart: true, inside: true });
  });
