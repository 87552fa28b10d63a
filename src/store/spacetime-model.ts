// The space-time (Lamport) diagram as data, derived from the trace alone: one lane per
// node, a dot per event, an arrow per message from its send to its delivery (or to where it
// was dropped), gaps while a node is down, and bands while it leads. Positions are in true
// time, or in the node's local time when asked, so students see skew bend the diagram.

import type { NodeId, TraceEvent } from '../core/index.ts';

export type TimeAxis = 'true' | 'local';

export interface DiagramArrow {
  msgId: number;
  kind: string;
  from: NodeId;
  to: NodeId;
  /** Send and arrival, on the chosen axis (arrival is the scheduled one until it happens). */
  sendX: number;
  arriveX: number;
  sendT: number;
  arriveT: number;
  /** delivered, dropped (with why), or still in flight at the end of the trace. */
  outcome: 'delivered' | 'dropped' | 'in-flight';
  reason: string | null;
  payload: unknown;
  /** Where its send and its (first) delivery are in the trace (−1 until delivered): causal highlights follow them. */
  sendIndex: number;
  arriveIndex: number;
}

export interface DiagramDot {
  node: NodeId;
  x: number;
  t: number;
  type: TraceEvent['type'];
  seq: number;
  /** Where the event is in the trace. */
  index: number;
}

export interface Interval {
  node: NodeId;
  from: number;
  to: number;
  label: string;
}

export interface SpaceTimeModel {
  lanes: NodeId[];
  arrows: DiagramArrow[];
  dots: DiagramDot[];
  /** While each node was down (crash to recovery). */
  gaps: Interval[];
  /** While each node led (coordinator, master or time server). */
  bands: Interval[];
  /** The longest flight, to widen a window search for arrows that cross it. */
  maxFlight: number;
  end: number;
}

const LEADING = new Set(['coordinator', 'master', 'server']);

/**
 * Builds the model incrementally: the trace only grows, so each frame feeds just the new
 * events (a live run of 100,000 events must not be re-read every frame).
 */
export class SpaceTimeBuilder {
  readonly axis: TimeAxis;
  private consumed = 0;
  private first: TraceEvent | undefined;
  private readonly byMsg = new Map<number, DiagramArrow>();
  private readonly downSince = new Map<NodeId, number>();
  private readonly leadSince = new Map<NodeId, { x: number; label: string }>();
  private readonly lanes: NodeId[] = [];
  private readonly arrows: DiagramArrow[] = [];
  private readonly dots: DiagramDot[] = [];
  private readonly gaps: Interval[] = [];
  private readonly bands: Interval[] = [];
  /** Delivery times in trace order (so ascending): how many arrows had arrived by t is a binary search. */
  private readonly deliveries: number[] = [];
  /** Deliveries forgotten (before the kept window), still counted by deliveredBy. */
  private deliveriesBefore = 0;
  private maxFlight = 0;
  private end = 0;

  /** `start`: the position in the trace of the first event it will be fed (a builder made late, over kept events). */
  constructor(axis: TimeAxis = 'true', start = 0) {
    this.axis = axis;
    this.consumed = start;
  }

  /** True if `events` continues what this builder has read (same run, grown or equal). */
  continues(events: readonly TraceEvent[], length = events.length): boolean {
    return length >= this.consumed && (this.consumed === 0 || events[0] === this.first);
  }

  /** Reads events up to `length` (the whole array by default). */
  update(events: readonly TraceEvent[], length = events.length): void {
    if (!this.continues(events, length)) throw new Error('a different trace: make a new builder');
    this.first = events[0];
    for (let i = this.consumed; i < length; i++) this.add(events[i] as TraceEvent, i);
    this.consumed = length;
  }

  /** Reads the next event of the trace (the store feeds each event once, as it comes). */
  push(e: TraceEvent): void {
    if (this.first === undefined) this.first = e;
    this.add(e, this.consumed);
    this.consumed++;
  }

  /** Events read so far. */
  get length(): number {
    return this.consumed;
  }

