// Screenshots of lesson steps for the README, written to docs/screenshots/ only when run
// explicitly (`npm run screenshots:lessons`), never by `npm test`: it builds the app, serves
// it, opens lessons at a step through the URL contract (`?lesson=…&step=…`) and waits until
// the run has paused at that step's cue. The presenter-mode shots switch the mode on as a
// lecturer's machine remembers it (localStorage) before the page loads.

import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import { serveBuiltApp } from '../bench/browser.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const BUILD = fileURLToPath(new URL('../bench/results/lesson-build', import.meta.url));

const shots = [
  { lesson: 'bully-10', step: 3, width: 1280, height: 720, file: 'lesson-bully-10-step-3.png' },
  { lesson: 'bully-10', step: 3, width: 1920, height: 1080, file: 'lesson-bully-10-step-3-1920.png' },
  { lesson: 'cristian-basic', step: 4, width: 1280, height: 720, file: 'lesson-cristian-basic-step-4.png' },
  { lesson: 'ring-8', step: 3, width: 1280, height: 720, file: 'presenter-ring-8-step-3.png', presenter: true },
  { lesson: 'ring-8', step: 3, width: 1920, height: 1080, file: 'presenter-ring-8-step-3-1920.png', presenter: true },
  { lesson: 'berkeley-canteen', step: 3, width: 1280, height: 720, file: 'presenter-berkeley-canteen-step-3.png', presenter: true },
  { lesson: 'bully-10', step: 3, width: 1280, height: 720, file: 'presenter-bully-10-step-3.png', presenter: true },
];

const app = await serveBuiltApp(BUILD);
try {
  for (const shot of shots) {
    const page = await app.browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    if ('presenter' in shot) await page.addInitScript(() => window.localStorage.setItem('dslab-presenter', 'on'));
    await page.goto(`${app.base}/?lesson=${shot.lesson}&step=${shot.step}&seed=1`);
    const lesson = page.getByTestId('lesson');
    await expect(lesson).toHaveAttribute('data-step', String(shot.step), { timeout: 60_000 });
    await expect(lesson).toHaveAttribute('data-waiting', 'false');
    // Let the speed restored after the jump settle and the frame draw.
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}${shot.file}` });
    console.log(`docs/screenshots/${shot.file}`);
    await page.close();
  }
} finally {
  await app.close();
}
