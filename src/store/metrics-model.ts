// The numbers the metrics panel shows, next to what theory predicts: messages by kind, each
// election with its count against ARCHITECTURE.md §4's formula, each Cristian sync's true error
// against its bound, each Berkeley cycle's spread, and how many messages were lost and why.
//
// Incremental: `MetricsIndex` is fed each event once as the run grows (the core's outcome
// derivation is itself a trace sink). The counts keep a copy every CHECKPOINT_EVERY events,
// so the metrics at an earlier moment are a checkpoint plus at most that many events.

import {
  bump,
  type CristianSyncOutcome,
  type CycleOutcome,
  deriveOutcome,
  type ElectionOutcome,
  emptyCounts,
  type AlgorithmSpec,
  OutcomeDeriver,
  type TraceEvent,
  type Violation,
} from '../core/index.ts';

export interface Metrics {
  sentByKind: Record<string, number>;
  dropsByReason: Record<string, number>;
  /** From the core's one outcome derivation, as the rounds panel, run report and CLI read it. */
  elections: ElectionOutcome[];
  syncs: CristianSyncOutcome[];
  cycles: CycleOutcome[];
  violations: Violation[];
  /** Shown at an earlier moment: its true time (an election still running then is marked so); null for the present. */
  cutAt: number | null;
}

export function buildMetrics(events: readonly TraceEvent[], algorithm: AlgorithmSpec, nodeCount: number): Metrics {
  const sentByKind = emptyCounts();
  const dropsByReason = emptyCounts();
  for (const e of events) count(sentByKind, dropsByReason, e);
  return { sentByKind, dropsByReason, ...deriveOutcome(events, algorithm, nodeCount), cutAt: null };
}

function count(sent: Record<string, number>, drops: Record<string, number>, e: TraceEvent): void {
  if (e.type === 'send') bump(sent, e.kind);
  else if (e.type === 'drop') bump(drops, e.reason);
}

/** Rows the metrics panel shows per table (the latest), and the rounds of each kind a long run keeps at least. */
export const METRICS_ROWS = 8;

/** Events between copies of the counts. */
const CHECKPOINT_EVERY = 2000;

interface Counts {
  sent: Record<string, number>;
  drops: Record<string, number>;
}

export class MetricsIndex {
  private readonly deriver: OutcomeDeriver;
  private readonly counts: Counts = { sent: emptyCounts(), drops: emptyCounts() };
  /** checkpoints[k]: the counts after the first k × CHECKPOINT_EVERY events (undefined once forgotten). */
  private readonly checkpoints: (Counts | undefined)[] = [{ sent: emptyCounts(), drops: emptyCounts() }];
  private fed = 0;
  private first = 0;

  constructor(algorithm: AlgorithmSpec, nodeCount: number) {
    this.deriver = new OutcomeDeriver(algorithm, nodeCount);
  }

  push(e: TraceEvent): void {
    count(this.counts.sent, this.counts.drops, e);
    this.deriver.push(e);
    this.fed++;
    if (this.fed % CHECKPOINT_EVERY === 0)
      this.checkpoints[this.fed / CHECKPOINT_EVERY] = { sent: { ...this.counts.sent }, drops: { ...this.counts.drops } };
  }

  /**
   * The trace keeps only the events from `start` on (the first at true time t): the counts
   * before them go (totals stay exact), and so do the rounds that ended before t, all but the
   * latest METRICS_ROWS of each kind (what the panel shows at the earliest moment kept).
   */
  forget(start: number, t = 0): void {
    const first = Math.min(Math.ceil(start / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    for (let k = this.first; k < first; k++) this.checkpoints[k] = undefined;
    this.first = Math.max(this.first, first);
    this.deriver.forget(t, METRICS_ROWS);
  }

  /** The metrics of everything fed so far. */
  metrics(): Metrics {
    return { sentByKind: { ...this.counts.sent }, dropsByReason: { ...this.counts.drops }, ...this.deriver.outcome(), cutAt: null };
  }

  /**
   * The metrics after the first `index` events of `trace` (the trace this index was fed; its
   * event i is `trace[i - start]`), at true time t: exact counts (a checkpoint plus the events
   * after it); the elections, cycles, syncs and violations that had begun by t.
   */
  metricsAt(trace: readonly TraceEvent[], index: number, t: number, start = 0): Metrics {
    const end = Math.max(this.first * CHECKPOINT_EVERY, Math.min(index, this.fed));
    const k = Math.max(this.first, Math.min(Math.floor(end / CHECKPOINT_EVERY), this.checkpoints.length - 1));
    const base = this.checkpoints[k] as Counts;
    const sent = { ...base.sent };
    const drops = { ...base.drops };
    for (let i = k * CHECKPOINT_EVERY; i < end; i++) {
      const e = trace[i - start];
      if (e) count(sent, drops, e);
    }
    const all = this.deriver.outcome();
    return {
      sentByKind: sent,
      dropsByReason: drops,
      elections: all.elections.filter((e) => e.startMs <= t),
      syncs: all.syncs.filter((s) => s.t <= t),
      cycles: all.cycles.filter((c) => c.t <= t),
      violations: all.violations.filter((v) => v.t <= t),
      cutAt: t,
    };
  }
}
