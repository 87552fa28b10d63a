// What the mutual exclusion lessons read from a trace: who asked and entered (the cs-request,
// cs-enter and cs-exit notes every mutex algorithm writes), who was inside at a point, and
// the entries in order. Narrations and prediction outcomes are built from these.

import { listNames, type Of, sec } from '../../lesson/read.ts';
import type { RunContext } from '../../lesson/types.ts';
import type { UserAction } from '../../scenario.ts';
import type { NodeId } from '../../time.ts';
import type { TraceEvent } from '../../trace.ts';

export interface NoteAt {
  readonly e: Of<'note'>;
  readonly index: number;
}

/** Notes of `topic` with trace index in [from, to) (optionally one node's). */
export function notesOf(events: readonly TraceEvent[], topic: string, from = 0, to = events.length, node?: NodeId): NoteAt[] {
  const out: NoteAt[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'note' && e.topic === topic && (node === undefined || e.node === node)) out.push({ e, index: i });
  }
  return out;
}

/** The processes inside the critical section after the first `end` events (a crash ends a stay). */
export function insideAt(events: readonly TraceEvent[], end: number): Set<NodeId> {
  const inside = new Set<NodeId>();
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'crash' || e.type === 'fault') inside.delete(e.node);
    else if (e.type === 'note' && e.topic === 'cs-enter') inside.add(e.node);
    else if (e.type === 'note' && e.topic === 'cs-exit') inside.delete(e.node);
  }
  return inside;
}

/** Processes that asked and have not entered after the first `end` events, in order of asking. */
export function waitingAt(events: readonly TraceEvent[], end: number): NodeId[] {
  const waiting: NodeId[] = [];
  const drop = (id: NodeId): void => {
    const i = waiting.indexOf(id);
    if (i >= 0) waiting.splice(i, 1);
  };
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'crash' || e.type === 'fault') drop(e.node);
    else if (e.type === 'note' && e.topic === 'cs-request') {
      drop(e.node);
      waiting.push(e.node);
    } else if (e.type === 'note' && e.topic === 'cs-enter') drop(e.node);
  }
  return waiting;
}

/** True when node `id` booted as a recovered process before trace index `end`. */
export function recoveredBefore(events: readonly TraceEvent[], end: number, id: NodeId): boolean {
  for (let i = 0; i < Math.min(end, events.length); i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'boot' && e.node === id && e.recovered) return true;
  }
  return false;
}

/** The index of the `n`-th (1-based) event at or after `from` that passes `test`, or -1. */
export function nthIndex(events: readonly TraceEvent[], from: number, n: number, test: (e: TraceEvent) => boolean): number {
  let seen = 0;
  for (let i = Math.max(0, from); i < events.length; i++) if (test(events[i] as TraceEvent) && ++seen === n) return i;
  return -1;
}

/** An order of processes: "P2 → P3 → P4". */
export const arrowList = (ids: readonly NodeId[], nameOf: (id: NodeId) => string): string => ids.map(nameOf).join(' → ');

type Action = Extract<TraceEvent, { type: 'action' }>['action'];

/**
 * The first action of `type` at or after trace index `from` that the user made (not one the
 * scenario schedules, which a challenge must not count as done), with its index.
 */
export function userActionAfter<T extends Action['type']>(
  events: readonly TraceEvent[],
  scheduled: readonly { at: number; type: string }[],
  from: number,
  type: T,
): { action: Extract<Action, { type: T }>; index: number } | null {
  const planned = (a: Action): boolean =>
    scheduled.some((s) => s.at === a.at && s.type === a.type && (!('node' in s) || !('node' in a) || s.node === a.node));
  for (let i = Math.max(0, from); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'action' && e.action.type === type && !planned(e.action))
      return { action: e.action as Extract<Action, { type: T }>, index: i };
  }
  return null;
}

/** What a mutex preset schedules: the requests before its first crash (the overlapping ones), that crash, and the requests after it. */
export function presetPlan(actions: readonly UserAction[]): {
  asks: { at: number; node: NodeId }[];
  crash: { at: number; node: NodeId } | undefined;
  later: { at: number; node: NodeId }[];
} {
  const crash = actions.find((a): a is Extract<UserAction, { type: 'crash' }> => a.type === 'crash');
  const requests = actions.filter((a): a is Extract<UserAction, { type: 'request' }> => a.type === 'request');
  return {
    asks: requests.filter((a) => crash === undefined || a.at < crash.at),
    crash,
    later: requests.filter((a) => crash !== undefined && a.at > crash.at),
  };
}

/** The preset's plan in one sentence, as each mutex lesson opens: who asks when, and the crash. */
export function planSentence(ctx: RunContext): string {
  const { asks, crash } = presetPlan(ctx.scenario.actions);
  const who = listNames(
    asks.map((a) => a.node),
    ctx.nameOf,
  );
  return (
    `${who} ask at ${asks.map((a) => sec(a.at)).join(', ')} s, almost together` +
    (crash ? `; at ${sec(crash.at)} s ${ctx.nameOf(crash.node)} crashes.` : '.')
  );
}
