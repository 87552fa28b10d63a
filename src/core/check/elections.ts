// Invariants of leader election, checked over a trace.
// Safety (for runs without partitions, message loss or false suspicion): a process never
// becomes coordinator while a higher live process is coordinator, and two live
// coordinators never coexist for longer than the new one's announcement needs to reach the
// old one (`maxOverlapMs`: one message delay for Bully, one trip round the ring for Ring).
// Convergence (after faults stop, the network heals and someone notices): every live
// process names the same coordinator, and it is the highest live id.

import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';
import type { Violation } from './violations.ts';

export interface ElectionSafetyOptions {
  maxOverlapMs: number;
  /** Also require that no process becomes coordinator while a higher one is (default true). */
  highestLeads?: boolean;
}

export function checkElectionSafety(events: readonly TraceEvent[], options: ElectionSafetyOptions): Violation[] {
  const violations: Violation[] = [];
  const coordinators = new Set<NodeId>();
  let overlapSince: number | null = null;
  let lastT = 0;

  const closeOverlap = (t: number): void => {
    if (overlapSince !== null && coordinators.size < 2) {
      if (t - overlapSince > options.maxOverlapMs) {
        violations.push({
          t,
          invariant: 'one coordinator',
          detail: `two or more coordinators for ${(t - overlapSince).toFixed(1)} ms (allowed ${options.maxOverlapMs} ms)`,
        });
      }
      overlapSince = null;
    }
  };

  for (const e of events) {
    lastT = e.t;
    if (e.type === 'role') {
      if (e.role === 'coordinator' && !coordinators.has(e.node)) {
        const higher = [...coordinators].filter((c) => c > e.node);
        if (higher.length > 0 && options.highestLeads !== false) {
          violations.push({
            t: e.t,
            invariant: 'highest leads',
            detail: `P${e.node} became coordinator while higher P${higher.join(', P')} was coordinator`,
          });
        }
        coordinators.add(e.node);
        if (coordinators.size >= 2 && overlapSince === null) overlapSince = e.t;
      } else if (e.role !== 'coordinator' && coordinators.delete(e.node)) {
        closeOverlap(e.t);
      }
    } else if (e.type === 'crash' && coordinators.delete(e.node)) {
      closeOverlap(e.t);
    }
  }
  if (overlapSince !== null && lastT - overlapSince > options.maxOverlapMs) {
    violations.push({
      t: lastT,
      invariant: 'one coordinator',
      detail: `two or more coordinators since t=${overlapSince.toFixed(1)} until the end`,
    });
  }
  return violations;
}

export interface NodeOutcome {
  alive: boolean;
  role: string | null;
  leader: NodeId | null;
}

/** Each node's final status, role and believed leader, from the trace alone. */
export function finalOutcomes(events: readonly TraceEvent[]): Map<NodeId, NodeOutcome> {
  const out = new Map<NodeId, NodeOutcome>();
  for (const e of events) {
    switch (e.type) {
      case 'node':
        out.set(e.node, { alive: true, role: null, leader: null });
        break;
      case 'crash':
        out.set(e.node, { alive: false, role: null, leader: null });
        break;
      case 'boot':
        out.set(e.node, { alive: true, role: null, leader: null });
        break;
      case 'role':
        out.set(e.node, { alive: true, role: e.role, leader: e.leader });
        break;
      default:
        break;
    }
  }
  return out;
}

export function checkElectionConvergence(events: readonly TraceEvent[]): Violation[] {
  const t = events.at(-1)?.t ?? 0;
  const outcomes = finalOutcomes(events);
  const live = [...outcomes.entries()].filter(([, o]) => o.alive);
  if (live.length === 0) return [];
  const highest = Math.max(...live.map(([id]) => id));
  const violations: Violation[] = [];
  for (const [id, o] of live) {
    if (o.leader !== highest)
      violations.push({
        t,
        invariant: 'agreement',
        detail: `P${id} names ${o.leader === null ? 'no one' : `P${o.leader}`}, the highest live process is P${highest}`,
      });
    const expectedRole = id === highest ? 'coordinator' : 'follower';
    if (o.role !== expectedRole)
      violations.push({ t, invariant: 'settled', detail: `P${id} is ${o.role ?? 'without a role'}, expected ${expectedRole}` });
  }
  return violations;
}

/**
 * Live monitor for split brain: two or more live coordinators once every election message has
 * arrived (or been dropped), heartbeats aside. Under a partition, or after one heals without
 * heartbeats, that is how Bully and Ring end; with heartbeats it resolves within a heartbeat
 * timeout. Reported once per set of coordinators, on each of them.
 *
 * Judged at the end of each instant, not after each event: a delivery and the role change it
 * causes are separate events at the same time, and between them the old and the new
 * coordinator both look like coordinators. `flush()` judges the last instant of a trace.
 */
export class SplitBrainMonitor {
  private readonly coordinators = new Set<NodeId>();
  private readonly inFlight = new Map<number, number>();
  private reported = '';
  /** The time of the last event fed, and whether its instant is still to be judged. */
  private lastT = 0;
  private open = false;

  push(e: TraceEvent): Violation[] {
    const found = this.open && e.t > this.lastT ? this.judge(this.lastT) : [];
    this.apply(e);
    this.lastT = e.t;
    this.open = true;
    return found;
  }

  /** Judges the instant of the last event fed (the end of a finished trace). */
  flush(): Violation[] {
    return this.open ? this.judge(this.lastT) : [];
  }

  private apply(e: TraceEvent): void {
    switch (e.type) {
      case 'send':
        if (e.kind !== 'HEARTBEAT') this.inFlight.set(e.msgId, (this.inFlight.get(e.msgId) ?? 0) + 1);
        break;
      case 'duplicate':
        if (this.inFlight.has(e.msgId)) this.inFlight.set(e.msgId, (this.inFlight.get(e.msgId) ?? 0) + 1);
        break;
      case 'deliver':
      case 'drop': {
        const n = this.inFlight.get(e.msgId);
        if (n !== undefined) {
          if (n <= 1) this.inFlight.delete(e.msgId);
          else this.inFlight.set(e.msgId, n - 1);
        }
        break;
      }
      case 'role':
        if (e.role === 'coordinator') this.coordinators.add(e.node);
        else this.coordinators.delete(e.node);
        break;
      case 'crash':
      case 'fault':
      case 'boot':
        this.coordinators.delete(e.node);
        break;
      default:
        break;
    }
  }

  private judge(t: number): Violation[] {
    this.open = false;
    if (this.coordinators.size < 2) {
      this.reported = '';
      return [];
    }
    if (this.inFlight.size > 0) return [];
    const ids = [...this.coordinators].sort((a, b) => a - b);
    const key = ids.join(',');
    if (key === this.reported) return [];
    this.reported = key;
    return ids.map((node) => ({
      t,
      node,
      invariant: 'two coordinators',
      detail: `P${ids.join(' and P')} are all coordinator with no election message left in flight (split brain)`,
    }));
  }
}

/** The split-brain monitor as election algorithms list it among their monitors (one factory, so one instance runs for all). */
export const splitBrainMonitor = (): SplitBrainMonitor => new SplitBrainMonitor();
