// Logical clocks at scale (issue 11): the store's fold of Lamport and vector clocks over a
// 64-node Bully run with 100 ms heartbeats (100,000 events), per event; then what a click on
// the diagram costs (an event's causal past and future, walked on demand) early, midway and
// at the end of the run, and an old event's vector (walked, not kept).

import { bullySettings, LogicalClocks, type Scenario } from '../src/core/index.ts';
import { simulateInline } from '../src/hosts/inline.ts';
import { customScenario } from '../src/scenarios/index.ts';

export interface LogicalBenchmark {
  nodes: number;
  events: number;
  foldNsPerEvent: number;
  /** The fastest of the rounds (a shared machine's load only ever slows a round down). */
  foldBestNsPerEvent: number;
  /** Causality of an event at 1 %, 50 % and 99 % of the run, ms (median of several). */
  causalityMs: [number, number, number];
  oldVectorMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export function runLogicalBenchmark(nodes = 64, limit = 100_000): LogicalBenchmark {
  const base = customScenario({ algorithm: 'bully', nodes });
  const scenario: Scenario = {
    ...base,
    algorithm: { id: 'bully', settings: bullySettings(nodes, { heartbeat: true, heartbeatPeriodMs: 100 }) },
  };
  const events = simulateInline(scenario, 1, { until: 90_000 }).events.slice(0, limit);
  const ids = scenario.nodes.map((n) => n.id);
  const folds: number[] = [];
  let clocks = new LogicalClocks(ids);
  for (let round = 0; round < 9; round++) {
    clocks = new LogicalClocks(ids);
    const started = performance.now();
    for (const e of events) clocks.push(e);
    folds.push(performance.now() - started);
  }
  const laneEvent = (from: number): number => {
    for (let i = from; i < events.length; i++) if (clocks.isLaneEvent(i)) return i;
    return -1;
  };
  const at = [0.01, 0.5, 0.99].map((f) => laneEvent(Math.floor(f * events.length)));
  const causalityMs = at.map((i) => {
    const ms: number[] = [];
    for (let k = 0; k < 7; k++) {
      const s = performance.now();
      clocks.causality(i);
      ms.push(performance.now() - s);
    }
    return median(ms);
  }) as [number, number, number];
  const old: number[] = [];
  for (let k = 0; k < 7; k++) {
    // A fresh fold each time: the walked vector is cached once asked for.
    const c = new LogicalClocks(ids);
    for (const e of events) c.push(e);
    const s = performance.now();
    c.vectorAt(at[1] as number);
    old.push(performance.now() - s);
  }
  return {
    nodes,
    events: events.length,
    foldNsPerEvent: (median(folds) * 1e6) / events.length,
    foldBestNsPerEvent: (Math.min(...folds) * 1e6) / events.length,
    causalityMs,
    oldVectorMs: median(old),
  };
}
