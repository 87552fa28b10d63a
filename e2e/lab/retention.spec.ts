// A long run keeps only its recent events (ARCHITECTURE.md §10) and says so under the time
// slider. The e2e build's test hook (`&retain=N` with ?debug=1) shrinks the window to a few
// thousand events, so a run at max speed outgrows it in seconds instead of hours.

import { expect, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

test('a run past its retention says what time travel keeps; seeking before it says why; the metrics still show their latest rows', async ({
  page,
}) => {
  // 32 workers start and play a minute of the run at max speed: slow on a loaded 2-core machine.
  test.setTimeout(120_000);
  const lab = new VisualLab(page);
  await page.goto('/?scenario=custom-berkeley-32&seed=1&debug=1&retain=500');
  await expect(lab.node(32)).toBeVisible();
  const note = page.getByTestId('retention');
  // Nothing dropped yet: no note.
  await expect(note).toHaveCount(0);
  await lab.speed.selectOption('max');
  // The run (2,868 events) drops its first 2,000 once it is past 2,500.
  await expect(note).toBeVisible({ timeout: 60_000 });
  await lab.pauseIfPlaying();
  await expect(note).toHaveText(
    /^Keeping the last 500 events: time travel reaches back to t = \d+\.\d{3} s; exports hold the whole run\.$/,
  );
  const start = Number(await note.getAttribute('data-start'));
  expect(start).toBe(2000);
  const from = Number(/t = (\d+\.\d{3}) s/.exec((await note.textContent()) ?? '')?.[1]);
  expect(from).toBeGreaterThan(0);

  // Before the window: the earliest kept moment, and the page says why.
  await page.getByTestId('time-slider').fill('0');
  await expect(page.locator('.travel-notice')).toContainText('Only the last 500 events of this long run are kept');
  await expect(page.getByTestId('time-travel-state')).toHaveText(
    new RegExp(`^past: ${from.toFixed(3).replace('.', '\\.')} s \\(event ${start}\\)`),
  );

  // Back to the present: the Berkeley cycles table still shows its latest 8 rows (a long run keeps at least
  // those), the last the round panel's cycle.
  await page.getByTestId('control-live').click();
  const rows = page.getByTestId('metrics').locator('table').filter({ hasText: 'Berkeley cycles' }).locator('tbody tr');
  await expect(rows).toHaveCount(8);
  const cycles = (await rows.locator('td:first-child').allTextContents()).map(Number);
  expect(cycles).toEqual(cycles.map((_, i) => (cycles[0] as number) + i));
  expect(cycles[0]).toBeGreaterThan(1);
});
