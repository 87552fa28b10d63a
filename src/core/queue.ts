// The event queue, ordered by (time, sequence): the sequence number is the insertion order,
// so two events at the same true time always come out in the order they were scheduled.
//
// A calendar queue in front of an exact heap. True time is cut into buckets of 1/SCALE ms.
// Only the events of the bucket being played (and any pushed for a time before it) sit in
// the exact heap (`near`); the next BUCKETS buckets are unsorted lists (`ring`); anything
// later waits in a second heap (`far`) and moves into the ring as time reaches it. A bucket
// is heaped only once play reaches it, so the heap that every pop sifts holds one bucket's
// events (a few thousand, in cache) instead of everything in flight: with half a million
// queued messages (a Bully-1,000 election) one big heap spent a quarter of the run on cache
// misses. The order is exactly the heap's: every event in `near` is due before every event
// in the ring, and the ring's buckets before `far`'s.
//
// A few thousand events fit in cache as one heap, and then the calendar's bookkeeping (a
// bucket per event when they are sparse, as in a Berkeley run) costs more than it saves. So
// the queue is one heap (`current` = +∞: every bucket is "near") until it holds more than
// 8,192 events, and goes back to that once at most 1,024 are left.
//
// The queue keeps the events' records too (pending.ts). A ring bucket holds its records
// inline, appended in push order; heaping a bucket copies them into a small table of the
// near events. So the record a pop reads sits in a few thousand slots in cache, not in a
// table of everything in flight reused in no particular order (a cache miss per pop).

import { KeyHeap } from './key-heap.ts';
import { PendingTable, type QueuedEvent, emptyEvent } from './pending.ts';

/** Bucket width: 1/16 ms (a power of two, so t * SCALE is exact and every push agrees on its bucket). */
const SCALE = 16;
/** Buckets in the ring (a power of two): 256 ms ahead at 1/16 ms, past a message's usual flight. */
const BUCKETS = 4096;
const MASK = BUCKETS - 1;
/** A drained bucket's list shrinks back to this many entries when it had grown past it (a burst passed). */
const KEEP = 1024;
/** Doubles per ring entry: time, seq, then the record's code (kind + 8 × flag), node, from, num. */
const ENTRY = 6;

/** When the queue is one heap and when the calendar (tests make them small to exercise every path). */
export interface QueueThresholds {
  /** More events than this in the one heap spread them over the calendar... */
  spread: number;
  /** ...and at most this many left gather them back into one heap. */
  gather: number;
}

const DEFAULT_THRESHOLDS: QueueThresholds = { spread: 8192, gather: 1024 };

const bucketOf = (at: number): number => Math.floor(at * SCALE);

export class EventQueue {
  /** Events of buckets up to `current` (and any pushed for an earlier time): exact order, items are slots of `nearRecords`. */
  private readonly near = new KeyHeap();
  private readonly nearRecords = new PendingTable();
  /** Events more than BUCKETS buckets ahead of `current`; items are slots of `farRecords`. */
  private readonly far = new KeyHeap();
  private readonly farRecords = new PendingTable();
  /** Per ring slot (bucket & MASK): entries in push order (ENTRY doubles each), allocated when first used. */
  private readonly ring: (Float64Array | null)[] = new Array<Float64Array | null>(BUCKETS).fill(null);
  /** The entries' refs, per ring slot (entry k's at k; a drained bucket's are cleared to undefined). */
  private readonly ringRefs: unknown[][] = Array.from({ length: BUCKETS }, () => []);
  private readonly ringLength = new Int32Array(BUCKETS);
  /** One bit per ring slot with events, to skip empty buckets 32 at a time. */
  private readonly occupied = new Int32Array(BUCKETS >> 5);
  private inRing = 0;
  /** The bucket being played: `near` holds buckets ≤ current, the ring (current, current + BUCKETS]; +∞ while one heap holds all. */
  private current = Infinity;
  private seq = 0;
  /** The record handed to visitInOrder's callback, rewritten for each event. */
  private readonly visited: QueuedEvent = emptyEvent();
  /** A far event on its way into the ring. */
  private readonly moving: QueuedEvent = emptyEvent();
  private readonly spreadAbove: number;
  private readonly gatherAtMost: number;

  constructor(thresholds: QueueThresholds = DEFAULT_THRESHOLDS) {
    // Gathering must not overflow the one heap it fills, or it would spread again half-way.
    if (!(thresholds.gather < thresholds.spread)) throw new Error('event queue: gather must be below spread');
    this.spreadAbove = thresholds.spread;
    this.gatherAtMost = thresholds.gather;
  }

