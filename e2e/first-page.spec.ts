// The first page: a preset opened from the URL, one picked in the select, and a bad URL.

import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab-page.ts';

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
