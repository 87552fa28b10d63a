// Rebuilds every node's clock from the trace alone: initial clocks from `node` events,
// steps and slews from `adjust` events, drift changes and offset steps from `drift` and `offset` actions. Checkers and
// views use it to ask "what did node N's clock read at true time t", so nothing about
// clocks has to be trusted from outside the trace.

import { type ClockState, makeClock, readClock, setDrift, setOffset, slewClock, stepClock } from '../clock.ts';
import type { TraceEvent } from '../trace.ts';
import type { LocalTime, NodeId, TrueTime } from '../time.ts';

/**
 * How one trace event changes a node's clock, if it does: a `node` event creates it, an
 * `adjust` steps or slews it, a `drift` action re-rates it. Every reader of clocks from a
 * trace (this replay, the page's trace view) goes through here.
 */
export function clockChange(e: TraceEvent, clockOf: (node: NodeId) => ClockState | undefined): { node: NodeId; clock: ClockState } | null {
  switch (e.type) {
    case 'node':
      return { node: e.node, clock: makeClock(e.clock, e.slewRate) };
    case 'adjust': {
      const c = clockOf(e.node);
      return c ? { node: e.node, clock: e.mode === 'step' ? stepClock(c, e.t, e.deltaMs) : slewClock(c, e.t, e.deltaMs) } : null;
    }
    case 'action': {
      const a = e.action;
      if (a.type !== 'drift' && a.type !== 'offset') return null;
      const c = clockOf(a.node);
      if (!c) return null;
      return { node: a.node, clock: a.type === 'drift' ? setDrift(c, e.t, a.ppm) : setOffset(c, e.t, a.offsetMs) };
    }
    default:
      return null;
  }
}

export class ClockReplay {
  private readonly clocks = new Map<NodeId, ClockState>();

  /** Feed events in trace order; reads are valid for times at or after the last event fed. */
  apply(e: TraceEvent): void {
    const change = clockChange(e, (node) => this.clocks.get(node));
    if (change) this.clocks.set(change.node, change.clock);
  }

  read(node: NodeId, t: TrueTime): LocalTime | null {
    const c = this.clocks.get(node);
    return c ? readClock(c, t) : null;
  }

  clock(node: NodeId): ClockState | undefined {
    return this.clocks.get(node);
  }

  nodes(): NodeId[] {
    return [...this.clocks.keys()];
  }
}
