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
  const current = new Map<NodeId, Record<number, number>>();
  const carried = new Map<number, VectorClock>();
  const out: StampedEvent[] = [];
  for (const e of events) {
    const node = causalNode(e);
    if (node === null) continue;
    const clock = { ...(current.get(node) ?? {}) };
    if (e.type === 'deliver') {
      for (const [k, v] of Object.entries(carried.get(e.msgId) ?? {})) clock[Number(k)] = Math.max(clock[Number(k)] ?? 0, v);
    }
    clock[node] = (clock[node] ?? 0) + 1;
    current.set(node, clock);
    if (e.type === 'send') carried.set(e.msgId, clock);
    out.push({ event: e, node, clock });
  }
  return out;
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
