// A page object for the lab page: tests say what they want (open a preset, read a node's
// role) and this file knows the test ids of ARCHITECTURE.md §5.

import { expect, type Locator, type Page } from '@playwright/test';

export class LabPage {
  constructor(readonly page: Page) {}

  /** Opens a preset with a seed through the URL contract. */
  async open(scenario: string, seed: number | string): Promise<void> {
    await this.page.goto(`/run.html?scenario=${encodeURIComponent(scenario)}&seed=${encodeURIComponent(String(seed))}`);
  }

  /** Opens a raw query string, for URLs a user might mistype. */
  async openSearch(search: string): Promise<void> {
    await this.page.goto(`/run.html${search}`);
  }

  get scenarioSelect(): Locator {
    return this.page.getByTestId('scenario-select');
  }

  get seedInput(): Locator {
    return this.page.getByLabel('Seed');
  }

  get runButton(): Locator {
    return this.page.getByRole('button', { name: 'Run' });
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  get eventLog(): Locator {
    return this.page.getByTestId('event-log');
  }

  /** Node cards only (not their node-N-crash / node-N-recover buttons). */
  nodes(): Locator {
    return this.page.getByTestId(/^node-\d+$/);
  }

  crashButton(id: number): Locator {
    return this.page.getByTestId(`node-${id}-crash`);
  }

  recoverButton(id: number): Locator {
    return this.page.getByTestId(`node-${id}-recover`);
  }

  node(id: number): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  async pickScenario(id: string): Promise<void> {
    await this.scenarioSelect.selectOption(id);
  }

  async runWithSeed(seed: number | string): Promise<void> {
    await this.seedInput.fill(String(seed));
    await this.runButton.click();
  }

  async roleOf(id: number): Promise<string | null> {
    return this.node(id).getAttribute('data-role');
  }

  async statusOf(id: number): Promise<string | null> {
    return this.node(id).getAttribute('data-status');
  }

  /** Waits (with auto-retry) until node `id` shows `role`. */
  async expectRole(id: number, role: string): Promise<void> {
    await expect(this.node(id)).toHaveAttribute('data-role', role);
  }
}
