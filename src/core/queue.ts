// The event queue, ordered by (time, sequence): the sequence number is the insertion order,
// so two events at the same true time always come out in the order they were scheduled.
//
// A calendar queue in front of an exact heap. True time is cut into buckets of WIDTH ms.
// Only the events of the bucket being played (and any pushed for a time before it) sit in
// the exact heap (`near`); the next BUCKETS buckets are unsorted lists (`ring`); anything
// later waits in a second heap (`far`) and moves into the ring as time reaches it. A bucket
// is heaped only once play reaches it, so the heap that every pop sifts holds one bucket's
// events (a few thousand, in cache) instead of everything in flight: with half a million
// queued messages (a Bully-1,000 election) one big heap spent a quarter of the run on cache
// misses. The order is exactly the heap's: every event in `near` is due before every event
// in the ring, and the ring's buckets before `far`'s.

import { KeyHeap } from './key-heap.ts';

/** Bucket width: 1/16 ms (a power of two, so t * SCALE is exact and every push agrees on its bucket). */
const SCALE = 16;
/** Buckets in the ring (a power of two): 256 ms ahead at 1/16 ms, past a message's usual flight. */
const BUCKETS = 4096;
const MASK = BUCKETS - 1;
/** A drained bucket's list shrinks back to this many entries when it had grown past it (a burst passed). */
const KEEP = 1024;

const bucketOf = (at: number): number => Math.floor(at * SCALE);

export class EventQueue {
  /** Events of buckets up to `current` (and any pushed for an earlier time): exact order. */
  private readonly near = new KeyHeap();
  /** Events more than BUCKETS buckets ahead of `current`. */
  private readonly far = new KeyHeap();
  /** Per ring slot (bucket & MASK): [time, seq, item] triples in push order, allocated when first used. */
  private readonly ring: (Float64Array | null)[] = new Array<Float64Array | null>(BUCKETS).fill(null);
  private readonly ringLength = new Int32Array(BUCKETS);
  /** One bit per ring slot with events, to skip empty buckets 32 at a time. */
  private readonly occupied = new Int32Array(BUCKETS >> 5);
  private inRing = 0;
  /** The bucket being played: `near` holds buckets ≤ current, the ring (current, current + BUCKETS]. */
  private current = -1;
  private seq = 0;

  get size(): number {
    return this.near.size + this.inRing + this.far.size;
  }

  peekTime(): number | undefined {
    return this.settle() ? this.near.peekTime() : undefined;
  }

  /** The item pop() would return, left in place; -1 when the queue is empty. */
  peek(): number {
    return this.settle() ? this.near.peek() : -1;
  }

  /** Schedules `item` at time `at` and returns its sequence number. */
  push(at: number, item: number): number {
    const seq = this.seq++;
    this.place(at, seq, item);
    return seq;
  }

  /** The earliest item; -1 when the queue is empty. */
  pop(): number {
    return this.settle() ? this.near.pop() : -1;
  }

  /** Whether an item is due at exactly time t. */
  hasAt(t: number): boolean {
    const b = bucketOf(t);
    if (b <= this.current) return this.near.hasAt(t);
    if (b > this.current + BUCKETS) return this.far.hasAt(t);
    const list = this.ring[b & MASK];
    const n = this.ringLength[b & MASK] as number;
    for (let i = 0; i < n; i++) if ((list as Float64Array)[3 * i] === t) return true;
    return false;
  }

  /**
   * Visits items due before `before` and at or before `until` in pop order while `visit`
   * returns true. Costs what it looks at: the near heap's frontier walk, then each ring
   * bucket in the window sorted on the way, then the far heap's walk.
   */
  visitInOrder(before: number, until: number, visit: (at: number, item: number) => boolean): void {
    if (!this.near.visitInOrder(before, until, visit)) return;
    const end = Math.min(bucketOf(Math.min(before, until)), this.current + BUCKETS);
    for (let b = this.current + 1; b <= end; b++) {
      const n = this.ringLength[b & MASK] as number;
      if (n === 0) continue;
      const list = this.ring[b & MASK] as Float64Array;
      const order = Array.from({ length: n }, (_, i) => i);
      order.sort((x, y) => (list[3 * x] as number) - (list[3 * y] as number) || (list[3 * x + 1] as number) - (list[3 * y + 1] as number));
      for (const i of order) {
        const at = list[3 * i] as number;
        if (at >= before || at > until || !visit(at, list[3 * i + 2] as number)) return;
      }
    }
    if (end === this.current + BUCKETS) this.far.visitInOrder(before, until, visit);
  }

  /** Files an event by its bucket. */
  private place(at: number, seq: number, item: number): void {
    const b = bucketOf(at);
    if (b <= this.current) this.near.push(at, seq, item);
    else if (b <= this.current + BUCKETS) this.append(b & MASK, at, seq, item);
    else this.far.push(at, seq, item);
  }

  private append(slot: number, at: number, seq: number, item: number): void {
    let list = this.ring[slot];
    const n = this.ringLength[slot] as number;
    if (!list || 3 * n === list.length) {
      const grown = new Float64Array(list ? 2 * list.length : 3 * 8);
      if (list) grown.set(list);
      this.ring[slot] = list = grown;
    }
    list[3 * n] = at;
    list[3 * n + 1] = seq;
    list[3 * n + 2] = item;
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
    this.current = this.inRing > 0 ? this.nextOccupied() : bucketOf(this.far.peekTime() as number);
    const slot = this.current & MASK;
    const n = this.ringLength[slot] as number;
    if (n > 0) {
      const list = this.ring[slot] as Float64Array;
      for (let i = 0; i < n; i++) this.near.push(list[3 * i] as number, list[3 * i + 1] as number, list[3 * i + 2] as number);
      this.ringLength[slot] = 0;
      this.inRing -= n;
      this.occupied[slot >> 5] = (this.occupied[slot >> 5] as number) & ~(1 << (slot & 31));
      if (list.length > 3 * KEEP) this.ring[slot] = null;
    }
    // Only now: the bucket BUCKETS ahead shares the slot just emptied.
    const far = this.far;
    while (far.size > 0 && bucketOf(far.peekTime() as number) <= this.current + BUCKETS) {
      const at = far.peekTime() as number;
      const seq = far.peekSeq();
      this.place(at, seq, far.pop());
    }
    return true;
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