  /** Messages delivered at or before true time t. */
  deliveredBy(t: number): number {
    const d = this.deliveries;
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((d[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return this.deliveriesBefore + lo;
  }

  /**
   * The trace keeps only its events from `start` (at true time t) on: drops the dots before
   * them, the arrows that ended before t, the gaps and bands that closed before t. What is
   * still open (a message in flight, a node down, a leader) stays.
   */
  forget(start: number, t: number): void {
    const dots = lowerBound(this.dots, start, (d) => d.index);
    if (dots > 0) this.dots.splice(0, dots);
    let arrows = 0;
    while (arrows < this.arrows.length) {
      const a = this.arrows[arrows] as DiagramArrow;
      if (a.outcome === 'in-flight' || a.arriveT >= t || a.sendT >= t) break;
      arrows++;
    }
    if (arrows > 0) this.arrows.splice(0, arrows);
    const delivered = lowerBound(this.deliveries, t, (x) => x);
    if (delivered > 0) {
      this.deliveries.splice(0, delivered);
      this.deliveriesBefore += delivered;
    }
    const open = (i: Interval): boolean => i.to >= t;
    if (!this.gaps.every(open)) this.gaps.splice(0, this.gaps.length, ...this.gaps.filter(open));
    if (!this.bands.every(open)) this.bands.splice(0, this.bands.length, ...this.bands.filter(open));
  }

  private xOf(e: TraceEvent): number {
    return this.axis === 'local' && 'local' in e ? e.local : e.t;
  }

  private add(e: TraceEvent, index: number): void {
    this.end = Math.max(this.end, e.t);
    switch (e.type) {
      case 'node':
        this.lanes.push(e.node);
        this.lanes.sort((a, b) => a - b);
        return;
      case 'send': {
        const x = this.xOf(e);
        // On the local axis an arrival's position is known only once delivered; until then it
        // is the send's local time plus the flight.
        const arrow: DiagramArrow = {
          msgId: e.msgId,
          kind: e.kind,
          from: e.node,
          to: e.to,
          sendX: x,
          arriveX: x + (e.arrive - e.t),
          sendT: e.t,
          arriveT: e.arrive,
          outcome: 'in-flight',
          reason: null,
          payload: e.msg,
          sendIndex: index,
          arriveIndex: -1,
        };
        this.maxFlight = Math.max(this.maxFlight, e.arrive - e.t);
        this.arrows.push(arrow);
        this.byMsg.set(e.msgId, arrow);
        break;
      }
      case 'deliver':
      case 'drop': {
        const arrow = this.byMsg.get(e.msgId);
        if (arrow && arrow.outcome === 'in-flight') {
          arrow.outcome = e.type === 'deliver' ? 'delivered' : 'dropped';
          arrow.reason = e.type === 'drop' ? e.reason : null;
          arrow.arriveT = e.t;
          arrow.arriveX = e.type === 'deliver' ? this.xOf(e) : arrow.sendX + (e.t - arrow.sendT);
          this.byMsg.delete(e.msgId);
          if (e.type === 'deliver') {
            this.deliveries.push(e.t);
            arrow.arriveIndex = index;
          }
        }
        if (e.type === 'drop') return;
        break;
      }
      case 'crash': {
        this.downSince.set(e.node, this.xOf(e));
        const lead = this.leadSince.get(e.node);
        if (lead) this.bands.push({ node: e.node, from: lead.x, to: this.xOf(e), label: lead.label });
        this.leadSince.delete(e.node);
        break;
      }
      case 'boot': {
        const since = this.downSince.get(e.node);
        if (since !== undefined) this.gaps.push({ node: e.node, from: since, to: this.xOf(e), label: 'down' });
        this.downSince.delete(e.node);
        break;
      }
      case 'role': {
        const lead = this.leadSince.get(e.node);
        if (LEADING.has(e.role)) {
          if (!lead) this.leadSince.set(e.node, { x: this.xOf(e), label: e.role });
        } else if (lead) {
          this.bands.push({ node: e.node, from: lead.x, to: this.xOf(e), label: lead.label });
          this.leadSince.delete(e.node);
        }
        break;
      }
      case 'duplicate':
      case 'action':
      case 'fault':
        return;
      default:
        break;
    }
    if ('node' in e && 'local' in e) this.dots.push({ node: e.node, x: this.xOf(e), t: e.t, type: e.type, seq: e.seq, index });
  }

  /** The model so far; open gaps and bands run to Infinity. Arrays are shared, not copied. */
  model(): SpaceTimeModel {
    const gaps = [...this.gaps];
    for (const [node, since] of this.downSince) gaps.push({ node, from: since, to: Infinity, label: 'down' });
    const bands = [...this.bands];
    for (const [node, lead] of this.leadSince) bands.push({ node, from: lead.x, to: Infinity, label: lead.label });
    return { lanes: this.lanes, arrows: this.arrows, dots: this.dots, gaps, bands, maxFlight: this.maxFlight, end: this.end };
  }
}

export function buildSpaceTime(events: readonly TraceEvent[], axis: TimeAxis = 'true'): SpaceTimeModel {
  const builder = new SpaceTimeBuilder(axis);
  builder.update(events);
  return builder.model();
}

/** Index of the first element whose key is ≥ x, in an array sorted by key. */
export function lowerBound<T>(items: readonly T[], x: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Arrows that cross the window [x0, x1]: a binary search, not a scan of the whole run. */
export function arrowsIn(model: SpaceTimeModel, x0: number, x1: number): DiagramArrow[] {
  const out: DiagramArrow[] = [];
  // On the true axis arrows are sorted by send; on the local axis almost so (skew), hence the margin.
  const start = lowerBound(model.arrows, x0 - model.maxFlight - 1, (a) => a.sendX);
  for (let i = start; i < model.arrows.length; i++) {
    const a = model.arrows[i] as DiagramArrow;
    if (a.sendX > x1 + model.maxFlight) break;
    if (Math.max(a.sendX, a.arriveX) >= x0 && Math.min(a.sendX, a.arriveX) <= x1) out.push(a);
  }
  return out;
}

/** The arrow nearest a point (px), within `tolerance` px, given the window's mapping. */
export function nearestArrow(
  arrows: readonly DiagramArrow[],
  px: number,
  py: number,
  xToPx: (x: number) => number,
  laneToPx: (node: NodeId) => number,
  tolerance = 6,
): DiagramArrow | null {
  let best: DiagramArrow | null = null;
  let bestD = tolerance;
  for (const a of arrows) {
    const x1 = xToPx(a.sendX);
    const y1 = laneToPx(a.from);
    const x2 = xToPx(a.arriveX);
    const y2 = laneToPx(a.to);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy || 1;
    const u = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
    const d = Math.hypot(px - (x1 + u * dx), py - (y1 + u * dy));
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}