  get size(): number {
    return this.near.size + this.inRing + this.far.size;
  }

  peekTime(): number | undefined {
    return this.settle() ? this.near.peekTime() : undefined;
  }

  /** Copies the earliest event into `out`, left in place; false when the queue is empty. */
  peek(out: QueuedEvent): boolean {
    if (!this.settle()) return false;
    out.at = this.near.peekTime() as number;
    this.nearRecords.read(this.near.peek(), out);
    return true;
  }

  /** Schedules an event at time `at` (`code` is kind + 8 × flag) and returns its sequence number. */
  push(at: number, code: number, node: number, from: number, num: number, ref: unknown): number {
    const seq = this.seq++;
    this.place(at, seq, code, node, from, num, ref);
    return seq;
  }

  /** Takes the earliest event into `out`; false when the queue is empty. */
  pop(out: QueuedEvent): boolean {
    if (!this.settle()) return false;
    out.at = this.near.peekTime() as number;
    const slot = this.near.pop();
    this.nearRecords.read(slot, out);
    this.nearRecords.release(slot);
    return true;
  }

  /** Whether an item is due at exactly time t. */
  hasAt(t: number): boolean {
    const b = bucketOf(t);
    if (b <= this.current) return this.near.hasAt(t);
    if (b > this.current + BUCKETS) return this.far.hasAt(t);
    const list = this.ring[b & MASK];
    const n = this.ringLength[b & MASK] as number;
    for (let i = 0; i < n; i++) if ((list as Float64Array)[ENTRY * i] === t) return true;
    return false;
  }

  /**
   * Visits the events due before `before` and at or before `until` in pop order while
   * `visit` returns true (its argument is rewritten for the next event). Costs what it looks
   * at: the near heap's frontier walk, then each ring bucket in the window sorted on the way,
   * then the far heap's walk.
   */
  visitInOrder(before: number, until: number, visit: (event: QueuedEvent) => boolean): void {
    const e = this.visited;
    const fromTable =
      (records: PendingTable) =>
      (at: number, slot: number): boolean => {
        e.at = at;
        records.read(slot, e);
        return visit(e);
      };
    if (!this.near.visitInOrder(before, until, fromTable(this.nearRecords)) || this.current === Infinity) return;
    const end = Math.min(bucketOf(Math.min(before, until)), this.current + BUCKETS);
    for (let b = this.current + 1; b <= end; b++) {
      const n = this.ringLength[b & MASK] as number;
      if (n === 0) continue;
      const list = this.ring[b & MASK] as Float64Array;
      const refs = this.ringRefs[b & MASK] as unknown[];
      const order = Array.from({ length: n }, (_, i) => ENTRY * i);
      order.sort((x, y) => (list[x] as number) - (list[y] as number) || (list[x + 1] as number) - (list[y + 1] as number));
      for (const i of order) {
        e.at = list[i] as number;
        if (e.at >= before || e.at > until) return;
        const code = list[i + 2] as number;
        e.kind = code & 7;
        e.flag = code >> 3;
        e.node = list[i + 3] as number;
        e.from = list[i + 4] as number;
        e.num = list[i + 5] as number;
        e.ref = refs[i / ENTRY];
        if (!visit(e)) return;
      }
    }
    if (end === this.current + BUCKETS) this.far.visitInOrder(before, until, fromTable(this.farRecords));
  }

  /** Files an event by its bucket. */
  private place(at: number, seq: number, code: number, node: number, from: number, num: number, ref: unknown): void {
    const b = bucketOf(at);
    if (b <= this.current) {
      this.near.push(at, seq, this.nearRecords.alloc(code, node, from, num, ref));
      if (this.current === Infinity && this.near.size > this.spreadAbove) this.spread();
    } else if (b <= this.current + BUCKETS) this.append(b & MASK, at, seq, code, node, from, num, ref);
    else this.far.push(at, seq, this.farRecords.alloc(code, node, from, num, ref));
  }

