// The lab off its own screen: `?embed=1` in a slide's iframe shows the stage and playback
// only; printing gives the current state and the space-time diagram without controls.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('?embed=1 shows the stage and the playback controls only, and the run plays', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto('/?scenario=bully-10&seed=1&embed=1');
  await expect(page.locator('html')).toHaveAttribute('data-embed', 'on');
  const lab = new VisualLab(page);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  await expect(lab.play).toBeVisible();
  await expect(page.getByTestId('lesson-picker')).toHaveCount(0);
  for (const hidden of ['.lab-side', '.run-views', '.scenario-line', '.scenario-picker', '.bar-end'])
    await expect(page.locator(hidden).first(), hidden).toBeHidden();
  // The stage takes the frame's whole width.
  const stage = await lab.node(1).evaluate((el) => el.closest('svg')!.getBoundingClientRect().width);
  expect(stage).toBeGreaterThan(960 * 0.8);
  // Without the flag the same page has its side column.
  await page.goto('/?scenario=bully-10&seed=1');
  await expect(page.locator('html')).not.toHaveAttribute('data-embed', 'on');
  await expect(page.locator('.lab-side')).toBeVisible();
});

test('printed, the lab is its stage and its space-time diagram, without controls', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  await page.emulateMedia({ media: 'print' });
  await expect(lab.play).toBeHidden();
  await expect(page.locator('.lab-side')).toBeHidden();
  await expect(page.locator('.scenario-picker')).toBeHidden();
  await expect(lab.node(9)).toBeVisible();
  await expect(lab.spacetime).toBeVisible();
  // The diagram was out of view (never redrawn there): printing draws the run's arrows in
  // their kinds' colours.
  const coloured = (): Promise<number> =>
    lab.spacetime
      .locator('canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
          if (a > 0 && Math.abs(r - g) + Math.abs(g - b) > 80) n++;
        }
        return n;
      });
  await expect.poll(coloured).toBeGreaterThan(300);
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'screen' });
  await expect(lab.play).toBeVisible();
});
