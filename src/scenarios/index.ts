// Every preset, in the lab's order.

import type { Scenario } from '../core/scenario.ts';
import { berkeleyBasic, berkeleyCanteen, bully10, cristianBasic, cristianManipalBuddy, ring8 } from './presets.ts';

export const presets: readonly Scenario[] = [cristianBasic, berkeleyBasic, berkeleyCanteen, cristianManipalBuddy, bully10, ring8];

export const presetIds: readonly string[] = presets.map((p) => p.id);

export function findPreset(id: string): Scenario | undefined {
  return presets.find((p) => p.id === id);
}

export { customScenario } from './custom.ts';
