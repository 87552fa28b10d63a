// One scale run in a process of its own, so its peak memory is its own: `tsx bench/scale-run.ts
// <berkeley|bully> <n> <simulated ms>` prints one JSON line (used by bench/scale.ts).

import { CountingSink, type Scenario, Simulation } from '../src/core/index.ts';
import { InlineHost, runInline } from '../src/hosts/inline.ts';
import { customScenario } from '../src/scenarios/custom.ts';

export function scaleScenario(algorithm: 'berkeley' | 'bully', n: number): Scenario {
  const base = customScenario({ algorithm, nodes: n });
  if (algorithm === 'berkeley') return base;
  // Bully with failure detection on: the coordinator beats to every process every period.
  return { ...base, algorithm: { id: 'bully', settings: { ...base.algorithm.settings, heartbeat: true } } } as Scenario;
}

const [algorithm, nodes, until] = process.argv.slice(2);
if (algorithm !== 'berkeley' && algorithm !== 'bully') throw new Error('usage: scale-run.ts <berkeley|bully> <n> <ms>');
const n = Number(nodes);
const start = performance.now();
const scenario = scaleScenario(algorithm, n);
const sink = new CountingSink();
const sim = new Simulation(scenario, { seed: 1, trace: sink });
const host = new InlineHost(scenario, 1);
const booted = performance.now();
runInline(sim, host, Number(until));
const ms = performance.now() - start;
console.log(
  JSON.stringify({
    algorithm,
    n,
    simulatedMs: Number(until),
    ms,
    setupMs: booted - start,
    delivered: sim.stats.delivered,
    events: sink.count,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
