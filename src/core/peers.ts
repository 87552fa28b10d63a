// A node's peers (every other node id, ascending) as a view over the one sorted list of all
// ids that every node of a run shares: O(1) memory per node instead of a copy each (at
// 10,000 nodes the copies were 800 MB and most of the boot time). Offers the array methods
// machines use; a plain array satisfies the same interface, so tests may pass one.

import type { NodeId } from './time.ts';

export interface Peers extends Iterable<NodeId> {
  readonly length: number;
  at(index: number): NodeId | undefined;
  includes(id: NodeId): boolean;
  indexOf(id: NodeId): number;
  map<U>(f: (id: NodeId, index: number) => U): U[];
  filter(f: (id: NodeId, index: number) => boolean): NodeId[];
  forEach(f: (id: NodeId, index: number) => void): void;
  some(f: (id: NodeId, index: number) => boolean): boolean;
  every(f: (id: NodeId, index: number) => boolean): boolean;
}

/** Position of `id` in ascending `ids`, or -1. */
function search(ids: readonly NodeId[], id: NodeId): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] as NodeId;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class PeerList implements Peers {
  /** Where `self` sits in `all` (-1 if it is not there); peers skip that position. */
  private readonly skip: number;
  readonly length: number;

  /** `all`: every node id, ascending, shared by every node of the run. */
  constructor(
    private readonly all: readonly NodeId[],
    self: NodeId,
  ) {
    this.skip = search(all, self);
    this.length = this.skip < 0 ? all.length : all.length - 1;
  }

  private get(i: number): NodeId {
    return this.all[this.skip >= 0 && i >= this.skip ? i + 1 : i] as NodeId;
  }

  at(index: number): NodeId | undefined {
    const i = index < 0 ? index + this.length : index;
    return i >= 0 && i < this.length ? this.get(i) : undefined;
  }

  indexOf(id: NodeId): number {
    const i = search(this.all, id);
    if (i < 0 || i === this.skip) return -1;
    return this.skip >= 0 && i > this.skip ? i - 1 : i;
  }

  includes(id: NodeId): boolean {
    return this.indexOf(id) >= 0;
  }

  map<U>(f: (id: NodeId, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.get(i), i);
    return out;
  }

  filter(f: (id: NodeId, index: number) => boolean): NodeId[] {
    const out: NodeId[] = [];
    for (let i = 0; i < this.length; i++) {
      const id = this.get(i);
      if (f(id, i)) out.push(id);
    }
    return out;
  }

  forEach(f: (id: NodeId, index: number) => void): void {
    for (let i = 0; i < this.length; i++) f(this.get(i), i);
  }

  some(f: (id: NodeId, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (f(this.get(i), i)) return true;
    return false;
  }

  every(f: (id: NodeId, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (!f(this.get(i), i)) return false;
    return true;
  }

  *[Symbol.iterator](): Iterator<NodeId> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** A plain array copy (for JSON, and for code that needs a real array). */
  toJSON(): NodeId[] {
    return this.map((id) => id);
  }
}
