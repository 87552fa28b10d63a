// Runs a preset to its end on the inline host, synchronously, and reduces it to what the run
// report shows (tests; the page runs it in workers and reduces it the same way).

import { type RunOutcome, type Scenario, summarizeRun } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';

export function runPreset(scenario: Scenario, seed: number): RunOutcome {
  const { sim, host, events } = simulateInline(scenario, seed);
  host.dispose();
  return summarizeRun(scenario, seed, sim.now, (id) => sim.node(id), sim.stats, events);
}
