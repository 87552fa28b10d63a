// One derivation of what a run achieved (ARCHITECTURE.md §6), read by the page's rounds panel and
// metrics, the run report and the CLI's --json: every election, every Berkeley cycle, every
// Cristian sync, and the violations the live monitors found. Which of these a run has is its
// algorithm's to say: its definition's `outcomeFold` fills its part (election-outcome.ts,
// berkeley/outcome.ts, cristian's syncs), the rest stay empty. Incremental: feed it events as
// they come (it is a trace sink), read `outcome()` at any time.

import { algorithmFor } from '../algorithms/registry.ts';
import { forgettable, type OutcomeFold } from '../algorithms/definition.ts';
import type { ElectionOutcome } from '../algorithms/election-outcome.ts';
import type { CycleOutcome } from '../algorithms/berkeley/outcome.ts';
import type { CristianSyncOutcome } from '../algorithms/cristian/bound.ts';
import { RunMonitor } from '../check/monitor.ts';
import { ClockReplay } from '../check/clock-replay.ts';
import type { Violation } from '../check/violations.ts';
import type { AlgorithmSpec } from '../scenario.ts';
import type { TraceEvent, TraceSink } from '../trace.ts';

export type { ElectionOutcome } from '../algorithms/election-outcome.ts';
export type { CycleAdjustment, CycleOutcome, CycleReading } from '../algorithms/berkeley/outcome.ts';

export interface RunDerivation {
  elections: ElectionOutcome[];
  cycles: CycleOutcome[];
  syncs: CristianSyncOutcome[];
  violations: Violation[];
}

export class OutcomeDeriver implements TraceSink {
  readonly monitor = new RunMonitor();
  private readonly replay = new ClockReplay();
  private readonly fold: OutcomeFold | null;
  private lastT = 0;

  constructor(algorithm: AlgorithmSpec, nodeCount: number) {
    this.fold = algorithmFor(algorithm.id).outcomeFold?.(algorithm.settings, nodeCount) ?? null;
  }

  push(e: TraceEvent): void {
    this.lastT = e.t;
    this.replay.apply(e);
    this.monitor.push(e);
    this.fold?.push(e, this.replay);
  }

  /**
   * A long run's page keeps its rounds like its events (ARCHITECTURE.md §10): the elections,
   * Berkeley cycles, Cristian syncs and violations that ended before true time t go, but the
   * latest `keep` of each stay (what the metrics panel shows).
   */
  forget(t: number, keep: number): void {
    this.fold?.forget?.(t, keep);
    const violations = this.monitor.violations;
    violations.splice(
      0,
      forgettable(violations, (v) => v.t < t, keep),
    );
  }

  outcome(): RunDerivation {
    this.monitor.flush();
    const part = this.fold?.part(this.lastT, this.replay) ?? {};
    return {
      elections: part.elections ?? [],
      cycles: part.cycles ?? [],
      syncs: part.syncs ?? [],
      violations: [...this.monitor.violations],
    };
  }
}

/** The derivation of a whole trace. */
export function deriveOutcome(events: readonly TraceEvent[], algorithm: AlgorithmSpec, nodeCount: number): RunDerivation {
  const d = new OutcomeDeriver(algorithm, nodeCount);
  for (const e of events) d.push(e);
  return d.outcome();
}
