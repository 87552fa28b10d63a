// Bad input on the page itself (the rest of the table is src/bad-inputs.test.ts): number
// fields refuse what is not a number in range with the reason beside the field and take
// decimals; a large trace file is read in a worker with a progress bar and a cancel button
// while the live run keeps moving; a malformed action in a file is refused before the live
// run is touched; fast c/v pairs end as the last key says.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { exportTrace, type TraceEvent, type TrueTime } from '../../src/core/index.ts';
import { presets } from '../../src/scenarios/index.ts';
import { simulateInline } from '../../src/hosts/inline.ts';
import { VisualLab } from '../pages/visual-lab.ts';

const dir = mkdtempSync(join(tmpdir(), 'dslab-e2e-'));

/** A valid bully-10 trace of about `mb` MB: one run's traffic repeated every 6 s of true time. */
function bigTrace(mb: number): string {
  const bully = presets.find((p) => p.id === 'bully-10')!;
  const { events } = simulateInline(bully, 1, { until: 6000 });
  const head = events.filter((e) => e.type === 'node');
  const body = events.filter((e) => e.type !== 'node' && e.type !== 'action');
  const out: TraceEvent[] = [...head];
  const perCopy = JSON.stringify(body).length;
  const copies = Math.ceil((mb * 1024 * 1024) / perCopy);
  for (let k = 0; k < copies; k++) {
    for (const e of body) {
      const shifted = { ...e, seq: out.length, t: e.t + k * 6000 } as TraceEvent;
      if (shifted.type === 'send') shifted.arrive = ((e as typeof shifted).arrive + k * 6000) as TrueTime;
      if (shifted.type === 'duplicate') shifted.arrive = ((e as typeof shifted).arrive + k * 6000) as TrueTime;
      out.push(shifted);
    }
  }
  return exportTrace(bully.id, 1, out);
}

const seconds = async (page: Page): Promise<number> =>
  Number.parseFloat((await page.getByTestId('time-readout').innerText()).replace(/[^\d.]/g, ''));

test('network fields: blank, junk, NaN and 1e309 are refused beside the field, nothing applied; 12.5 ms and 0.5% are taken', async ({
  page,
}) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseIfPlaying();
  await page.locator('details.network-details summary').click();
  const latency = page.getByTestId('network-latency');
  const apply = page.getByTestId('network-apply');
  for (const [typed, reason] of [
    ['', 'Empty: enter a number of ms from 0 to 10000.'],
    ['abc', '"abc" is not a number'],
    ['NaN', '"NaN" is not a number'],
    ['1e309', '"1e309" is too large'],
    ['-3', '"-3" is below 0 ms'],
  ]) {
    await latency.fill(typed as string);
    await apply.click();
    await expect(page.getByTestId('network-latency-error')).toContainText(reason as string);
    await expect(latency).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(lab.eventLog).not.toContainText('user sets every link');

  await latency.fill('12.5');
  await page.getByTestId('network-loss').fill('0.5');
  await apply.click();
  await expect(page.getByTestId('network-latency-error')).toHaveCount(0);
  await expect(lab.eventLog).toContainText('user sets every link: latency 12.5 ms, jitter 10 ms uniform, loss 0.5%');
});

test('a link field refuses junk beside itself and takes decimals', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseIfPlaying();
  await lab.inspectLink(2, 9);
  await page.getByTestId('link-latency').fill('fast');
  await page.getByTestId('link-loss').fill('150');
  await page.getByTestId('link-apply').click();
  await expect(page.getByTestId('link-latency-error')).toContainText('"fast" is not a number');
  await expect(page.getByTestId('link-loss-error')).toContainText('"150" is above 100 %');
  await expect(lab.eventLog).not.toContainText('user sets link');
  await page.getByTestId('link-latency').fill('40.5');
  await page.getByTestId('link-loss').fill('2.5');
  await page.getByTestId('link-apply').click();
  await expect(page.getByTestId('link-state')).toContainText('P2 → P9: 40.5 ms, 2.5% loss');
});

test('a file with a malformed action is refused before the live run is touched', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('berkeley-basic');
  const good = JSON.parse(bigTrace(0.01)) as { events: { seq: number; t: number }[] };
  const last = good.events[good.events.length - 1]!;
  for (const [action, reason] of [
    [{ type: 'partition', at: last.t, groups: 5 }, 'groups is not a list of lists of node ids'],
    [{ type: 'teleport', at: last.t }, '"teleport" is not an action type'],
    [{ type: 'link', at: last.t, from: 1, to: 2, patch: null }, 'a link change is an object of settings'],
  ] as const) {
    const file = { ...good, events: [...good.events, { seq: last.seq + 1, t: last.t, type: 'action', action }] };
    const before = await seconds(page);
    await page
      .getByTestId('trace-import')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(page.getByTestId('import-error')).toContainText(reason);
    await expect(page.getByTestId('import-error')).toContainText('The run is unchanged.');
    await expect(page.getByTestId('time-travel-state')).toHaveText(/^live/);
    await expect.poll(() => seconds(page)).toBeGreaterThan(before);
  }
});

test('a large file: a progress bar and a cancel button while the live run keeps moving; read to the end it imports', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new VisualLab(page);
  await lab.open('berkeley-basic');
  const path = join(dir, 'large.dslab.json');
  const text = bigTrace(30);
  writeFileSync(path, text);

  await page.getByTestId('trace-import').setInputFiles(path);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const before = await seconds(page);
  await expect.poll(() => seconds(page)).toBeGreaterThan(before + 0.3);
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-error')).toHaveText('Import of large.dslab.json cancelled. The run is unchanged.');
  await expect(page.getByTestId('time-travel-state')).toHaveText(/^live/);

  const started = Date.now();
  await page.getByTestId('trace-import').setInputFiles(path);
  await expect(page.getByTestId('time-travel-state')).toContainText('imported trace', { timeout: 90_000 });
  console.log(`imported ${(text.length / 1024 / 1024).toFixed(0)} MB in ${Date.now() - started} ms`);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
});

test('50 fast c/v pairs on P3 end on the last key: alive', async ({ page }) => {
  const lab = new VisualLab(page);
  await lab.open('bully-10');
  await lab.pauseIfPlaying();
  await lab.inspect(3);
  // Keys typed into a field are left alone: focus the stage's node, not the drift field.
  await lab.node(3).focus();
  test.setTimeout(120_000);
  for (let i = 0; i < 50; i++) {
    await page.keyboard.press('c');
    await page.keyboard.press('v');
  }
  await expect(lab.node(3)).toHaveAttribute('data-status', 'alive');
  await page.keyboard.press('c');
  await expect(lab.node(3)).toHaveAttribute('data-status', 'crashed');
});
