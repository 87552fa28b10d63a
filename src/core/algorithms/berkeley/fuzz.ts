// How the first fuzzer (src/fuzz/cases.ts) runs Berkeley's algorithm: 2 to 6 processes (P1 the
// first master) with clocks anywhere, step or slew. It replaces a dead master itself (two
// silent periods, then a cycle or two), so it is given 45 s, and longer after a slow link: a
// slave that armed its master watch while a link was slow waits two scaled cycles plus its
// stagger before it takes over (machine.ts watchMs). Judged: Berkeley's invariants, and after
// the heal a few fault-free cycles bring every clock within 2 × the worst one-way delay plus
// what drift adds in a cycle.

import { readClock } from '../../clock.ts';
import { checkBerkeley } from '../../check/clock-sync.ts';
import type { Violation } from '../../check/violations.ts';
import type { TrueTime } from '../../time.ts';
import type { FaultCaseRun, FaultCaseSpec } from '../definition.ts';
import type { BerkeleySettings } from './machine.ts';

function converged({ c, sim, events }: FaultCaseRun, settings: BerkeleySettings): Violation[] {
  const t = sim.now;
  // A lone survivor (or none) has no one to agree with.
  if (sim.nodeIds().filter((id) => sim.node(id)?.alive).length < 2) return [];
  const cycles = events.filter((e) => e.type === 'note' && e.topic === 'berkeley-cycle' && e.t > c.healAt + 1000);
  if (cycles.length < 2) return [{ t, invariant: 'berkeley converges', detail: `only ${cycles.length} cycles after the heal` }];
  const clocks = sim
    .nodeIds()
    .map((id) => sim.node(id))
    .filter((n) => n?.alive);
  const readings = clocks.map((n) => readClock(n!.clock, t as TrueTime));
  const drifts = clocks.map((n) => n!.clock.driftPpm);
  const spread = Math.max(...readings) - Math.min(...readings);
  const period = settings.periodMs + settings.pollTimeoutMs;
  const slewLeft = Math.max(...clocks.map((n) => Math.abs(n!.clock.slewLeftMs)));
  // The master times its period on its own clock: at −50% drift a 6 s period lasts 12 s of true time.
  const slowestRate = Math.max(0.5, 1 + Math.min(...drifts) * 1e-6);
  const allowed = 2 * 200 + ((Math.max(...drifts) - Math.min(...drifts)) * 1e-6 * 2 * period) / slowestRate + 2 * slewLeft + 1;
  return spread > allowed
    ? [{ t, invariant: 'berkeley converges', detail: `spread ${spread.toFixed(2)} ms at the end (allowed ${allowed.toFixed(2)})` }]
    : [];
}

export const berkeleyFaultCases: FaultCaseSpec<BerkeleySettings> = {
  names: ['berkeley'],
  minNodes: 2,
  maxNodes: 6,
  verbs: [],
  drawsClocks: true,
  recoverAtHeal: false,
  settings: (c, base) => ({ ...base, mode: c.slew ? 'slew' : 'step' }),
  settleMs: (settings, { nodes, slowest, longestTimeoutMs: poll }) =>
    45_000 + (slowest > 0 ? 2 * (settings.periodMs + poll) + nodes * poll : 0),
  judge: (run, settings) => [...checkBerkeley(run.events), ...converged(run, settings)],
};
