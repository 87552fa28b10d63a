// A 4-ary min-heap ordered by (time, sequence), the event queue's exact part (queue.ts).
// The sequence number is the insertion order the queue gives, so two events at the same true
// time always come out in the order they were scheduled: ties never depend on the heap's
// internals. Keys and items all live
// in typed arrays (contiguous, monomorphic, no write barriers when a sift moves them): an
// item is a number, the slot of the event's columns in the simulation's PendingTable.
// With half a million queued events this is several times faster than a heap of objects,
// and four children per node halve the depth a pop walks (a third faster than binary here).

// Memory, not arithmetic, bounds a pop at that size: each level of the sift reads four
// children. So a position's time and sequence sit side by side in one array, and positions
// are offset by 3 so that the four children of any position (4p+1..4p+4, stored at
// 4(p+1)..4(p+1)+3) fill exactly one 64-byte cache line: one miss per level, not two.

/** Where heap position 0 is stored: children groups then start at multiples of 4. */
const OFFSET = 3;

export class KeyHeap {
  /** [time, seq] per stored position. */
  private keys = new Float64Array(2 * 1024);
  private items = new Int32Array(1024);
  private length = 0;

  get size(): number {
    return this.length;
  }

  peekTime(): number | undefined {
    return this.length > 0 ? this.keys[2 * OFFSET] : undefined;
  }

  /** The sequence number of the item pop() would return (the heap must not be empty). */
  peekSeq(): number {
    return this.keys[2 * OFFSET + 1] as number;
  }

  /** The item pop() would return, left in place; -1 when the heap is empty. */
  peek(): number {
    return this.length > 0 ? (this.items[OFFSET] as number) : -1;
  }

  /** Whether an item is due at exactly time t. Walks only the part of the heap due by t. */
  hasAt(t: number): boolean {
    const stack = this.length > 0 ? [0] : [];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const at = this.keys[2 * (i + OFFSET)] as number;
      if (at > t) continue;
      if (at === t) return true;
      for (let c = 4 * i + 1; c <= 4 * i + 4 && c < this.length; c++) stack.push(c);
    }
    return false;
  }

  /** Adds `item` at time `at` with sequence number `seq` (unique: the queue's insertion order). */
  push(at: number, seq: number, item: number): void {
    if (this.length + OFFSET === this.items.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pq = parent + OFFSET;
      const pt = keys[2 * pq] as number;
      if (pt < at || (pt === at && (keys[2 * pq + 1] as number) < seq)) break;
      const q = i + OFFSET;
      keys[2 * q] = pt;
      keys[2 * q + 1] = keys[2 * pq + 1] as number;
      items[q] = items[pq] as number;
      i = parent;
    }
    const q = i + OFFSET;
    keys[2 * q] = at;
    keys[2 * q + 1] = seq;
    items[q] = item;
  }

  /** The earliest item; -1 when the queue is empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const keys = this.keys;
    const items = this.items;
    const top = items[OFFSET] as number;
    const n = --this.length;
    const lq = n + OFFSET;
    const lastAt = keys[2 * lq] as number;
    const lastSeq = keys[2 * lq + 1] as number;
    const lastItem = items[lq] as number;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children (one cache line).
      let child = first;
      let cq = first + OFFSET;
      let ct = keys[2 * cq] as number;
      let cs = keys[2 * cq + 1] as number;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const q = c + OFFSET;
        const t = keys[2 * q] as number;
        if (t < ct || (t === ct && (keys[2 * q + 1] as number) < cs)) {
          child = c;
          cq = q;
          ct = t;
          cs = keys[2 * q + 1] as number;
        }
      }
      if (lastAt < ct || (lastAt === ct && lastSeq < cs)) break;
      const q = i + OFFSET;
      keys[2 * q] = ct;
      keys[2 * q + 1] = cs;
      items[q] = items[cq] as number;
      i = child;
    }
    const q = i + OFFSET;
    keys[2 * q] = lastAt;
    keys[2 * q + 1] = lastSeq;
    items[q] = lastItem;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.keys = keys;
    this.items = items;
  }

  /**
   * Visits items due before `before` and at or before `until` in pop order while `visit`
   * returns true; returns false once it stopped early (a visit said no, or an item lay past
   * the window). A small frontier heap walks the main heap, so visiting k items costs
   * O(k log k) however many are queued: a lookahead pays only for what it looks at.
   */
  visitInOrder(before: number, until: number, visit: (at: number, item: number) => boolean): boolean {
    if (this.length === 0) return true;
    const keys = this.keys;
    const less = (a: number, b: number): boolean => {
      const ta = keys[2 * (a + OFFSET)] as number;
      const tb = keys[2 * (b + OFFSET)] as number;
      return ta < tb || (ta === tb && (keys[2 * (a + OFFSET) + 1] as number) < (keys[2 * (b + OFFSET) + 1] as number));
    };
    const frontier: number[] = [];
    const add = (index: number): void => {
      let i = frontier.length;
      frontier.push(index);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = frontier[parent] as number;
        if (!less(index, p)) break;
        frontier[i] = p;
        i = parent;
      }
      frontier[i] = index;
    };
    const takeMin = (): number => {
      const top = frontier[0] as number;
      const last = frontier.pop() as number;
      const n = frontier.length;
      if (n === 0) return top;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && less(frontier[r] as number, frontier[l] as number) ? r : l;
        const c = frontier[child] as number;
        if (!less(c, last)) break;
        frontier[i] = c;
        i = child;
      }
      frontier[i] = last;
      return top;
    };
    add(0);
    while (frontier.length > 0) {
      const i = takeMin();
      const at = keys[2 * (i + OFFSET)] as number;
      if (at >= before || at > until || !visit(at, this.items[i + OFFSET] as number)) return false;
      // Children of i in the 4-ary heap.
      const first = 4 * i + 1;
      for (let c = first; c < first + 4 && c < this.length; c++) add(c);
    }
    return true;
  }
}
