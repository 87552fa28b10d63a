// A page object for the visual lab (index.html): tests say what they want ("open bully-10",
// "crash node 9 from its inspector", "play at 100×") and this file knows the test ids of
// ARCHITECTURE.md §5 and how a user reaches each control.

import { expect, type Locator, type Page } from '@playwright/test';

export class VisualLab {
  /** `base` is where the lab is served: the test server's root, or a sub-path like http://…/dslab/. */
  constructor(
    readonly page: Page,
    readonly base = '/',
  ) {}

  /** Opens a preset through the URL contract and waits for its nodes. */
  async open(scenario: string, seed: number | string = 1): Promise<void> {
    await this.page.goto(`${this.base}?scenario=${encodeURIComponent(scenario)}&seed=${encodeURIComponent(String(seed))}`);
    await expect(this.node(1)).toBeVisible();
  }

  get scenarioSelect(): Locator {
    return this.page.getByTestId('scenario-select');
  }
  get play(): Locator {
    return this.page.getByTestId('control-play');
  }
  get pause(): Locator {
    return this.page.getByTestId('control-pause');
  }
  get step(): Locator {
    return this.page.getByTestId('control-step');
  }
  get reset(): Locator {
    return this.page.getByTestId('control-reset');
  }
  get speed(): Locator {
    return this.page.getByTestId('control-speed');
  }
  get eventLog(): Locator {
    return this.page.getByTestId('event-log');
  }
  get trueTime(): Locator {
    return this.page.getByTestId('true-time');
  }
  get messages(): Locator {
    return this.page.getByTestId('message');
  }

  get spacetime(): Locator {
    return this.page.getByTestId('spacetime');
  }
  get clockChart(): Locator {
    return this.page.getByTestId('clock-chart');
  }
  get metrics(): Locator {
    return this.page.getByTestId('metrics');
  }

  node(id: number): Locator {
    return this.page.getByTestId(`node-${id}`);
  }
  nodes(): Locator {
    return this.page.locator('[data-testid^="node-"][data-status]');
  }

  /** Sets the speed by the select, as a user would: '100' for 100×, 'max' for as fast as possible. */
  async setSpeed(speed: string): Promise<void> {
    await this.speed.selectOption(speed);
  }

  /** Plays at high speed (the outcome tests wait for conditions, not for time). */
  async playFast(speed = '100'): Promise<void> {
    await this.setSpeed(speed);
    if (await this.play.isEnabled()) await this.play.click();
  }

  /**
   * Plays on until `outcome` holds. A run stops at its horizon (the scenario's length); when
   * a user acts near it, the outcome may need more time, so Play is pressed again whenever
   * the run shows "finished", as a user would.
   */
  async playUntil(outcome: () => Promise<void>, timeout = 20_000): Promise<void> {
    await this.playFast();
    await expect(async () => {
      if (await this.finishedBadge.isVisible()) await this.play.click();
      await outcome();
    }).toPass({ timeout });
  }

  get finishedBadge(): Locator {
    return this.page.getByTestId('finished');
  }

  /**
   * Pauses a playing run. The run may finish by itself between the check and the click (the
   * button is then disabled), so the click is forced and a disabled button counts as done.
   */
  async pauseIfPlaying(): Promise<void> {
    await expect(async () => {
      if (await this.pause.isEnabled()) await this.pause.click({ timeout: 1000 });
      await expect(this.pause).toBeDisabled({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  }

  /**
   * Pauses and goes back to t = 0. The page starts playing on load, and on a loaded machine a
   * short preset can be over before a pause lands; a test that acts "before" anything happens
   * starts from a reset run (reset loads the run again, paused) instead. A run with nothing
   * scheduled (a custom scenario before any fault) is "finished" at t = 0 as soon as its nodes
   * have booted, so the badge says nothing here: the time does.
   */
  async pauseAtStart(): Promise<void> {
    await this.pauseIfPlaying();
    await this.page.getByTestId('control-reset').click();
    await expect(this.pause).toBeDisabled();
    await expect(this.trueTime).toHaveText('0.000 s');
  }

  /** Clicks a node's glyph to open its inspector. */
  async inspect(id: number): Promise<void> {
    await this.node(id).click();
    await expect(this.page.getByTestId('inspector')).toBeVisible();
  }

  async crash(id: number): Promise<void> {
    await this.inspect(id);
    await this.page.getByTestId(`node-${id}-crash`).click();
  }

  async recover(id: number): Promise<void> {
    await this.inspect(id);
    await this.page.getByTestId(`node-${id}-recover`).click();
  }

  /** The process asks for the critical section (mutual exclusion), from its inspector. */
  async request(id: number): Promise<void> {
    await this.inspect(id);
    await this.page.getByTestId(`node-${id}-request`).click();
  }

  async notice(id: number): Promise<void> {
    await this.inspect(id);
    await this.page.getByTestId(`node-${id}-notice`).click();
  }

  async setDrift(id: number, ppm: number): Promise<void> {
    await this.inspect(id);
    const input = this.page.getByTestId(`node-${id}-drift`);
    await input.fill(String(ppm));
    await input.press('Enter');
  }

  async offsetOf(id: number): Promise<number> {
    return Number(await this.node(id).getAttribute('data-offset-ms'));
  }

  async expectRole(id: number, role: string): Promise<void> {
    await expect(this.node(id)).toHaveAttribute('data-role', role);
  }

  /** Opens the network panel and cuts the network into the ticked nodes and the rest. */
  async partition(side: readonly number[]): Promise<void> {
    await this.openNetwork();
    for (const id of side) await this.page.getByTestId(`partition-node-${id}`).check();
    await this.page.getByTestId('partition-cut').click();
  }

  async heal(): Promise<void> {
    await this.openNetwork();
    await this.page.getByTestId('partition-heal').click();
  }

  /** Filters the event log by node name (or 'all') and kind (or 'all'). */
  async setFilter(node: string, kind: string): Promise<void> {
    await this.page.getByTestId('log-filter-node').selectOption({ label: node });
    await this.page.getByTestId('log-filter-kind').selectOption({ label: kind });
  }

  link(a: number, b: number): Locator {
    return this.page.getByTestId(`link-${Math.min(a, b)}-${Math.max(a, b)}`);
  }

  /** Clicks the link between two nodes on the stage, which opens the link panel. */
  async inspectLink(a: number, b: number): Promise<void> {
    await this.link(a, b).click();
    await expect(this.page.getByTestId('link-panel')).toBeVisible();
  }

  /** Cuts the link between two nodes (both directions) from its panel. */
  async cutLink(a: number, b: number): Promise<void> {
    await this.inspectLink(a, b);
    await this.page.getByTestId('link-cut').click();
  }

  private async openNetwork(): Promise<void> {
    const details = this.page.locator('details.network-details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }
}
