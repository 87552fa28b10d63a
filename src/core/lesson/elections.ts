// What election lessons read from a trace: who is alive at a point, who was elected after a
// point, who follows whom, and the "highest alive" rule the textbook outcome is checked with.

import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';
import { type Of } from './read.ts';

/** Node ids alive after the first `end` events (crash and boot events decide). */
export function aliveAt(events: readonly TraceEvent[], end: number): Set<NodeId> {
  const alive = new Set<NodeId>();
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'boot') alive.add(e.node);
    else if (e.type === 'crash' || e.type === 'fault') alive.delete(e.node);
  }
  return alive;
}

/** The first `elected` note at or after `from`, with its index. */
export function electedAfter(events: readonly TraceEvent[], from: number): { e: Of<'note'>; index: number } | null {
  for (let i = Math.max(0, from); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'note' && e.topic === 'elected') return { e, index: i };
  }
  return null;
}

/** The last process declared coordinator before `end` (an `elected` note), else the role events' coordinator. */
export function coordinatorBefore(events: readonly TraceEvent[], end: number): NodeId | null {
  for (let i = Math.min(end, events.length) - 1; i >= 0; i--) {
    const e = events[i] as TraceEvent;
    if (e.type === 'note' && e.topic === 'elected') return e.node;
    if (e.type === 'role' && e.role === 'coordinator') return e.node;
  }
  return null;
}

/** Whom each node follows after the first `end` events (its last role event), crashed nodes left out. */
export function leadersAt(events: readonly TraceEvent[], end: number): Map<NodeId, NodeId | null> {
  const leaders = new Map<NodeId, NodeId | null>();
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'role') leaders.set(e.node, e.leader);
    else if (e.type === 'crash' || e.type === 'fault') leaders.delete(e.node);
  }
  return leaders;
}

/** True when, after the first `end` events, every live node names `leader`. */
export function allFollow(events: readonly TraceEvent[], end: number, leader: NodeId): boolean {
  const alive = aliveAt(events, end);
  const leaders = leadersAt(events, end);
  for (const id of alive) if (leaders.get(id) !== leader) return false;
  return alive.size > 0;
}

/**
 * The "crash the coordinator, then have someone notice" challenge: after `since`, the
 * coordinator of that moment crashes, a notice (or heartbeat loss) starts an election, and
 * someone is elected. Correct when the winner is the highest process alive when it won.
 */
export function checkReElection(
  events: readonly TraceEvent[],
  since: number,
  nameOf: (id: NodeId) => string,
): { done: boolean; text: string } | null {
  const leader = coordinatorBefore(events, since);
  if (leader === null) return null;
  let crashedAt = -1;
  for (let i = Math.max(0, since); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'crash' && e.node === leader) {
      crashedAt = i;
      break;
    }
  }
  if (crashedAt < 0) return null;
  // The latest winner since the crash: a lower one may be bullied aside by a higher one later.
  let won = electedAfter(events, crashedAt);
  for (let next = won; next; next = electedAfter(events, next.index + 1)) won = next;
  if (!won) return { done: false, text: `${nameOf(leader)} is down. Now make a process notice (its inspector's "Notice failure").` };
  const alive = aliveAt(events, won.index + 1);
  const highest = Math.max(...alive);
  if (won.e.node === highest) return { done: true, text: `${nameOf(won.e.node)} won: correct, the highest process alive.` };
  return {
    done: false,
    text: `${nameOf(won.e.node)} won, but ${nameOf(highest)} is the highest process alive: watch for it to take over.`,
  };
}
