// The numbers the metrics panel shows, next to what theory predicts: messages by kind, each
// election with its count against DESIGN.md §4's formula, each Cristian sync's true error
// against its bound, each Berkeley cycle's spread, and how many messages were lost and why.

import {
  algorithmFor,
  bump,
  emptyCounts,
  type AlgorithmSpec,
  ClockReplay,
  cristianSyncError,
  electionEpisodes,
  type NodeId,
  type TraceEvent,
  type TrueTime,
} from '../../core/index.ts';

export interface ElectionRow {
  index: number;
  initiator: NodeId | null;
  winners: NodeId[];
  durationMs: number;
  sent: Record<string, number>;
  total: number;
  /** Predicted count for the textbook case this episode matches, or null. */
  predicted: number | null;
  predictedByKind: Record<string, number> | null;
}

export interface SyncRow {
  node: NodeId;
  t: number;
  rttMs: number;
  boundMs: number;
  /** What the clocks' drift over the round trip may add to the bound. */
  driftAllowanceMs: number;
  /** The new clock against the server's clock at that moment (true error vs the server). */
  errorVsServerMs: number;
  /** The new clock against true time. */
  errorVsTrueMs: number;
  within: boolean;
}

export interface CycleRow {
  cycle: number;
  t: number;
  averageMs: number;
  ignored: number;
  /** As the master estimated it from its readings. */
  spreadBeforeMs: number;
  /**
   * The true spread of the nodes that replied, just before the next cycle polls (or at the
   * end of the trace): what the cycle achieved, drift since included. Null while unknown.
   */
  spreadAfterMs: number | null;
  nodes: NodeId[];
}

export interface Metrics {
  sentByKind: Record<string, number>;
  dropsByReason: Record<string, number>;
  elections: ElectionRow[];
  syncs: SyncRow[];
  cycles: CycleRow[];
}

export function buildMetrics(events: readonly TraceEvent[], algorithm: AlgorithmSpec, nodeCount: number): Metrics {
  const sentByKind = emptyCounts();
  const dropsByReason = emptyCounts();
  const syncs: SyncRow[] = [];
  const cycles: CycleRow[] = [];
  const replay = new ClockReplay();
  const spreadOf = (nodes: readonly NodeId[], t: number): number | null => {
    const readings = nodes.map((n) => replay.read(n, t as TrueTime)).filter((r): r is NonNullable<typeof r> => r !== null);
    return readings.length < 2 ? null : Math.max(...readings) - Math.min(...readings);
  };
  /** The last cycle whose "after" is still to be measured (at the next poll). */
  let open: CycleRow | null = null;
  for (const e of events) {
    if (open && e.type === 'send' && e.kind === 'POLL') {
      open.spreadAfterMs = spreadOf(open.nodes, e.t);
      open = null;
    }
    replay.apply(e);
    if (e.type === 'send') bump(sentByKind, e.kind);
    if (e.type === 'drop') bump(dropsByReason, e.reason);
    if (e.type !== 'note' || !e.data) continue;
    const sync = cristianSyncError(replay, e);
    if (sync) {
      syncs.push({
        node: e.node,
        t: e.t,
        rttMs: Number(e.data['rtt']),
        boundMs: sync.boundMs,
        driftAllowanceMs: sync.slackMs,
        errorVsServerMs: sync.errorMs,
        errorVsTrueMs: Number(e.data['after']) - e.t,
        within: Math.abs(sync.errorMs) <= sync.boundMs + sync.slackMs,
      });
    }
    if (e.topic === 'berkeley-cycle') {
      const readings = Array.isArray(e.data['readings']) ? (e.data['readings'] as { node?: unknown; ignored?: unknown }[]) : [];
      open = {
        cycle: Number(e.data['cycle']),
        t: e.t,
        averageMs: Number(e.data['averageMs']),
        ignored: readings.filter((r) => r?.ignored === true).length,
        spreadBeforeMs: Number(e.data['spreadBeforeMs']),
        spreadAfterMs: null,
        nodes: readings.map((r) => Number(r?.node)).filter(Number.isFinite),
      };
      cycles.push(open);
    }
  }
  const end = events.at(-1)?.t;
  if (open && end !== undefined && end > open.t) open.spreadAfterMs = spreadOf(open.nodes, end);
  const definition = algorithmFor(algorithm.id);
  const elections = electionEpisodes(events).map((ep): ElectionRow => {
    const initiator = ep.initiators[0] ?? null;
    const predictedByKind = definition.predictedCost(ep, algorithm.settings, nodeCount);
    const counted = (kinds: Record<string, number>): number =>
      Object.entries(kinds).reduce((s, [k, n]) => s + (definition.uncountedKinds.includes(k) ? 0 : n), 0);
    return {
      index: ep.index,
      initiator,
      winners: ep.winners,
      durationMs: ep.end - ep.start,
      sent: ep.sent,
      total: counted(ep.sent),
      predicted: predictedByKind ? counted(predictedByKind) : null,
      predictedByKind,
    };
  });
  return { sentByKind, dropsByReason, elections, syncs, cycles };
}
