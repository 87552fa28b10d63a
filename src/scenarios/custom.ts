// Custom setups: any registered algorithm with n processes, for the page's "custom" choice,
// property tests and benchmarks. The algorithm's definition gives its settings for n nodes
// and how far apart the clocks start.

import { algorithmFor, type AlgorithmId, type AlgorithmSpec, LAN, type Scenario } from '../core/index.ts';

export interface CustomSetup {
  algorithm: AlgorithmId;
  nodes: number;
  /** Spread of initial clock offsets (ms) and drifts (ppm), deterministic per node index. */
  offsetSpreadMs?: number;
  driftSpreadPpm?: number;
  durationMs?: number;
}

/** A deterministic pseudo-spread in [-1, 1] for node i, so custom clocks differ without a random source. */
const spread = (i: number): number => Math.sin(i * 12.9898 + 78.233);

export function customScenario(setup: CustomSetup): Scenario {
  const n = Math.max(1, Math.floor(setup.nodes));
  const definition = algorithmFor(setup.algorithm);
  const offsetSpread = setup.offsetSpreadMs ?? definition.customClocks.offsetSpreadMs;
  const driftSpread = setup.driftSpreadPpm ?? definition.customClocks.driftSpreadPpm;
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `P${i + 1}`,
    clock:
      i === 0
        ? { offsetMs: 0, driftPpm: 0 }
        : { offsetMs: Math.round(spread(i) * offsetSpread), driftPpm: Math.round(spread(i + 1000) * driftSpread) },
  }));
  return {
    id: `custom-${setup.algorithm}-${n}`,
    title: `Custom ${setup.algorithm}, ${n} nodes`,
    summary: `${n} nodes running ${setup.algorithm}.`,
    nodes,
    algorithm: { id: setup.algorithm, settings: definition.defaults(n) } as AlgorithmSpec,
    network: { defaults: LAN, links: [] },
    slewRate: 0.05,
    actions: [],
    durationMs: setup.durationMs ?? 60_000,
  };
}
