// The numbers the metrics panel shows, next to what theory predicts: messages by kind, each
// election with its count against ARCHITECTURE.md §4's formula, each Cristian sync's true error
// against its bound, each Berkeley cycle's spread, and how many messages were lost and why.

import {
  bump,
  type CristianSyncOutcome,
  type CycleOutcome,
  deriveOutcome,
  type ElectionOutcome,
  emptyCounts,
  type AlgorithmSpec,
  type TraceEvent,
  type Violation,
} from '../../core/index.ts';

export interface Metrics {
  sentByKind: Record<string, number>;
  dropsByReason: Record<string, number>;
  /** From the core's one outcome derivation, as the rounds panel, run report and CLI read it. */
  elections: ElectionOutcome[];
  syncs: CristianSyncOutcome[];
  cycles: CycleOutcome[];
  violations: Violation[];
}

export function buildMetrics(events: readonly TraceEvent[], algorithm: AlgorithmSpec, nodeCount: number): Metrics {
  const sentByKind = emptyCounts();
  const dropsByReason = emptyCounts();
  for (const e of events) {
    if (e.type === 'send') bump(sentByKind, e.kind);
    if (e.type === 'drop') bump(dropsByReason, e.reason);
  }
  return { sentByKind, dropsByReason, ...deriveOutcome(events, algorithm, nodeCount) };
}
