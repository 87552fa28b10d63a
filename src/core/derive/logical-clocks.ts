// Lamport and vector clocks as an observer derives them from the trace, for any algorithm,
// an imported trace or a relay run alike: no machine changes. Every event drawn on a node's
// lane (causalNode: send, deliver, timer, adjust, role, note, crash, boot) ticks that node's
// clocks; a delivery first merges what its message carried when sent (Lamport: the max;
// vectors: entry-wise max). A recovered process continues its lane's clocks: the observer
// knows its whole history (a real process would need stable storage for that). These are the
// lab's clocks, not an algorithm's own (Ricart–Agrawala's `ts` counts only its requests).
//
// The fold is incremental (each event once, as frames arrive) and keeps per event only three
// integers (Lamport value, lane, ordinal on the lane), so the per-event cost does not grow
// with the run. Vector clocks are kept per node (n entries; a delivery merges n) and for the
// last RECENT events; any older event's vector, and the causal past and future of a chosen
// event, are computed on demand by walking the message edges (each at most once), since an
// event's vector entry for node j is the number of j's events in its causal past.

import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';
import { causalNode } from './vector-clocks.ts';

/** How an event stands to a chosen one: itself, before it (happened-before), after it, or neither. */
export type CausalRelation = 'self' | 'past' | 'future' | 'concurrent';

/** Vectors of this many latest events are kept as folded; older ones are computed when asked for. */
export const RECENT = 512;

/** A growable list of 32-bit integers (a plain array of numbers costs several times the memory). */
class IntList {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i] as number;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** Drops the first k entries. */
  shift(k: number): void {
    if (k <= 0) return;
    const n = Math.max(0, this.length - k);
    const next = new Int32Array(Math.max(64, n * 2));
    next.set(this.data.subarray(Math.min(k, this.length), this.length));
    this.data = next;
    this.length = n;
  }
}

interface Lane {
  id: NodeId;
  /** Trace indices of its kept events, in order: ordinal k (1-based) is events[k − 1 − dropped]. */
  events: IntList;
  /** Its events forgotten with the run's prefix, and the Lamport time of the last of them. */
  dropped: number;
  droppedLamport: number;
  /** Ordinals of its deliveries, ascending (the edges a walk into the past follows). */
  receives: IntList;
  /** Ordinals of its sends, ascending (the edges a walk into the future follows). */
  sends: IntList;
  lamport: number;
  vector: Int32Array;
}

interface Carried {
  send: number;
  lamport: number;
  vector: Int32Array;
  /** Copies not yet delivered or dropped (a duplicate is a second copy). */
  copies: number;
}

/** The causal past and future of one event, as per-lane bounds: a verdict on any event is O(1). */
export interface Causality {
  index: number;
  /** Per lane: the highest ordinal in the event's causal past (itself included): its vector clock. */
  past: Int32Array;
  /** Per lane: the lowest ordinal in its causal future (itself included); 0 where none (yet). */
  future: Int32Array;
}

const NONE = -1;

export class LogicalClocks {
  private readonly lanes: Lane[] = [];
  private readonly laneOf = new Map<NodeId, number>();
  /** Per trace index: Lamport value (0: not a lane event), lane (−1: none) and ordinal on the lane. */
  private readonly lamport = new IntList(1024);
  private readonly lane = new IntList(1024);
  private readonly ordinal = new IntList(1024);
  /** Per trace index: a delivery's send, a send's first delivery (−1: none yet). Later copies' deliveries are in `more`. */
  private readonly partner = new IntList(1024);
  private readonly more = new Map<number, number[]>();
  private readonly carried = new Map<number, Carried>();
  /** Carried vectors of messages gone, reused for the next sends (one allocation per send costs more than the rest of the fold). */
  private readonly spare: Int32Array[] = [];
  /** The vectors of the last RECENT lane events, by trace index modulo RECENT. */
  private recent: Int32Array;
  private readonly recentIndex = new Int32Array(RECENT).fill(NONE);
  /** Seq of each event, kept only once a trace's seqs stop being their indices (an imported trace). */
  private seqs: number[] | null = null;
  private readonly computed = new Map<number, Int32Array>();
  private fed = 0;
  /** The first event still held (a long run forgets its prefix, as the page's trace does). */
  private base = 0;

  constructor(nodes: readonly NodeId[] = []) {
    for (const id of nodes) this.addLane(id);
    this.recent = new Int32Array(RECENT * Math.max(1, this.lanes.length));
  }

