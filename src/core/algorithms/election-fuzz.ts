// What the first fuzzer (src/fuzz/cases.ts) asks of an election, Bully's and Ring's alike:
// without heartbeats nobody notices by itself, so once the faults have landed the lowest live
// process is told; on a reliable network one coordinator at a time (and the highest one, when
// nobody recovered), and in the end every live process follows the same one.

import { checkElectionConvergence, checkElectionSafety, SplitBrainMonitor } from '../check/elections.ts';
import type { Violation } from '../check/violations.ts';
import { jitterBound } from '../network.ts';
import type { UserAction } from '../scenario.ts';
import type { FaultCase, FaultCaseRun } from './definition.ts';
import { LAN } from './lan.ts';

/** The slowest a message takes on the fuzzer's LAN. */
export const LAN_MAX_ONE_WAY_MS = LAN.latencyMs + jitterBound(LAN.jitter, LAN.jitterMs);

/** Which nodes are alive after a list of crash/recover actions (all start alive). */
function aliveAfter(n: number, actions: readonly UserAction[]): number[] {
  const alive = new Set(Array.from({ length: n }, (_, i) => i + 1));
  for (const a of actions) {
    if (a.type === 'crash') alive.delete(a.node);
    if (a.type === 'recover') alive.add(a.node);
  }
  return [...alive].sort((a, b) => a - b);
}

/** Without heartbeats, the lowest live process is told at `at`; with them, the run must converge on its own. */
export function noticeWithoutHeartbeats(c: FaultCase, at: number): UserAction[] {
  if (c.heartbeat) return [];
  const noticer = aliveAfter(c.nodes, c.faults)[0];
  return noticer === undefined ? [] : [{ at, type: 'notice', node: noticer }];
}

/** Safety is promised only on a reliable, synchronous network: no partitions, no loss, no link changes. */
const safetyApplies = (c: FaultCase): boolean =>
  !c.faults.some((f) => f.type === 'partition' || (f.type === 'network' && (f.patch.loss ?? 0) > 0) || f.type === 'link');

/** An election's invariants over a run: safety where it is promised (two coordinators overlap at most `maxOverlapMs`), convergence always. */
export function judgeElection({ c, events }: FaultCaseRun, maxOverlapMs: number): Violation[] {
  const violations: Violation[] = [];
  if (safetyApplies(c)) {
    // A process that recovers mid-election can be missed by it, so "the highest leads" is
    // promised only without recoveries; "one coordinator at a time" always.
    const highestLeads = !c.faults.some((f) => f.type === 'recover');
    violations.push(...checkElectionSafety(events, { maxOverlapMs, highestLeads }));
    const split = new SplitBrainMonitor();
    for (const e of events) violations.push(...split.push(e));
    violations.push(...split.flush());
  }
  violations.push(...checkElectionConvergence(events));
  return violations;
}
