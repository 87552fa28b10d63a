// A lecturer's prepared run: the URL holds scenario, seed, speed, heartbeats and every user
// action with its time; opening it replays the same run as `npm run sim` with the same
// actions, event for event; acting live updates it and "Copy link" copies it; acting on a
// finished run plays on by itself; "finished" shows the time of the last event.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page, test } from '@playwright/test';
import { VisualLab } from '../pages/visual-lab.ts';

const run = promisify(execFile);

/** The run's trace as the page exports it, one JSON line per event (the CLI's --trace format). */
async function exportedTrace(page: Page): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
  return (JSON.parse(text) as { events: unknown[] }).events.map((e) => JSON.stringify(e));
}

async function cliTrace(args: string[]): Promise<string[]> {
  // With --json the trace comes first and the report is the last line.
  const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', ...args, '--trace', '--json'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim().split('\n').slice(0, -1);
}

async function waitFinished(lab: VisualLab): Promise<void> {
  await expect(lab.finishedBadge).toBeVisible({ timeout: 30_000 });
}

test('a URL with actions of every kind replays the same trace as npm run sim with those actions', async ({ page }) => {
  test.setTimeout(120_000); // it also runs the CLI through tsx, slow on a loaded machine
  const actions = [
    '1800:crash:9',
    '1900:latency=60;jitter=5:all',
    '2000:notice:2',
    '2050:offset=-300:4',
    '2100:drift=20000:3',
    '2200:cut:7-2',
    '2300:partition:1.2.3/4.5.6.7.8.9.10',
    '2900:heal',
    '3000:notice:3',
  ];
  const lab = new VisualLab(page);
  await page.goto(`/?scenario=bully-10&seed=3&speed=max&actions=${actions.join(',')}`);
  await waitFinished(lab);
  await expect(page.getByTestId('lab-problem')).toHaveCount(0);
  await expect(lab.speed).toHaveValue('max');
  const fromPage = await exportedTrace(page);
  const fromCli = await cliTrace(['--scenario', 'bully-10', '--seed', '3', ...actions.flatMap((a) => ['--action', a])]);
  expect(fromPage.length).toBeGreaterThan(300);
  expect(fromPage).toEqual(fromCli);
  // The URL is written back as it was read.
  expect(decodeURIComponent(new URL(page.url()).search)).toBe(`?scenario=bully-10&seed=3&speed=max&actions=${actions.join(',')}`);
});

test('acting updates the URL; Copy link copies it; the copied link replays the same run', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new VisualLab(page);
  await lab.open('bully-10', 2);
  await lab.setSpeed('max');
  await waitFinished(lab);
  await expect(lab.node(9)).toHaveAttribute('data-role', 'coordinator');
  // Acting on the finished run plays on from there: no Play click.
  await lab.crash(9);
  await expect(page).toHaveURL(/speed=max&actions=\d+(\.\d{1,3})?:crash:9$/);
  await lab.notice(3);
  await expect(lab.node(8)).toHaveAttribute('data-role', 'coordinator', { timeout: 15_000 });
  await waitFinished(lab);
  await expect(page).toHaveURL(/actions=\d+(\.\d{1,3})?:crash:9,\d+(\.\d{1,3})?:notice:3$/);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveAttribute('data-copied', 'true');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  const live = await exportedTrace(page);

  const again = await context.newPage();
  await again.goto(copied);
  const lab2 = new VisualLab(again);
  await waitFinished(lab2);
  await expect(lab2.node(8)).toHaveAttribute('data-role', 'coordinator');
  expect(await exportedTrace(again)).toEqual(live);
});

test('"finished" shows the time of the last event, the same at 1× and at max; the top bar keeps its height', async ({ page }) => {
  const lab = new VisualLab(page);
  const bar = page.locator('.lab-bar');
  const ends: string[] = [];
  for (const speed of ['1', 'max']) {
    await page.goto(`/?scenario=bully-10&seed=1${speed === '1' ? '' : `&speed=${speed}`}`);
    await expect(lab.node(1)).toBeVisible();
    const before = (await bar.boundingBox())?.height;
    await waitFinished(lab);
    expect((await bar.boundingBox())?.height).toBe(before);
    ends.push((await page.getByTestId('time-readout').textContent()) ?? '');
  }
  expect(ends[0]).toBe(ends[1]);
  // bully-10's last event is P9's last COORDINATOR arriving, well before the 5 s the scenario lasts.
  expect(Number(/t = (\d+\.\d+) s/.exec(ends[0] ?? '')?.[1])).toBeLessThan(2.5);
});

test('bad parts of a URL get one clear message and the rest still opens', async ({ page }) => {
  const lab = new VisualLab(page);
  await page.goto('/?scenario=bully-10&seed=1&speed=warp&actions=1800:crash:9,soon:crash:8,2000:notice:12,2100:notice:3');
  const problem = page.getByTestId('lab-problem');
  await expect(problem).toContainText('The speed "warp" is not one of');
  await expect(problem).toContainText('2 actions could not be read and are left out: "soon:crash:8": the time "soon" is not');
  await expect(problem).toContainText('"2000:notice:12": bully-10 has no node 12');
  await lab.setSpeed('max');
  await expect(lab.node(8)).toHaveAttribute('data-role', 'coordinator', { timeout: 15_000 });
  await expect(lab.node(9)).toHaveAttribute('data-status', 'crashed');
  await expect(page).toHaveURL(/actions=1800:crash:9,2100:notice:3$/);
});

test('heartbeat failure detection switches in the page and the URL; with it on, a silent crash is noticed', async ({ page }) => {
  const lab = new VisualLab(page);
  await page.goto('/?scenario=bully-10&seed=1&speed=max&actions=2500:crash:9');
  await waitFinished(lab);
  // Off (the lab's way): nobody notices P9's crash.
  await expect(lab.node(8)).toHaveAttribute('data-role', 'follower');
  await page.getByTestId('control-heartbeats').check();
  await expect(page).toHaveURL(/heartbeats=on&actions=2500:crash:9$/);
  await expect(lab.node(8)).toHaveAttribute('data-role', 'coordinator', { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId('control-heartbeats')).toBeChecked();
  await expect(page.getByTestId('control-heartbeats')).toHaveCount(1);
  await page.goto('/?scenario=cristian-basic&seed=1');
  await expect(page.getByTestId('control-heartbeats')).toHaveCount(0);
});
