// The event queue: a 4-ary min-heap ordered by (time, sequence). The sequence number is
// the insertion order, so two events at the same true time always come out in the order
// they were scheduled: ties never depend on the heap's internals. Keys and items all live
// in typed arrays (contiguous, monomorphic, no write barriers when a sift moves them): an
// item is a number, the slot of the event's columns in the simulation's PendingTable.
// With half a million queued events this is several times faster than a heap of objects,
// and four children per node halve the depth a pop walks (a third faster than binary here).

export class EventQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private items = new Int32Array(1024);
  private length = 0;
  private seq = 0;

  get size(): number {
    return this.length;
  }

  peekTime(): number | undefined {
    return this.length > 0 ? this.times[0] : undefined;
  }

  /** Schedules `item` at time `at` and returns its sequence number. */
  push(at: number, item: number): number {
    if (this.length === this.times.length) this.grow();
    const seq = this.seq++;
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent] as number;
      if (pt < at || (pt === at && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      items[i] = items[parent] as number;
      i = parent;
    }
    times[i] = at;
    seqs[i] = seq;
    items[i] = item;
    return seq;
  }

  /** The earliest item; -1 when the queue is empty. */
  pop(): number {
    if (this.length === 0) return -1;
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const top = items[0] as number;
    const n = --this.length;
    const lastAt = times[n] as number;
    const lastSeq = seqs[n] as number;
    const lastItem = items[n] as number;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let child = first;
      let ct = times[first] as number;
      let cs = seqs[first] as number;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c] as number;
        if (t < ct || (t === ct && (seqs[c] as number) < cs)) {
          child = c;
          ct = t;
          cs = seqs[c] as number;
        }
      }
      if (lastAt < ct || (lastAt === ct && lastSeq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      items[i] = items[child] as number;
      i = child;
    }
    times[i] = lastAt;
    seqs[i] = lastSeq;
    items[i] = lastItem;
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.times = times;
    this.seqs = seqs;
    this.items = items;
  }

  /**
   * Visits items in pop order while `visit` returns true. A small
   * frontier heap walks the main heap, so visiting k items costs O(k log k) however many are
   * queued or due in the window: a lookahead pays only for what it looks at.
   */
  visitInOrder(before: number, until: number, visit: (at: number, item: number) => boolean): void {
    if (this.length === 0) return;
    const times = this.times;
    const seqs = this.seqs;
    const less = (a: number, b: number): boolean => {
      const ta = times[a] as number;
      const tb = times[b] as number;
      return ta < tb || (ta === tb && (seqs[a] as number) < (seqs[b] as number));
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
      const at = times[i] as number;
      if (at >= before || at > until || !visit(at, this.items[i] as number)) return;
      // Children of i in the 4-ary heap.
      const first = 4 * i + 1;
      for (let c = first; c < first + 4 && c < this.length; c++) add(c);
    }
  }
}
