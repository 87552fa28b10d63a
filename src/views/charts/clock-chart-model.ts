// What the clock chart draws, derived from the trace: every node's offset from true time
// over time, the syncs (Cristian) and adjustments (Berkeley) as marks, Cristian's error
// bound (with drift, algorithms/cristian/bound.ts) around the server's clock after each sync, and Berkeley's cycles as
// shaded spans.

import { ClockReplay, cristianSyncOutcome, type NodeId, type OffsetPoint, offsetSeries, type TraceEvent, type TrueTime } from '../../core/index.ts';

export interface SyncMark {
  node: NodeId;
  t: number;
  /** Offset just after the sync. */
  offsetMs: number;
  /** Cristian: the bound, centred on the server's offset at that moment. */
  bound: { low: number; high: number } | null;
  /** Until the node's next sync (or the end): how long the band of this bound is drawn. */
  until: number;
}

export interface CycleSpan {
  cycle: number;
  from: number;
  to: number;
}

export interface ClockChartModel {
  series: Map<NodeId, OffsetPoint[]>;
  marks: SyncMark[];
  cycles: CycleSpan[];
  /** The time server or Berkeley master, drawn emphasised. */
  reference: NodeId | null;
  extent: { t0: number; t1: number; low: number; high: number };
}

export function buildClockChart(events: readonly TraceEvent[], now: number, reference: NodeId | null, points = 400): ClockChartModel {
  const step = Math.max(20, now / points);
  const series = offsetSeries(events, now, step);
  const replay = new ClockReplay();
  const marks: SyncMark[] = [];
  const cycles: CycleSpan[] = [];
  const cycleStart = new Map<number, number>();
  for (const e of events) {
    if (e.t > now) break;
    replay.apply(e);
    if (e.type === 'send' && e.kind === 'POLL') {
      const cycle = (e.msg as { cycle?: unknown }).cycle;
      if (typeof cycle === 'number' && !cycleStart.has(cycle)) cycleStart.set(cycle, e.t);
    }
    if (e.type !== 'note' || !e.data) continue;
    if (e.topic === 'berkeley-cycle') {
      const cycle = Number(e.data['cycle']);
      cycles.push({ cycle, from: cycleStart.get(cycle) ?? e.t, to: e.t });
    }
    if (e.topic === 'cristian-sync' || e.topic === 'berkeley-adjust') {
      const offsetMs = e.local - e.t;
      let bound: SyncMark['bound'] = null;
      if (e.topic === 'cristian-sync') {
        // The same bound the rounds panel, metrics and checker use (Cristian's, with drift).
        const sync = cristianSyncOutcome(e, (n) => replay.clock(n));
        const server = replay.read(Number(e.data['server']), e.t as TrueTime);
        if (server !== null && sync) bound = { low: server - e.t - sync.boundMs, high: server - e.t + sync.boundMs };
      }
      marks.push({ node: e.node, t: e.t, offsetMs, bound, until: now });
    }
  }
  const lastOf = new Map<NodeId, SyncMark>();
  for (const m of marks) {
    const previous = lastOf.get(m.node);
    if (previous) previous.until = m.t;
    lastOf.set(m.node, m);
  }
  let low = Infinity;
  let high = -Infinity;
  for (const points of series.values()) {
    for (const p of points) {
      low = Math.min(low, p.offsetMs);
      high = Math.max(high, p.offsetMs);
    }
  }
  for (const m of marks) {
    if (m.bound) {
      low = Math.min(low, m.bound.low);
      high = Math.max(high, m.bound.high);
    }
  }
  if (!Number.isFinite(low)) [low, high] = [-1, 1];
  if (high - low < 2) [low, high] = [low - 1, high + 1];
  return { series, marks, cycles, reference, extent: { t0: 0, t1: Math.max(now, 1), low, high } };
}