  /** Events fed so far. */
  get length(): number {
    return this.fed;
  }

  /** The nodes in vector order (the scenario's, then any met later). */
  nodes(): NodeId[] {
    return this.lanes.map((l) => l.id);
  }

  private addLane(id: NodeId): number {
    const i = this.lanes.length;
    this.lanes.push({
      id,
      events: new IntList(),
      dropped: 0,
      droppedLamport: 0,
      receives: new IntList(),
      sends: new IntList(),
      lamport: 0,
      vector: new Int32Array(i + 1),
    });
    this.laneOf.set(id, i);
    for (const l of this.lanes) if (l.vector.length <= i) l.vector = grown(l.vector, i + 1);
    for (const c of this.carried.values()) c.vector = grown(c.vector, i + 1);
    // The recent vectors are laid out n to an event: a new lane starts them afresh (computed on demand meanwhile).
    if (this.recent) {
      this.recent = new Int32Array(RECENT * this.lanes.length);
      this.recentIndex.fill(NONE);
    }
    return i;
  }

  push(e: TraceEvent): void {
    const index = this.fed++;
    if (this.seqs) this.seqs.push(e.seq);
    else if (e.seq !== index) {
      this.seqs = Array.from({ length: index - this.base }, (_, i) => i + this.base);
      this.seqs.push(e.seq);
    }
    if (e.type === 'duplicate' || e.type === 'drop') {
      const c = this.carried.get(e.msgId);
      if (c && e.type === 'duplicate') c.copies++;
      else if (c && --c.copies <= 0) this.release(e.msgId, c);
    }
    const node = causalNode(e);
    if (node === null) {
      this.lamport.push(0);
      this.lane.push(NONE);
      this.ordinal.push(0);
      this.partner.push(NONE);
      return;
    }
    const li = this.laneOf.get(node) ?? this.addLane(node);
    const lane = this.lanes[li] as Lane;
    const v = lane.vector;
    let partner = NONE;
    if (e.type === 'deliver') {
      const c = this.carried.get(e.msgId);
      if (c) {
        if (c.lamport > lane.lamport) lane.lamport = c.lamport;
        const w = c.vector;
        for (let k = 0; k < w.length; k++) if ((w[k] as number) > (v[k] as number)) v[k] = w[k] as number;
        partner = c.send;
        if (c.send < this.base) {
          // Its send was forgotten: nothing links back to it.
        } else if (this.partner.get(c.send - this.base) === NONE) this.partner.set(c.send - this.base, index);
        else {
          const list = this.more.get(c.send);
          if (list) list.push(index);
          else this.more.set(c.send, [index]);
        }
        if (--c.copies <= 0) this.release(e.msgId, c);
      }
    }
    lane.lamport++;
    v[li] = (v[li] as number) + 1;
    lane.events.push(index);
    const ordinal = lane.dropped + lane.events.length;
    if (partner !== NONE) lane.receives.push(ordinal);
    if (e.type === 'send') {
      lane.sends.push(ordinal);
      const spare = this.spare.pop();
      const carried = spare && spare.length === v.length ? spare : new Int32Array(v.length);
      carried.set(v);
      this.carried.set(e.msgId, { send: index, lamport: lane.lamport, vector: carried, copies: 1 });
    }
    this.lamport.push(lane.lamport);
    this.lane.push(li);
    this.ordinal.push(ordinal);
    this.partner.push(partner);
    const slot = index % RECENT;
    this.recent.set(v, slot * this.lanes.length);
    this.recentIndex[slot] = index;
  }

  private release(msgId: number, c: Carried): void {
    this.carried.delete(msgId);
    if (this.spare.length < 1024) this.spare.push(c.vector);
  }

