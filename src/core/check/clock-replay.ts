// Rebuilds every node's clock from the trace alone: initial clocks from `node` events,
// steps and slews from `adjust` events, drift changes from `drift` actions. Checkers and
// views use it to ask "what did node N's clock read at true time t", so nothing about
// clocks has to be trusted from outside the trace.

import { type ClockState, makeClock, readClock, setDrift, slewClock, stepClock } from '../clock.ts';
import type { TraceEvent } from '../trace.ts';
import type { LocalTime, NodeId, TrueTime } from '../time.ts';

export class ClockReplay {
  private readonly clocks = new Map<NodeId, ClockState>();

  /** Feed events in trace order; reads are valid for times at or after the last event fed. */
  apply(e: TraceEvent): void {
    switch (e.type) {
      case 'node':
        this.clocks.set(e.node, makeClock(e.clock, e.slewRate));
        return;
      case 'adjust': {
        const c = this.clocks.get(e.node);
        if (c) this.clocks.set(e.node, e.mode === 'step' ? stepClock(c, e.t, e.deltaMs) : slewClock(c, e.t, e.deltaMs));
        return;
      }
      case 'action': {
        if (e.action.type !== 'drift') return;
        const c = this.clocks.get(e.action.node);
        if (c) this.clocks.set(e.action.node, setDrift(c, e.t, e.action.ppm));
        return;
      }
      default:
        return;
    }
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
