// Vector clocks derived from the trace: every event at a node ticks that node's entry; a
// delivery first merges the vector the message carried when it was sent. Events ordered by
// happens-before get ordered vectors, so other tools (ShiViz) can rebuild the diagram.

import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';

export type VectorClock = Readonly<Record<number, number>>;

export interface StampedEvent {
  event: TraceEvent;
  node: NodeId;
  clock: VectorClock;
}

/** Events that happen at one node and take part in the causal order (drops and user actions do not). */
export function causalNode(e: TraceEvent): NodeId | null {
  switch (e.type) {
    case 'send':
    case 'deliver':
    case 'timer':
    case 'adjust':
    case 'role':
    case 'note':
    case 'crash':
    case 'boot':
      return e.node;
    case 'node':
    case 'duplicate':
    case 'drop':
    case 'action':
    case 'fault':
      return null;
  }
}

export function vectorClocks(events: readonly TraceEvent[]): StampedEvent[] {
  const stamper = new VectorStamper();
  const out: StampedEvent[] = [];
  for (const e of events) {
    const stamped = stamper.stamp(e);
    if (stamped) out.push(stamped);
  }
  return out;
}

/**
 * Stamps events one at a time, for a trace read in batches (a long run's export): the same
 * stamps as vectorClocks, and a message's vector is forgotten once its last copy (a
 * duplicate makes two) has been delivered or dropped, so memory follows what is in flight.
 */
export class VectorStamper {
  private readonly current = new Map<NodeId, Record<number, number>>();
  private readonly carried = new Map<number, { clock: VectorClock; copies: number }>();

  stamp(e: TraceEvent): StampedEvent | null {
    if (e.type === 'duplicate') {
      const c = this.carried.get(e.msgId);
      if (c) c.copies++;
    }
    const msgId = e.type === 'deliver' || e.type === 'drop' ? e.msgId : null;
    const arrived = msgId === null ? undefined : this.carried.get(msgId);
    if (arrived && --arrived.copies <= 0) this.carried.delete(msgId as number);
    const node = causalNode(e);
    if (node === null) return null;
    const clock = { ...(this.current.get(node) ?? {}) };
    if (e.type === 'deliver' && arrived) {
      for (const [k, v] of Object.entries(arrived.clock)) clock[Number(k)] = Math.max(clock[Number(k)] ?? 0, v);
    }
    clock[node] = (clock[node] ?? 0) + 1;
    this.current.set(node, clock);
    if (e.type === 'send') this.carried.set(e.msgId, { clock, copies: 1 });
    return { event: e, node, clock };
  }
}

/** a happened before b: a ≤ b everywhere and a ≠ b. */
export function happenedBefore(a: VectorClock, b: VectorClock): boolean {
  let strictly = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[Number(k)] ?? 0;
    const y = b[Number(k)] ?? 0;
    if (x > y) return false;
    if (x < y) strictly = true;
  }
  return strictly;
}
