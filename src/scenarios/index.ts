// Every preset: each algorithm's own, gathered from the registry, the lab report's questions
// first in the lab's order (Q1..Q6), then the rest in registry order.

import { algorithms, type Scenario } from '../core/index.ts';

const labOrder = (s: Scenario): number => (s.lab ? Number(s.lab.replace(/\D/g, '')) : Infinity);

export const presets: readonly Scenario[] = algorithms
  .flatMap((a) => a.presets)
  .map((s, i) => ({ s, i }))
  .sort((a, b) => labOrder(a.s) - labOrder(b.s) || a.i - b.i)
  .map(({ s }) => s);

export const presetIds: readonly string[] = presets.map((p) => p.id);

export function findPreset(id: string): Scenario | undefined {
  return presets.find((p) => p.id === id);
}

export { customScenario } from './custom.ts';
export { LAN } from '../core/index.ts';
