// Where a node stands, in one shape read by the run report, the CLI and the lab: alive or
// crashed, its role (one spelling, 'crashed', for a crashed node), whom it believes leads,
// and its clock. Derived from what the simulation holds of the node at a true time.

import { readClock, type ClockState } from './clock.ts';
import { describeEvent } from './describe-event.ts';
import { namer } from './format.ts';
import type { NodeView, Role } from './machine.ts';
import type { Scenario } from './scenario.ts';
import type { MessageStats } from './simulation.ts';
import type { NodeId, TrueTime } from './time.ts';
import type { TraceEvent } from './trace.ts';

/** A node's role as every reader shows it: the machine's role, or 'crashed'. */
export type NodeRole = Role | 'crashed';
export const CRASHED: NodeRole = 'crashed';

export interface NodeOutcome {
  id: NodeId;
  name: string;
  status: 'alive' | 'crashed';
  role: NodeRole;
  /** The node it believes leads (coordinator, master or time server), or null; null when crashed. */
  leader: NodeId | null;
  /** Its local clock at that time. */
  clockMs: number;
  /** clockMs minus true time. */
  offsetMs: number;
}

/** What a host knows of a node: enough to say where it stands. */
export interface NodeStanding {
  readonly alive: boolean;
  readonly clock: ClockState;
  readonly view: NodeView | null;
}

export function nodeOutcome(spec: { id: NodeId; name: string }, record: NodeStanding | undefined, now: number): NodeOutcome {
  const alive = record?.alive ?? false;
  const clockMs = record ? readClock(record.clock, now as TrueTime) : now;
  return {
    id: spec.id,
    name: spec.name,
    status: alive ? 'alive' : 'crashed',
    role: alive ? (record?.view?.role ?? 'idle') : CRASHED,
    leader: alive ? (record?.view?.leader ?? null) : null,
    clockMs,
    offsetMs: clockMs - now,
  };
}

/** A run reduced to what the run report shows: each node's outcome, the message counts and one line per event. */
export interface RunOutcome {
  scenario: Scenario;
  seed: number;
  /** True time the run stopped at, in ms. */
  untilMs: number;
  /** Offsets rounded to whole ms, as the report shows them. */
  nodes: NodeOutcome[];
  stats: MessageStats;
  log: string[];
}

/** Reduces a run (finished or still going, on any host) to its outcome. */
export function summarizeRun(
  scenario: Scenario,
  seed: number,
  now: number,
  node: (id: NodeId) => NodeStanding | undefined,
  stats: Readonly<MessageStats>,
  events: readonly TraceEvent[],
): RunOutcome {
  const nodes = scenario.nodes.map((spec) => {
    const outcome = nodeOutcome(spec, node(spec.id), now);
    return { ...outcome, offsetMs: Math.round(outcome.offsetMs) };
  });
  const nameOf = namer(scenario.nodes);
  return {
    scenario,
    seed,
    untilMs: now,
    nodes,
    stats: { ...stats, byKind: { ...stats.byKind } },
    log: events.map((e) => describeEvent(e, nameOf)),
  };
}