  /** The trace index of the event with this seq, or −1 (seqs are indices in a run; an imported trace may differ). */
  indexOfSeq(seq: number): number {
    const seqs = this.seqs;
    if (!seqs) return seq >= this.base && seq < this.fed && Number.isInteger(seq) ? seq : NONE;
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seqs[mid] as number) < seq) lo = mid + 1;
      else hi = mid;
    }
    if (seqs[lo] === seq) return lo + this.base;
    const found = seqs.indexOf(seq);
    return found === NONE ? NONE : found + this.base;
  }

  /** The seq of the event at a trace index. */
  seqAt(index: number): number {
    return this.seqs ? (this.seqs[index - this.base] ?? NONE) : index;
  }

  /** Whether the event at this index is on a lane (so has logical times), and still held. */
  isLaneEvent(index: number): boolean {
    return index >= this.base && index < this.fed && this.lane.get(index - this.base) !== NONE;
  }

  private laneAt(index: number): number {
    return this.lane.get(index - this.base);
  }
  private ordinalAt(index: number): number {
    return this.ordinal.get(index - this.base);
  }
  /** The trace index of a lane's event by ordinal, or −1 when forgotten. */
  private eventOf(lane: Lane, ordinal: number): number {
    return ordinal > lane.dropped ? lane.events.get(ordinal - 1 - lane.dropped) : NONE;
  }

  /**
   * Forgets the events before `start` (the page keeps a window of recent events). Lamport
   * times, node clocks and the causal order among kept events stay exact (a chain between two
   * kept events runs through kept events only); a kept event's vector that would need the
   * forgotten prefix is no longer known (vectorAt gives null) unless it is among the last RECENT.
   */
  forget(start: number): void {
    const k = Math.min(start, this.fed) - this.base;
    if (k <= 0) return;
    for (const lane of this.lanes) {
      let drop = 0;
      while (drop < lane.events.length && lane.events.get(drop) < start) drop++;
      if (drop === 0) continue;
      lane.droppedLamport = this.lamport.get(lane.events.get(drop - 1) - this.base);
      lane.dropped += drop;
      lane.events.shift(drop);
      let r = 0;
      while (r < lane.receives.length && lane.receives.get(r) <= lane.dropped) r++;
      lane.receives.shift(r);
      let sd = 0;
      while (sd < lane.sends.length && lane.sends.get(sd) <= lane.dropped) sd++;
      lane.sends.shift(sd);
    }
    this.lamport.shift(k);
    this.lane.shift(k);
    this.ordinal.shift(k);
    this.partner.shift(k);
    if (this.seqs) this.seqs = this.seqs.slice(k);
    this.base += k;
    for (const key of [...this.more.keys()]) if (key < this.base) this.more.delete(key);
    for (const key of [...this.computed.keys()]) if (key < this.base) this.computed.delete(key);
  }

  /** The node of a lane event, or null. */
  nodeAt(index: number): NodeId | null {
    return this.isLaneEvent(index) ? (this.lanes[this.laneAt(index)] as Lane).id : null;
  }

  /** The Lamport time of the event at this index, or null for an event on no lane. */
  lamportAt(index: number): number | null {
    return this.isLaneEvent(index) ? this.lamport.get(index - this.base) : null;
  }

  /** The index of a node's last event among the first `end` events, or −1. */
  private lastBefore(node: NodeId, end: number): number {
    const lane = this.lanes[this.laneOf.get(node) ?? NONE];
    if (!lane) return NONE;
    const events = lane.events;
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events.get(mid) < end) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? NONE : events.get(lo - 1);
  }

  /** A node's Lamport clock after the first `end` events (all by default): 0 before its first event. */
  lamportOf(node: NodeId, end = this.fed): number {
    const last = this.lastBefore(node, end);
    return last === NONE ? (this.lanes[this.laneOf.get(node) ?? NONE]?.droppedLamport ?? 0) : this.lamport.get(last - this.base);
  }

  /** The vector clock of the event at this index (lanes in `nodes()` order), or null for an event on no lane. */
  vectorAt(index: number): number[] | null {
    if (!this.isLaneEvent(index)) return null;
    const n = this.lanes.length;
    const slot = index % RECENT;
    if (this.recentIndex[slot] === index) return Array.from(this.recent.subarray(slot * n, slot * n + n));
    let v = this.computed.get(index);
    if (!v) {
      const walked = this.walkPast(index);
      if (walked.truncated) return null;
      v = walked.past;
      // A small cache: the log and the labels ask for the same few events frame after frame.
      if (this.computed.size >= 256) this.computed.delete(this.computed.keys().next().value as number);
      this.computed.set(index, v);
    }
    return Array.from(v);
  }

  /** A node's vector clock after the first `end` events (all by default). */
  vectorOf(node: NodeId, end = this.fed): number[] {
    const li = this.laneOf.get(node);
    if (li !== undefined && end >= this.fed) return Array.from((this.lanes[li] as Lane).vector);
    const last = this.lastBefore(node, end);
    if (last === NONE) return new Array<number>(this.lanes.length).fill(0);
    // Null only past a forgotten prefix, where the page cannot scrub to.
    return this.vectorAt(last) ?? new Array<number>(this.lanes.length).fill(0);
  }

  /** The causal past and future of a lane event among the events fed so far, or null. */
  causality(index: number): Causality | null {
    if (!this.isLaneEvent(index)) return null;
    return { index, past: this.walkPast(index).past, future: this.walkFuture(index) };
  }

  /** How the event at `other` stands to the one `c` describes; null for an event on no lane. */
  relation(c: Causality, other: number): CausalRelation | null {
    if (!this.isLaneEvent(other)) return null;
    if (other === c.index) return 'self';
    const li = this.laneAt(other);
    const o = this.ordinalAt(other);
    if (o <= (c.past[li] ?? 0)) return 'past';
    const f = c.future[li] ?? 0;
    if (f !== 0 && o >= f) return 'future';
    return 'concurrent';
  }

  /**
   * Per lane, the highest ordinal that happened before or is the event: a walk back along
   * deliveries, each taken once. `truncated` when the walk would need a forgotten event.
   */
  private walkPast(index: number): { past: Int32Array; truncated: boolean } {
    const n = this.lanes.length;
    const past = new Int32Array(n);
    const done = new Int32Array(n);
    const work: number[] = [];
    let truncated = false;
    past[this.laneAt(index)] = this.ordinalAt(index);
    work.push(this.laneAt(index));
    while (work.length > 0) {
      const li = work.pop() as number;
      const lane = this.lanes[li] as Lane;
      const upto = past[li] as number;
      const from = done[li] as number;
      if (upto <= from) continue;
      done[li] = upto;
      if (from < lane.dropped) truncated = true;
      // Deliveries on this lane with ordinal in (from, upto]: their sends are in the past too.
      const r = lane.receives;
      for (let i = lowerBound(r, from + 1); i < r.length && r.get(i) <= upto; i++) {
        const send = this.partner.get(this.eventOf(lane, r.get(i)) - this.base);
        if (send < this.base) {
          truncated = true;
          continue;
        }
        const sl = this.laneAt(send);
        const so = this.ordinalAt(send);
        if (so > (past[sl] as number)) {
          past[sl] = so;
          work.push(sl);
        }
      }
    }
    return { past, truncated };
  }

  /** Per lane, the lowest ordinal the event happened before (or is): a walk forward along sends, each taken once. */
  private walkFuture(index: number): Int32Array {
    const n = this.lanes.length;
    const future = new Int32Array(n); // 0: nothing in the future on that lane
    const done = new Int32Array(n); // sends from this ordinal on are taken (0: none)
    const work: number[] = [];
    future[this.laneAt(index)] = this.ordinalAt(index);
    work.push(this.laneAt(index));
    const reach = (delivery: number): void => {
      const dl = this.laneAt(delivery);
      const dor = this.ordinalAt(delivery);
      const f = future[dl] as number;
      if (f === 0 || dor < f) {
        future[dl] = dor;
        work.push(dl);
      }
    };
    while (work.length > 0) {
      const li = work.pop() as number;
      const lane = this.lanes[li] as Lane;
      const from = future[li] as number;
      const until = done[li] === 0 ? Infinity : (done[li] as number);
      if (from >= until) continue;
      done[li] = from;
      const s = lane.sends;
      for (let i = lowerBound(s, from); i < s.length && s.get(i) < until; i++) {
        const send = this.eventOf(lane, s.get(i));
        const first = this.partner.get(send - this.base);
        if (first !== NONE) reach(first);
        for (const d of this.more.get(send) ?? []) reach(d);
      }
    }
    return future;
  }
}

function grown(v: Int32Array, length: number): Int32Array {
  const next = new Int32Array(length);
  next.set(v);
  return next;
}

/** The first position in an ascending list whose value is ≥ x. */
function lowerBound(list: IntList, x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.get(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** e happened before f, from their vector clocks: e ≤ f everywhere and e ≠ f. */
export function vectorBefore(e: readonly number[], f: readonly number[]): boolean {
  let strictly = false;
  const n = Math.max(e.length, f.length);
  for (let k = 0; k < n; k++) {
    const x = e[k] ?? 0;
    const y = f[k] ?? 0;
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}

/** Lamport time as the page writes it. */
export const formatLamport = (l: number): string => `L=${l}`;
/** A vector clock as the page writes it, entries in the vector's node order. */
export const formatVector = (v: readonly number[]): string => `V=[${v.join(',')}]`;
