// The event queue: a binary min-heap ordered by (time, sequence). The sequence number is
// the insertion order, so two events at the same true time always come out in the order
// they were scheduled: ties never depend on the heap's internals.

export interface Queued {
  readonly at: number;
  readonly seq: number;
}

const before = (a: Queued, b: Queued): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class EventQueue<T extends Queued> {
  private readonly heap: T[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as T;
      if (!before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  pop(): T | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      let c = heap[l] as T;
      if (r < n && before(heap[r] as T, c)) {
        child = r;
        c = heap[r] as T;
      }
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }

  /** All items, in no particular order (for checkpoints). */
  items(): readonly T[] {
    return this.heap;
  }
}