  private append(slot: number, at: number, seq: number, code: number, node: number, from: number, num: number, ref: unknown): void {
    let list = this.ring[slot];
    const n = this.ringLength[slot] as number;
    if (!list || ENTRY * n === list.length) {
      const grown = new Float64Array(list ? 2 * list.length : ENTRY * 8);
      if (list) grown.set(list);
      this.ring[slot] = list = grown;
    }
    const i = ENTRY * n;
    list[i] = at;
    list[i + 1] = seq;
    list[i + 2] = code;
    list[i + 3] = node;
    list[i + 4] = from;
    list[i + 5] = num;
    (this.ringRefs[slot] as unknown[])[n] = ref;
    this.ringLength[slot] = n + 1;
    this.inRing++;
    this.occupied[slot >> 5] = (this.occupied[slot >> 5] as number) | (1 << (slot & 31));
  }

  /**
   * Makes `near` hold the earliest event, if there is one: when it is empty, play moves on
   * to the next bucket with events (the ring's first, else the far heap's), that bucket is
   * heaped, and far events the ring now reaches move into it.
   */
  private settle(): boolean {
    if (this.near.size > 0) return true;
    if (this.inRing === 0 && this.far.size === 0) return false;
    if (this.inRing + this.far.size <= this.gatherAtMost) {
      this.gather();
      return true;
    }
    this.current = this.inRing > 0 ? this.nextOccupied() : bucketOf(this.far.peekTime() as number);
    const slot = this.current & MASK;
    const n = this.ringLength[slot] as number;
    if (n > 0) this.heapSlot(slot, n);
    // Only now: the bucket BUCKETS ahead shares the slot just emptied.
    const far = this.far;
    while (far.size > 0 && bucketOf(far.peekTime() as number) <= this.current + BUCKETS) this.refile(far, this.farRecords);
    return true;
  }

  /** Moves the earliest event of a heap to where it now belongs. */
  private refile(heap: KeyHeap, records: PendingTable): void {
    const e = this.moving;
    const at = heap.peekTime() as number;
    const seq = heap.peekSeq();
    const record = heap.pop();
    records.read(record, e);
    records.release(record);
    this.place(at, seq, e.kind + 8 * e.flag, e.node, e.from, e.num, e.ref);
  }

  /** From one heap to the calendar: play starts at the earliest event's bucket and the rest is filed by bucket. */
  private spread(): void {
    const all = new KeyHeap();
    const near = this.near;
    // The near heap is emptied into a fresh one first: filing puts the current bucket's events back into `near`.
    while (near.size > 0) all.push(near.peekTime() as number, near.peekSeq(), near.pop());
    this.current = bucketOf(all.peekTime() as number);
    while (all.size > 0) this.refile(all, this.nearRecords);
  }

  /** From the calendar back to one heap (near is empty): every ring and far event into `near`. */
  private gather(): void {
    this.current = Infinity;
    for (let slot = 0; slot < BUCKETS && this.inRing > 0; slot++) {
      const n = this.ringLength[slot] as number;
      if (n > 0) this.heapSlot(slot, n);
    }
    while (this.far.size > 0) this.refile(this.far, this.farRecords);
  }

  /** Moves a ring slot's n events into `near`. */
  private heapSlot(slot: number, n: number): void {
    const list = this.ring[slot] as Float64Array;
    const refs = this.ringRefs[slot] as unknown[];
    const near = this.near;
    const records = this.nearRecords;
    for (let i = 0, k = 0; k < n; i += ENTRY, k++) {
      const record = records.alloc(list[i + 2] as number, list[i + 3] as number, list[i + 4] as number, list[i + 5] as number, refs[k]);
      near.push(list[i] as number, list[i + 1] as number, record);
    }
    // Cleared, not shortened: the array keeps its room for the bucket's next turn.
    refs.fill(undefined, 0, n);
    this.ringLength[slot] = 0;
    this.inRing -= n;
    this.occupied[slot >> 5] = (this.occupied[slot >> 5] as number) & ~(1 << (slot & 31));
    if (list.length > ENTRY * KEEP) {
      this.ring[slot] = null;
      this.ringRefs[slot] = [];
    }
  }

  /** The first bucket after `current` with events in the ring (there is one). */
  private nextOccupied(): number {
    const start = (this.current + 1) & MASK;
    let word = start >> 5;
    let bits = (this.occupied[word] as number) & (-1 << (start & 31));
    for (let k = 0; bits === 0; k++) {
      word = (word + 1) & ((BUCKETS >> 5) - 1);
      bits = this.occupied[word] as number;
      if (k > BUCKETS >> 5) throw new Error('event queue: ring count out of step');
    }
    const slot = (word << 5) + (31 - Math.clz32(bits & -bits));
    return this.current + 1 + ((slot - start) & MASK);
  }
}
