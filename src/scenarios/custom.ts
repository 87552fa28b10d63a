// Custom setups: any algorithm with n processes, for the page's "custom" choice,
// property tests and benchmarks.

import type { AlgorithmId } from '../core/machine.ts';
import type { AlgorithmSpec, Scenario } from '../core/scenario.ts';
import { bullySettings, LAN, ringSettings } from './defaults.ts';

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
  const offsetSpread = setup.offsetSpreadMs ?? (setup.algorithm === 'bully' || setup.algorithm === 'ring' ? 0 : 300);
  const driftSpread = setup.driftSpreadPpm ?? (setup.algorithm === 'bully' || setup.algorithm === 'ring' ? 0 : 20_000);
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
    algorithm: algorithmSpec(setup.algorithm, n),
    network: { defaults: LAN, links: [] },
    slewRate: 0.05,
    actions: [],
    durationMs: setup.durationMs ?? 60_000,
  };
}

function algorithmSpec(algorithm: AlgorithmId, n: number): AlgorithmSpec {
  switch (algorithm) {
    case 'bully':
      return { id: 'bully', settings: bullySettings(n) };
    case 'ring':
      return { id: 'ring', settings: ringSettings(n, n) };
    case 'cristian':
      return {
        id: 'cristian',
        settings: {
          serverId: 1,
          probes: 1,
          periodMs: 5000,
          mode: 'step',
          minDelayMs: LAN.latencyMs,
          requestTimeoutMs: 1000,
          startDelayMs: 1000,
        },
      };
    case 'berkeley':
      return { id: 'berkeley', settings: { masterId: 1, periodMs: 5000, thresholdMs: 400, mode: 'slew', pollTimeoutMs: 1000 } };
  }
}
