// Clock readings lessons need from a trace: what a node's clock read at a true time, rebuilt
// from the trace alone (ClockReplay), and the Cristian syncs and Berkeley cycles as typed data.

import { readBerkeleyCycle, type BerkeleyCycle } from '../algorithms/berkeley/round.ts';
import { readCristianSync, type CristianSyncNote } from '../algorithms/cristian/round.ts';
import { ClockReplay } from '../check/clock-replay.ts';
import type { NodeId, TrueTime } from '../time.ts';
import type { TraceEvent } from '../trace.ts';

/** Node `node`'s clock at true time t, from the first `end` events (t at or after the last of them). */
export function clockAt(events: readonly TraceEvent[], end: number, node: NodeId, t: number): number {
  const replay = new ClockReplay();
  for (let i = 0; i < Math.min(end, events.length); i++) replay.apply(events[i] as TraceEvent);
  return replay.read(node, t as TrueTime) ?? NaN;
}

export interface SyncAt extends CristianSyncNote {
  readonly client: NodeId;
  readonly index: number;
  readonly t: number;
  /** The client's clock right after, minus the server's clock at that moment. */
  readonly errorVsServerMs: number;
  readonly deltaMs: number;
}

/** Every `cristian-sync` note at or after `from` (optionally one client's). */
export function syncsAfter(events: readonly TraceEvent[], from: number, client?: NodeId): SyncAt[] {
  const out: SyncAt[] = [];
  const replay = new ClockReplay();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    replay.apply(e);
    if (i < from || e.type !== 'note' || e.topic !== 'cristian-sync') continue;
    if (client !== undefined && e.node !== client) continue;
    const sync = readCristianSync(e.data ?? {});
    const server = replay.read(sync.server, e.t) ?? NaN;
    out.push({ ...sync, client: e.node, index: i, t: e.t, errorVsServerMs: e.local - server, deltaMs: Number(e.data?.['deltaMs']) });
  }
  return out;
}

export interface CycleAt extends BerkeleyCycle {
  readonly index: number;
}

/** Every `berkeley-cycle` note at or after `from`. */
export function cyclesAfter(events: readonly TraceEvent[], from: number): CycleAt[] {
  const out: CycleAt[] = [];
  for (let i = Math.max(0, from); i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'note' && e.topic === 'berkeley-cycle') out.push({ ...readBerkeleyCycle(e.t, e.data ?? {}), index: i });
  }
  return out;
}
