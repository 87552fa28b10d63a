// One fuzz case's run, as both fuzzers do it: inline, to `until`, with a cap on node calls so a
// message storm ends as a violation instead of a hang, and clocks that never run backwards.

import {
  ArraySink,
  checkMonotonicClocks,
  type Scenario,
  Simulation,
  type TraceEvent,
  type UserAction,
  type Violation,
} from '../core/index.ts';
import { InlineHost, runInline } from '../hosts/inline.ts';

/** No fuzz case needs anywhere near this many node calls; more means messages multiply. */
const MAX_CALLS = 200_000;

export interface BoundedRun {
  sim: Simulation;
  events: TraceEvent[];
  /** Clocks running backwards, and a storm that hit the call cap. */
  violations: Violation[];
}

export function runBounded(scenario: Scenario, seed: number, actions: readonly UserAction[], until: number): BoundedRun {
  const sink = new ArraySink();
  const sim = new Simulation(scenario, { seed, actions: [...actions], trace: sink });
  const calls = runInline(sim, new InlineHost(scenario, seed), until, MAX_CALLS);
  const events = sink.events;
  const violations: Violation[] = [...checkMonotonicClocks(events)];
  if (calls >= MAX_CALLS)
    violations.push({ t: sim.now, invariant: 'bounded work', detail: `over ${MAX_CALLS} node calls before t=${until}: a message storm` });
  return { sim, events, violations };
}
