// Every Berkeley cycle of a run, as the outcome derivation (derive/run-outcome.ts) lists them:
// the readings, the ignored ones, the adjustments, the spread before as the master estimated
// it, and after as it truly was (the clocks of the nodes that replied, read from the trace just
// before that master's next poll, or at the end of what has been fed).

import type { ClockReplay } from '../../check/clock-replay.ts';
import type { JsonValue } from '../../machine.ts';
import type { NodeId, TrueTime } from '../../time.ts';
import { forgettable, type OutcomeFold } from '../definition.ts';

export interface CycleReading {
  node: NodeId;
  offsetMs: number;
  rttMs: number;
  ignored: boolean;
}

export interface CycleAdjustment {
  node: NodeId;
  deltaMs: number;
  /** How it was applied: a slew-mode adjustment too big to slew within a period is stepped. */
  mode: string;
}

export interface CycleOutcome {
  cycle: number;
  master: NodeId;
  t: number;
  readings: CycleReading[];
  ignored: NodeId[];
  missing: NodeId[];
  averageMs: number;
  thresholdMs: number;
  adjustments: CycleAdjustment[];
  mode: string;
  /** As the master estimated it from its readings. */
  spreadBeforeMs: number;
  /** The true spread of the nodes that replied just before the master's next poll (or at the end); null while unknown. */
  spreadAfterMs: number | null;
}

const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);
const objects = (v: JsonValue | undefined): { [key: string]: JsonValue }[] =>
  Array.isArray(v) ? v.filter((o): o is { [key: string]: JsonValue } => o !== null && typeof o === 'object' && !Array.isArray(o)) : [];

function readCycle(master: NodeId, t: number, data: { [key: string]: JsonValue }): CycleOutcome {
  const readings = objects(data['readings']).map((r): CycleReading => ({
    node: num(r['node']),
    offsetMs: num(r['offsetMs']),
    rttMs: num(r['rttMs']),
    ignored: r['ignored'] === true,
  }));
  const missing = Array.isArray(data['missing']) ? data['missing'].filter((n): n is number => typeof n === 'number') : [];
  return {
    cycle: num(data['cycle']),
    master,
    t,
    readings,
    ignored: readings.filter((r) => r.ignored).map((r) => r.node),
    missing,
    averageMs: num(data['averageMs']),
    thresholdMs: num(data['thresholdMs']),
    adjustments: objects(data['adjustments']).map((a) => ({
      node: num(a['node']),
      deltaMs: num(a['deltaMs']),
      mode: typeof a['mode'] === 'string' ? a['mode'] : String(data['mode'] ?? ''),
    })),
    mode: typeof data['mode'] === 'string' ? data['mode'] : '',
    spreadBeforeMs: num(data['spreadBeforeMs']),
    spreadAfterMs: null,
  };
}

/** Berkeley's outcome part: its cycles. */
export function berkeleyOutcomes(): OutcomeFold {
  const cycles: CycleOutcome[] = [];
  /** Each master's last cycle still waiting for its "after" spread. */
  const open = new Map<NodeId, CycleOutcome>();
  const spreadOf = (c: CycleOutcome, t: number, clocks: ClockReplay): number | null => {
    const readings = c.readings.map((r) => clocks.read(r.node, t as TrueTime)).filter((r): r is NonNullable<typeof r> => r !== null);
    return readings.length < 2 ? null : Math.max(...readings) - Math.min(...readings);
  };
  return {
    push(e, clocks) {
      // A poll changes no clock: the clocks read as they stood when it was sent.
      if (e.type === 'send' && e.kind === 'POLL') {
        const last = open.get(e.node);
        if (last) {
          last.spreadAfterMs = spreadOf(last, e.t, clocks);
          open.delete(e.node);
        }
      }
      if (e.type === 'note' && e.topic === 'berkeley-cycle' && e.data) {
        const cycle = readCycle(e.node, e.t, e.data);
        cycles.push(cycle);
        open.set(e.node, cycle);
      }
    },
    forget(t, keep) {
      cycles.splice(
        0,
        forgettable(cycles, (c) => c.t < t && open.get(c.master) !== c, keep),
      );
    },
    // Cycles still open get their spread at the end of what has been fed.
    part: (lastT, clocks) => ({
      cycles: cycles.map((c) => (open.get(c.master) === c && lastT > c.t ? { ...c, spreadAfterMs: spreadOf(c, lastT, clocks) } : { ...c })),
    }),
  };
}
