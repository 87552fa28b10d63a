// Inline-host throughput: delivered messages per second of simulated traffic, one core.
// The trace goes to a counting sink, so this measures the simulation and the machines,
// not the memory of a million stored events.

import { CountingSink, type Scenario, Simulation } from '../src/core/index.ts';
import { InlineHost, runInline } from '../src/hosts/inline.ts';
import { customScenario } from '../src/scenarios/custom.ts';

export interface InlineResult {
  name: string;
  delivered: number;
  events: number;
  ms: number;
  perSecond: number;
}

function measure(name: string, scenario: Scenario, until: number, repeats: number): InlineResult {
  let best: InlineResult | null = null;
  for (let r = 0; r < repeats; r++) {
    const sink = new CountingSink();
    const sim = new Simulation(scenario, { seed: 1, trace: sink });
    const host = new InlineHost(scenario, 1);
    const start = performance.now();
    runInline(sim, host, until);
    const ms = performance.now() - start;
    const result = { name, delivered: sim.stats.delivered, events: sink.count, ms, perSecond: (sim.stats.delivered / ms) * 1000 };
    if (!best || result.perSecond > best.perSecond) best = result;
  }
  return best as InlineResult;
}

export function bullyElection(n: number): Scenario {
  const base = customScenario({ algorithm: 'bully', nodes: n, durationMs: 60_000 });
  return {
    ...base,
    actions: [
      { at: 1000, type: 'crash', node: n },
      { at: 1500, type: 'notice', node: 1 },
    ],
  };
}

export function runInlineBenchmarks(repeats = 3): InlineResult[] {
  return [
    measure('Bully, 1,000 processes, lowest id notices', bullyElection(1000), 60_000, repeats),
    measure('Berkeley, 64 nodes, one simulated hour', customScenario({ algorithm: 'berkeley', nodes: 64 }), 3_600_000, repeats),
  ];
}
