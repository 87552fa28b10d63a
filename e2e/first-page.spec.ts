// The first page: a preset opened from the URL, one picked in the select, and a bad URL.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab-page.ts';

const run = promisify(execFile);

test('bully-10 from the URL ends with 9 as coordinator and 10 crashed', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('bully-10', 1);

  await expect(lab.scenarioSelect).toHaveValue('bully-10');
  await lab.expectRole(9, 'coordinator');
  await expect(lab.node(10)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.node(10)).toHaveAttribute('data-role', 'crashed');
  await expect(lab.nodes()).toHaveCount(10);
  for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) {
    await expect(lab.node(id)).toHaveAttribute('data-status', 'alive');
    await expect(lab.node(id)).toHaveAttribute('data-role', 'follower');
    await expect(lab.node(id)).toContainText('P9');
  }
  await expect(page.getByTestId('messages-kind-ELECTION')).toContainText('15');
  await expect(page.getByTestId('messages-kind-OK')).toContainText('10');
  await expect(page.getByTestId('messages-kind-COORDINATOR')).toContainText('8');
  await expect(lab.eventLog).toContainText('P10 crashed');
  await expect(lab.eventLog).toContainText('P9 is now coordinator');
  await expect(lab.alert).toHaveCount(0);
});

test('picking ring-8 in the select runs it, elects 7 and updates the URL', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('bully-10', 1);
  await lab.expectRole(9, 'coordinator');

  await lab.pickScenario('ring-8');

  await lab.expectRole(7, 'coordinator');
  await expect(lab.node(8)).toHaveAttribute('data-status', 'crashed');
  await expect(lab.nodes()).toHaveCount(8);
  await expect(page).toHaveURL(/\?scenario=ring-8&seed=1$/);
});

test('a new seed runs on Run and goes into the URL', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('ring-8', 1);
  await lab.runWithSeed(12345);

  await expect(page).toHaveURL(/\?scenario=ring-8&seed=12345$/);
  await lab.expectRole(7, 'coordinator');
});

test('a bad scenario in the URL shows one alert and falls back to the default preset', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.openSearch('?scenario=no-such-thing&seed=1');

  await expect(lab.alert).toHaveCount(1);
  await expect(lab.alert).toContainText('There is no scenario "no-such-thing"');
  const defaultId = await lab.scenarioSelect.locator('option').first().getAttribute('value');
  expect(defaultId).not.toBeNull();
  await expect(lab.scenarioSelect).toHaveValue(defaultId ?? '');
  await expect(lab.node(1)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`\\?scenario=${defaultId}&seed=1$`));
});

test('a bad seed in the URL shows the alert and keeps the scenario', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.openSearch('?scenario=bully-10&seed=banana');

  await expect(lab.alert).toContainText('The seed "banana" is not a whole number');
  await expect(lab.scenarioSelect).toHaveValue('bully-10');
  await lab.expectRole(9, 'coordinator');
});

test('the run report shows the same derivation as the CLI: elections, their messages and winners, Berkeley cycles', async ({ page }) => {
  test.setTimeout(90_000);
  for (const id of ['bully-10', 'berkeley-canteen']) {
    const { stdout } = await run('npx', ['tsx', 'src/cli/main.ts', '--scenario', id, '--seed', '1', '--json'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const cli = JSON.parse(stdout) as {
      elections: { winner: number | null; total: number; predicted: number | null }[];
      cycles: { averageMs: number }[];
    };
    const lab = new LabPage(page);
    await lab.open(id, 1);
    const metrics = page.getByTestId('metrics');
    await expect(metrics).toBeVisible({ timeout: 30_000 });
    const rows = metrics.locator('tr[data-election]');
    await expect(rows).toHaveCount(cli.elections.length);
    for (const [i, e] of cli.elections.entries()) {
      await expect(rows.nth(i)).toHaveAttribute('data-total', String(e.total));
      await expect(rows.nth(i)).toHaveAttribute('data-predicted', e.predicted === null ? '' : String(e.predicted));
      if (e.winner !== null) await expect(rows.nth(i).locator('td').nth(2)).toHaveText(`P${e.winner}`);
    }
    if (cli.cycles.length > 0) {
      const last = cli.cycles.at(-1)!;
      const shown = `${last.averageMs >= 0 ? '+' : '−'}${Math.abs(last.averageMs).toFixed(1)} ms`;
      await expect(metrics.locator('table').last().locator('tbody tr').last()).toContainText(shown);
    }
  }
});
