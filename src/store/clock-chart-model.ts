// What the clock chart draws, derived from the trace: every node's offset from true time
// over time, the syncs and adjustments as marks with the error bound each algorithm's
// definition gives (`clockMarks`: Cristian's with drift, NTP's δ/2 plus drift) around the
// followed clock after each sync, and Berkeley's cycles as shaded spans.
//
// Incremental: `ClockIndex` is fed each event once, as the run grows, and keeps per node only
// the clock changes (a clock's offset is linear in true time between them), the marks and
// the cycles. A chart of any window is then ~`points` clock reads per node plus the marks in
// the window (binary searches), whatever the length of the run.

import {
  algorithms,
  ClockReplay,
  type ClockState,
  clockChange,
  type NodeId,
  readClock,
  type TraceEvent,
  type TrueTime,
} from '../core/index.ts';

export interface OffsetPoint {
  t: number;
  offsetMs: number;
}

export interface SyncMark {
  node: NodeId;
  t: number;
  /** Offset just after the sync. */
  offsetMs: number;
  /** The sync's error bound, centred on the followed clock's offset at that moment (Cristian, NTP). */
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
  /** Marks or cycles in the window left out to keep the drawing small (a very long window). */
  thinned: boolean;
}

/** More marks (or cycles) than this in a window and every k-th is drawn: the chart's DOM stays bounded. */
export const MAX_MARKS = 240;

/** One node's clock as it changed: change k sets `clocks[k]` at true time `times[k]`. */
interface ClockLog {
  times: number[];
  clocks: ClockState[];
}

/** Index of the first element of `xs` greater than x (xs ascending). */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface StoredMark {
  node: NodeId;
  t: number;
  offsetMs: number;
  bound: { low: number; high: number } | null;
}

export class ClockIndex {
  private readonly replay = new ClockReplay();
  private readonly logs = new Map<NodeId, ClockLog>();
  private readonly marks: StoredMark[] = [];
  private readonly markTimes: number[] = [];
  /** Each node's marks' positions in `marks`, for "until its next sync". */
  private readonly marksOf = new Map<NodeId, number[]>();
  private readonly cycles: CycleSpan[] = [];
  private readonly cycleEnds: number[] = [];
  private readonly cycleStart = new Map<number, number>();
  /** Every registered algorithm's reader of syncs (each sees only its own notes). */
  private readonly markers = algorithms.flatMap((a) => (a.clockMarks ? [a.clockMarks()] : []));

  push(e: TraceEvent): void {
    const change = clockChange(e, (n) => this.replay.clock(n));
    this.replay.apply(e);
    if (change) {
      let log = this.logs.get(change.node);
      if (!log) this.logs.set(change.node, (log = { times: [], clocks: [] }));
      log.times.push(e.t);
      log.clocks.push(change.clock);
    }
    if (e.type === 'send' && e.kind === 'POLL') {
      const cycle = (e.msg as { cycle?: unknown }).cycle;
      if (typeof cycle === 'number' && !this.cycleStart.has(cycle)) this.cycleStart.set(cycle, e.t);
    }
    for (const marker of this.markers) {
      const mark = marker.mark(e, (n) => this.replay.clock(n));
      if (!mark) continue;
      // The band is centred on the followed clock's offset at that moment (the same bound the rounds panel, metrics and checker use).
      let bound: StoredMark['bound'] = null;
      const around = mark.band ? this.replay.read(mark.band.around, e.t as TrueTime) : null;
      if (mark.band && around !== null) bound = { low: around - e.t - mark.band.halfWidthMs, high: around - e.t + mark.band.halfWidthMs };
      const own = this.marksOf.get(mark.node) ?? [];
      own.push(this.marks.length);
      this.marksOf.set(mark.node, own);
      this.marks.push({ node: mark.node, t: e.t, offsetMs: ('local' in e ? e.local : e.t) - e.t, bound });
      this.markTimes.push(e.t);
    }
    if (e.type !== 'note' || !e.data) return;
    if (e.topic === 'berkeley-cycle') {
      const cycle = Number(e.data['cycle']);
      this.cycles.push({ cycle, from: this.cycleStart.get(cycle) ?? e.t, to: e.t });
      this.cycleEnds.push(e.t);
      this.cycleStart.delete(cycle);
    }
  }

  /**
   * Drops what lies wholly before true time t (a long run keeps only its recent events): each
   * node keeps its last clock change before t, so its offset from t on is still known.
   */
  forget(t: number): void {
    for (const log of this.logs.values()) {
      const k = upperBound(log.times, t) - 1;
      if (k > 0) {
        log.times.splice(0, k);
        log.clocks.splice(0, k);
      }
    }
    const m = upperBound(this.markTimes, t - 1e-9);
    if (m > 0) {
      this.marks.splice(0, m);
      this.markTimes.splice(0, m);
      this.marksOf.clear();
      this.marks.forEach((mark, i) => {
        const own = this.marksOf.get(mark.node);
        if (own) own.push(i);
        else this.marksOf.set(mark.node, [i]);
      });
    }
    const c = upperBound(this.cycleEnds, t - 1e-9);
    if (c > 0) {
      this.cycles.splice(0, c);
      this.cycleEnds.splice(0, c);
    }
  }

