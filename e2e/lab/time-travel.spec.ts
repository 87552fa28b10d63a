// Time travel and trace files on the lab page: scrubbing back shows the earlier roles and
// clocks on the stage; acting in the past forks the run and changes its future; the trace
// exports as JSON that imports back (read-only) and as a ShiViz log whose vector clocks are
// consistent; a bad file gets an alert and changes nothing.

import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

const slider = (page: Page) => page.getByTestId('time-slider');
const travelState = (page: Page) => page.getByTestId('time-travel-state');

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
}

/** bully-10 played to its end: P10 crashed at 1 s, P9 coordinator. */
async function finishedBully(page: Page): Promise<VisualLab> {
  const lab = new VisualLab(page);
  await lab.open('bully-10', 1);
  await lab.playUntil(async () => {
    await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
    await expect(lab.finishedBadge).toBeVisible({ timeout: 500 });
  });
  return lab;
}

test('bully-10: scrubbing back to 1.2 s shows P10 crashed and P9 a follower; Live shows P9 coordinator again', async ({ page }) => {
  const lab = await finishedBully(page);
  await slider(page).fill('1200');
  await expect(travelState(page)).toHaveAttribute('data-past', 'true');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'follower');
  await expect(lab.node(9)).toHaveAttribute('data-status', 'alive');
  await expect(page.getByTestId('time-readout')).toContainText('1.200 s');
  // Before the crash everyone is alive and P10 leads.
  await slider(page).fill('500');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'alive');
  await expect(lab.node(10)).toHaveAttribute('data-role', 'coordinator');
  // One event back and forward moves the cursor by one event.
  const eventNumber = async (): Promise<number> => Number(/event (\d+)/.exec((await travelState(page).textContent()) ?? '')?.[1]);
  const before = await eventNumber();
  await page.getByTestId('control-step-back').click();
  await expect.poll(eventNumber).toBe(before - 1);
  await page.getByTestId('control-step-forward').click();
  await expect.poll(eventNumber).toBe(before);
  await page.getByTestId('control-live').click();
  await expect(travelState(page)).toHaveAttribute('data-past', 'false');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
});

test('bully-10: crashing P9 too at 1.2 s forks the run, and P8 becomes coordinator', async ({ page }) => {
  const lab = await finishedBully(page);
  await slider(page).fill('1200');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'follower');
  await lab.crash(9);
  await expect(travelState(page)).toHaveAttribute('data-past', 'false');
  await expect(lab.node(9)).toHaveAttribute('data-status', 'crashed');
  await lab.playUntil(async () => {
    await expect(lab.node(8)).toHaveAttribute('data-role', 'coordinator', { timeout: 500 });
  });
  await expect(lab.node(9)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
});

test('exports: JSON imports back read-only; the ShiViz log parses with its regex and its vector clocks are consistent', async ({
  page,
}) => {
  const lab = await finishedBully(page);
  const json = await download(page, 'export-json');
  const file = JSON.parse(json) as { format: string; scenario: string; seed: number; events: { type: string }[] };
  expect(file).toMatchObject({ format: 'dslab-trace', scenario: 'bully-10', seed: 1 });
  expect(file.events.filter((e) => e.type === 'send')).toHaveLength(33);

  // As ShiViz's "Choose file" reads it: line 1 the parser regex (wrapped in ^…$, multiline), line 2 no delimiter, then the log.
  const log = await download(page, 'export-shiviz');
  const [header, delimiter] = log.split('\n', 2);
  expect(header).toBe(await page.getByTestId('shiviz-regex').inputValue());
  expect(delimiter).toBe('');
  const entries = [...log.slice(log.indexOf('\n', log.indexOf('\n') + 1) + 1).matchAll(new RegExp(`^${header}$`, 'gm'))];
  expect(entries.length).toBe((log.split('\n').length - 2) / 2);
  // ShiViz's check: each host's own entry counts its events; no event knows of another host's future.
  const seen = new Map<string, number>();
  for (const m of entries) {
    const host = m.groups?.['host'] ?? '';
    const clock = JSON.parse(m.groups?.['clock'] ?? '{}') as Record<string, number>;
    const own = (seen.get(host) ?? 0) + 1;
    expect(clock[host]).toBe(own);
    seen.set(host, own);
    for (const [other, count] of Object.entries(clock)) expect(count).toBeLessThanOrEqual(seen.get(other) ?? 0);
  }

  // Something else runs; importing the JSON brings the recorded run back, read-only.
  await lab.reset.click();
  await page.getByTestId('trace-import').setInputFiles({ name: 'bully.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(travelState(page)).toContainText('imported trace');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  await expect(lab.spacetime).toHaveAttribute('data-arrows', '28');
  await slider(page).fill('1200');
  await expect(lab.node(9)).toHaveAttribute('data-role', 'follower');
});

test('a bad trace file shows an alert and leaves the running simulation untouched', async ({ page }) => {
  const lab = await finishedBully(page);
  const arrows = await lab.spacetime.getAttribute('data-arrows');
  await page
    .getByTestId('trace-import')
    .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await expect(page.getByRole('alert')).toContainText('Could not import bad.json');
  await page
    .getByTestId('trace-import')
    .setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"dslab-trace","version":1}') });
  await expect(page.getByRole('alert')).toContainText('the file has no scenario');
  await expect(travelState(page)).toHaveText(/^live/);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.spacetime).toHaveAttribute('data-arrows', arrows ?? '');
});
