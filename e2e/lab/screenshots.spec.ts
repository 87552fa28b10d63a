// Screenshots of every preset at 1280×720 (the projector size), taken once each preset has
// something to show: an election finished, a Berkeley cycle or a Cristian sync done. With the
// rest of the e2e suite they go to test-results/screenshots/ (untracked); only
// `npm run screenshots` (scripts/screenshots.ts) points DSLAB_SCREENSHOTS at docs/screenshots/.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

const OUT = process.env.DSLAB_SCREENSHOTS ?? 'test-results/screenshots';

const presets: { id: string; ready: (lab: VisualLab) => Promise<void> }[] = [
  { id: 'cristian-basic', ready: (lab) => expect(lab.page.getByTestId('sync-2')).toBeVisible() },
  { id: 'berkeley-basic', ready: (lab) => expect(lab.page.getByTestId('berkeley-summary')).toBeVisible() },
  { id: 'berkeley-canteen', ready: (lab) => expect(lab.page.getByTestId('berkeley-summary')).toBeVisible() },
  { id: 'cristian-manipal-buddy', ready: (lab) => expect(lab.page.getByTestId('sync-3')).toBeVisible() },
  { id: 'bully-10', ready: (lab) => lab.expectRole(9, 'coordinator') },
  { id: 'ring-8', ready: (lab) => lab.expectRole(7, 'coordinator') },
];

test.use({ viewport: { width: 1280, height: 720 } });

for (const preset of presets) {
  test(`screenshot of ${preset.id}`, async ({ page }) => {
    const lab = new VisualLab(page);
    await lab.open(preset.id);
    await lab.playFast('10');
    await preset.ready(lab);
    await lab.pauseIfPlaying();
    await page.screenshot({ path: `${OUT}/${preset.id}.png` });
  });
}
