// The simulation's queued events as columns. Each event owns a slot; its fields live in
// typed arrays at that slot and the queue orders slot numbers. A queued delivery therefore
// costs no object of its own, and half a million messages in flight are a few flat arrays
// instead of half a million objects the garbage collector must promote and trace. Slots are
// reused once their event has been taken from the queue.

import type { Fate } from './network.ts';

export const BOOT = 0;
export const DELIVER = 1;
export const TIMER = 2;
export const ACTION = 3;

/** Fates by code (the `flag` column of a delivery). */
export const FATES: readonly Fate[] = ['ok', 'loss', 'partition', 'cut'];
export const FATE_OK = 0;
export const fateCode = (fate: Fate): number => FATES.indexOf(fate);

export class PendingTable {
  /** BOOT, DELIVER, TIMER or ACTION. */
  kind = new Uint8Array(1024);
  /** The node called (its index in the scenario, not its id). */
  node = new Int32Array(1024);
  /** A delivery's sender (index). */
  from = new Int32Array(1024);
  /** A delivery's message id, or a timer's generation. */
  num = new Float64Array(1024);
  /** A delivery's fate code, or 1 for a boot after recovery. */
  flag = new Uint8Array(1024);
  /** A delivery's message, a timer's key or an action. */
  ref: unknown[] = [];
  private free = new Int32Array(1024);
  private freeCount = 0;
  private used = 0;

  /** A slot for a new event (its columns hold stale values until written). */
  alloc(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount] as number;
    if (this.used === this.kind.length) this.grow();
    return this.used++;
  }

  /** Gives the slot back once its event has left the queue. */
  release(slot: number): void {
    this.ref[slot] = undefined;
    this.free[this.freeCount++] = slot;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    this.kind = copy(new Uint8Array(size), this.kind);
    this.node = copy(new Int32Array(size), this.node);
    this.from = copy(new Int32Array(size), this.from);
    this.num = copy(new Float64Array(size), this.num);
    this.flag = copy(new Uint8Array(size), this.flag);
    this.free = copy(new Int32Array(size), this.free);
  }
}

function copy<A extends Uint8Array | Int32Array | Float64Array>(into: A, from: A): A {
  into.set(from);
  return into;
}
