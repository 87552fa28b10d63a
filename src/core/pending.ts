// The simulation's queued events as flat records. Each event owns a slot; its numeric fields
// sit side by side in one typed array (one cache miss per event) and the queue's heaps order
// slot numbers (queue.ts). A queued delivery therefore costs no object of its own, and half
// a million messages in flight are a few flat arrays instead of half a million objects the
// garbage collector must promote and trace. Slots are reused once their event has left.

import type { Fate } from './network.ts';

export const BOOT = 0;
export const DELIVER = 1;
export const TIMER = 2;
export const ACTION = 3;

/** Fates by code (the `flag` column of a delivery). */
export const FATES: readonly Fate[] = ['ok', 'loss', 'partition', 'cut'];
export const FATE_OK = 0;
export const fateCode = (fate: Fate): number => FATES.indexOf(fate);

/** A queued event as the queue hands it out (one object, rewritten by each pop or visit). */
export interface QueuedEvent {
  at: number;
  /** BOOT, DELIVER, TIMER or ACTION. */
  kind: number;
  /** A delivery's fate code, or 1 for a boot after recovery. */
  flag: number;
  /** The node called, by position in the scenario. */
  node: number;
  /** A delivery's sender, by position. */
  from: number;
  /** A delivery's message id or a timer's generation. */
  num: number;
  /** A delivery's message, a timer's key or an action. */
  ref: unknown;
}

export const emptyEvent = (): QueuedEvent => ({ at: 0, kind: 0, flag: 0, node: 0, from: 0, num: 0, ref: undefined });

/** Doubles per slot in `cols`: kind and flag, node, from, num. */
export const STRIDE = 4;

export class PendingTable {
  /**
   * Per slot, side by side (one cache line holds two slots): kind + 8 × flag (flag: a
   * delivery's fate code, or 1 for a boot after recovery); the node called (its index in the
   * scenario, not its id); a delivery's sender (index); a delivery's message id or a timer's
   * generation.
   */
  cols = new Float64Array(STRIDE * 1024);
  /** A delivery's message, a timer's key or an action. */
  ref: unknown[] = [];
  private free = new Int32Array(1024);
  private freeCount = 0;
  private used = 0;

  /** A slot for a new event; `code` is kind + 8 × flag. */
  alloc(code: number, node: number, from: number, num: number, ref: unknown): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount] as number;
    else {
      if (this.used === this.free.length) this.grow();
      slot = this.used++;
    }
    const cols = this.cols;
    const at = STRIDE * slot;
    cols[at] = code;
    cols[at + 1] = node;
    cols[at + 2] = from;
    cols[at + 3] = num;
    this.ref[slot] = ref;
    return slot;
  }

  /** Copies the slot into `out` (all but `at`). */
  read(slot: number, out: QueuedEvent): void {
    const cols = this.cols;
    const at = STRIDE * slot;
    const code = cols[at] as number;
    out.kind = code & 7;
    out.flag = code >> 3;
    out.node = cols[at + 1] as number;
    out.from = cols[at + 2] as number;
    out.num = cols[at + 3] as number;
    out.ref = this.ref[slot];
  }

  /** Gives the slot back once its event has left the queue. */
  release(slot: number): void {
    this.ref[slot] = undefined;
    this.free[this.freeCount++] = slot;
  }

  private grow(): void {
    const cols = new Float64Array(this.cols.length * 2);
    cols.set(this.cols);
    this.cols = cols;
    const free = new Int32Array(this.free.length * 2);
    free.set(this.free);
    this.free = free;
  }
}
