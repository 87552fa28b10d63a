// Heartbeat failure detection as a switch on a scenario (the page's toggle, the URL's
// `heartbeats=on`, the CLI's `--heartbeats on`). The elections have it (off in the lab
// presets, where the failure is noticed by being told); algorithms whose settings have no
// `heartbeat` field do not.

import type { Scenario } from '../core/index.ts';

/** Whether the scenario's algorithm has heartbeat failure detection to switch. */
export function hasHeartbeats(scenario: Scenario): boolean {
  return 'heartbeat' in scenario.algorithm.settings;
}

/** Whether heartbeats are on in this scenario (false when it has none). */
export function heartbeatsOn(scenario: Scenario): boolean {
  const settings: object = scenario.algorithm.settings;
  return 'heartbeat' in settings && settings.heartbeat === true;
}

/** The scenario with heartbeats switched on or off, or null when its algorithm has none. */
export function withHeartbeats(scenario: Scenario, on: boolean): Scenario | null {
  if (!hasHeartbeats(scenario)) return null;
  if (heartbeatsOn(scenario) === on) return scenario;
  return { ...scenario, algorithm: { ...scenario.algorithm, settings: { ...scenario.algorithm.settings, heartbeat: on } } } as Scenario;
}
