// Reduces a run (on the page's worker host, or inline in tests) to what the first page
// shows: each node's status, role, believed leader and clock offset, the message counts,
// and one readable line per trace event.

import { readClock } from '../core/clock.ts';
import { describeEvent } from '../core/describe-event.ts';
import type { Role } from '../core/machine.ts';
import type { Scenario } from '../core/scenario.ts';
import type { MessageStats, NodeRecord } from '../core/simulation.ts';
import type { NodeId, TrueTime } from '../core/time.ts';
import type { TraceEvent } from '../core/trace.ts';
import { simulateInline } from '../hosts/inline.ts';

export interface NodeOutcome {
  id: NodeId;
  name: string;
  status: 'alive' | 'crashed';
  role: Role | 'crashed';
  /** The node this one believes leads, or null (always null when crashed). */
  leader: NodeId | null;
  /** Local clock minus true time, rounded to whole ms. */
  offsetMs: number;
}

export interface LabRun {
  scenario: Scenario;
  seed: number;
  /** True time the run stopped at, in ms. */
  untilMs: number;
  nodes: NodeOutcome[];
  stats: MessageStats;
  log: string[];
}

export function nodeNamer(scenario: Scenario): (id: NodeId) => string {
  const names = new Map(scenario.nodes.map((n) => [n.id, n.name]));
  return (id) => names.get(id) ?? `node ${id}`;
}

/** What the simulation knows of a node, from a Simulation or a live runner. */
type NodeLookup = (id: NodeId) => Readonly<NodeRecord> | undefined;

/** Reduces a run (finished or still going) to what the first page shows. */
export function summarizeRun(
  scenario: Scenario,
  seed: number,
  now: number,
  node: NodeLookup,
  stats: Readonly<MessageStats>,
  events: readonly TraceEvent[],
): LabRun {
  const nodes = scenario.nodes.map((spec): NodeOutcome => {
    const record = node(spec.id);
    const alive = record?.alive ?? false;
    const offsetMs = record ? Math.round(readClock(record.clock, now as TrueTime) - now) : 0;
    return {
      id: spec.id,
      name: spec.name,
      status: alive ? 'alive' : 'crashed',
      role: alive ? (record?.view?.role ?? 'idle') : 'crashed',
      leader: alive ? (record?.view?.leader ?? null) : null,
      offsetMs,
    };
  });
  const nameOf = nodeNamer(scenario);
  return {
    scenario,
    seed,
    untilMs: now,
    nodes,
    stats: { ...stats, byKind: { ...stats.byKind } },
    log: events.map((e) => describeEvent(e, nameOf)),
  };
}

/** Runs a scenario to its end on the inline host, synchronously (tests; the page runs it in workers). */
export function runPreset(scenario: Scenario, seed: number): LabRun {
  const { sim, host, events } = simulateInline(scenario, seed);
  host.dispose();
  return summarizeRun(scenario, seed, sim.now, (id) => sim.node(id), sim.stats, events);
}
