// How the first fuzzer (src/fuzz/cases.ts) runs Cristian's algorithm: 2 to 6 processes (P1 the
// server) with clocks anywhere, step or slew; every process recovers at the heal (a client
// converges only with its server back). Judged: every sync within Cristian's bound, and after
// the heal every client synced again and ends within its last bound, plus drift since and any
// slew left.

import { readClock } from '../../clock.ts';
import { CristianBoundChecker } from '../../check/clock-sync.ts';
import type { Violation } from '../../check/violations.ts';
import type { FaultCaseRun, FaultCaseSpec } from '../definition.ts';
import type { CristianSyncOutcome } from './bound.ts';
import type { CristianSettings } from './machine.ts';

function converged({ c, sim }: FaultCaseRun, syncs: readonly CristianSyncOutcome[]): Violation[] {
  const out: Violation[] = [];
  const t = sim.now;
  const server = sim.node(1);
  if (!server) return out;
  for (let id = 2; id <= c.nodes; id++) {
    let last: CristianSyncOutcome | undefined;
    for (const s of syncs) if (s.client === id && s.t > c.healAt) last = s;
    if (!last) {
      out.push({ t, invariant: 'cristian converges', detail: `P${id} never synced after the network healed` });
      continue;
    }
    const client = sim.node(id);
    if (!client) continue;
    const error = readClock(client.clock, t) - readClock(server.clock, t);
    const elapsed = t - last.t;
    const drift = (Math.abs(client.clock.driftPpm) + Math.abs(server.clock.driftPpm)) * 1e-6 * (elapsed + 1000);
    // Cristian's bound at the last sync (the same function the checker and the page use), then drift since, and any slew left.
    const allowed =
      last.boundMs + Math.abs(client.clock.slewLeftMs) + Math.abs(last.afterMs - last.beforeMs) * (c.slew ? 1 : 0) + drift + 1e-6;
    if (Math.abs(error) > allowed)
      out.push({
        t,
        invariant: 'cristian converges',
        detail: `P${id} ends ${error.toFixed(2)} ms from the server (allowed ${allowed.toFixed(2)})`,
      });
  }
  return out;
}

export const cristianFaultCases: FaultCaseSpec<CristianSettings> = {
  names: ['cristian'],
  minNodes: 2,
  maxNodes: 6,
  verbs: [],
  drawsClocks: true,
  recoverAtHeal: true,
  settings: (c, base) => ({ ...base, mode: c.slew ? 'slew' : 'step' }),
  settleMs: () => 30_000,
  judge(run) {
    const checker = new CristianBoundChecker();
    const violations: Violation[] = [];
    for (const e of run.events) violations.push(...checker.push(e));
    violations.push(...converged(run, checker.syncs));
    return violations;
  },
};