  /** How many clock changes, marks and cycles are kept (the index's size). */
  get size(): number {
    let n = this.marks.length + this.cycles.length;
    for (const log of this.logs.values()) n += log.times.length;
    return n;
  }

  /**
   * The chart of the window [x0, x1] of a run seen up to true time `cut` (the present, or
   * the moment a scrubbed page shows): nothing after `cut` is drawn.
   */
  model(x0: number, x1: number, cut: number, reference: NodeId | null, points = 400): ClockChartModel {
    const end = Math.min(x1, cut);
    const step = Math.max(20, (x1 - x0) / points);
    const series = new Map<NodeId, OffsetPoint[]>();
    for (const [id, log] of this.logs) series.set(id, sampleLog(log, x0, end, step));

    const from = upperBound(this.markTimes, x0 - 1e-9);
    const to = upperBound(this.markTimes, end);
    const markStride = Math.max(1, Math.ceil((to - from) / MAX_MARKS));
    const marks: SyncMark[] = [];
    for (let i = from; i < to; i += markStride) {
      const m = this.marks[i] as StoredMark;
      const own = this.marksOf.get(m.node) ?? [];
      const next = own[upperBound(own, i)];
      const nextT = next === undefined ? Infinity : (this.marks[next] as StoredMark).t;
      marks.push({ ...m, until: Math.min(nextT > end ? end : nextT, end) });
    }

    // Cycles that end inside the window (a cycle takes well under a second).
    const c0 = upperBound(this.cycleEnds, x0 - 1e-9);
    const c1 = upperBound(this.cycleEnds, end);
    const cycleStride = Math.max(1, Math.ceil((c1 - c0) / MAX_MARKS));
    const cycles: CycleSpan[] = [];
    for (let i = c0; i < c1; i += cycleStride) cycles.push(this.cycles[i] as CycleSpan);

    let low = Infinity;
    let high = -Infinity;
    for (const pts of series.values()) {
      for (const p of pts) {
        if (p.offsetMs < low) low = p.offsetMs;
        if (p.offsetMs > high) high = p.offsetMs;
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
    return {
      series,
      marks,
      cycles,
      reference,
      extent: { t0: x0, t1: Math.max(x1, x0 + 1), low, high },
      thinned: markStride > 1 || cycleStride > 1,
    };
  }
}

/**
 * A node's offset sampled every `step` ms over [x0, end], plus both sides of every change
 * inside it (a step is a vertical jump). Before the node's first change it has no clock.
 */
function sampleLog(log: ClockLog, x0: number, end: number, step: number): OffsetPoint[] {
  const out: OffsetPoint[] = [];
  const first = log.times[0];
  if (first === undefined || end < first) return out;
  // More changes in the window than samples: the samples alone draw it (a bounded drawing).
  const everyChange = upperBound(log.times, end) - upperBound(log.times, x0) <= (end - x0) / step;
  const offsetAt = (k: number, t: number): number => readClock(log.clocks[k] as ClockState, t as TrueTime) - t;
  // Samples on a grid anchored at 0, so a window that moves on keeps its points where they were.
  let s = Math.max(first, Math.ceil(x0 / step) * step);
  let k = Math.max(0, upperBound(log.times, x0) - 1);
  if ((log.times[k] as number) < x0 && x0 >= first) out.push({ t: x0, offsetMs: offsetAt(k, x0) });
  while (true) {
    const change = log.times[k + 1];
    const nextChange = change === undefined || change > end ? Infinity : change;
    if (s <= end && s < nextChange) {
      if ((log.times[k] as number) <= s) out.push({ t: s, offsetMs: offsetAt(k, s) });
      s += step;
      continue;
    }
    if (nextChange === Infinity) break;
    // The change itself: the clock just before it, then just after.
    if (everyChange) out.push({ t: nextChange, offsetMs: offsetAt(k, nextChange) });
    k++;
    if (everyChange) out.push({ t: nextChange, offsetMs: offsetAt(k, nextChange) });
  }
  const last = out[out.length - 1];
  if (last && last.t < end) out.push({ t: end, offsetMs: offsetAt(k, end) });
  return out;
}

/** The chart of a whole trace up to `now` (tests, exports): an index fed every event. */
export function buildClockChart(events: readonly TraceEvent[], now: number, reference: NodeId | null, points = 400): ClockChartModel {
  const index = new ClockIndex();
  for (const e of events) {
    if (e.t > now) break;
    index.push(e);
  }
  return index.model(0, Math.max(now, 1), now, reference, points);
}
