// Invariants of clock synchronisation, checked over a trace with clocks rebuilt by replay.
// Cristian: after a sync the client's new clock is within Cristian's bound of the server's
// (algorithms/cristian/bound.ts: ±(RTT/2 − min) with both clocks' drift, and a slew in
// progress, over the round trip; valid while every link's real minimum delay is at least the
// configured `min`). Each checker is incremental (the page runs them live as the trace grows);
// the check* functions run one over a whole trace.
// Berkeley: the average ignores exactly the readings outside the largest group within the
// threshold of each other (Gusella & Zatti) and ignored readings do not move it;
// after a fault-free cycle the non-ignored clocks lie within twice the worst per-link bound
// of each other (plus drift since the poll).
// Any algorithm: a clock only runs backwards at a step.

import { faultTolerantAverage } from '../algorithms/berkeley/machine.ts';
import { cristianSyncOutcome, type CristianSyncOutcome, type PriorDrift } from '../algorithms/cristian/bound.ts';
import { slewEndsAt } from '../clock.ts';
import type { JsonValue } from '../machine.ts';
import type { TraceEvent } from '../trace.ts';
import type { NodeId, TrueTime } from '../time.ts';
import { ClockReplay } from './clock-replay.ts';
import type { Violation } from './violations.ts';

const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);

/** A checker fed the trace one event at a time; each push returns what that event broke. */
export interface IncrementalChecker {
  push(e: TraceEvent): Violation[];
  /** Judges what waits for the end of its instant (split brain), once the trace has passed it or ended. */
  flush?(): Violation[];
}

const runAll = (checker: IncrementalChecker, events: readonly TraceEvent[]): Violation[] => events.flatMap((e) => checker.push(e));

/** Drift changes are remembered this long (true ms): longer than any round trip a sync can measure. */
const DRIFT_MEMORY_MS = 60_000;

/** Cristian: each sync's new clock within cristianBound of the server's (algorithms/cristian/bound.ts). */
/**
 * Clocks stepped by hand (offset actions, the CLI's and the URL's `offset=`). Every sync bound
 * assumes each clock runs on, continuous, from the request to the correction; a round that a
 * step cuts through measured nothing, so it is not judged (the next round is).
 */
export class UserSteps {
  private readonly at = new Map<NodeId, number[]>();

  push(e: TraceEvent): void {
    if (e.type !== 'action' || e.action.type !== 'offset') return;
    this.at.set(e.action.node, [...(this.at.get(e.action.node) ?? []), e.t].slice(-16));
  }

  /** Whether any of `nodes` was stepped by hand at a true time in [from, to]. */
  within(nodes: readonly NodeId[], from: number, to: number): boolean {
    return nodes.some((n) => (this.at.get(n) ?? []).some((t) => t >= from && t <= to));
  }
}

export class CristianBoundChecker implements IncrementalChecker {
  private readonly steps = new UserSteps();
  readonly replay = new ClockReplay();
  /** Each node's drift changes within DRIFT_MEMORY_MS: when, and the rate it ran at before. */
  private readonly driftChanged = new Map<NodeId, { t: number; before: number }[]>();
  /** Every sync read so far, with its bound and errors. */
  readonly syncs: CristianSyncOutcome[] = [];

  push(e: TraceEvent): Violation[] {
    if (e.type === 'action' && e.action.type === 'drift') {
      // Drift changes mid-round: the bound takes the worst of every rate the round saw
      // (two changes at one instant once left the first rate out, and the bound 0.5 ms short).
      const c = this.replay.clock(e.action.node);
      if (c) {
        const kept = (this.driftChanged.get(e.action.node) ?? []).filter((d) => e.t - d.t < DRIFT_MEMORY_MS);
        this.driftChanged.set(e.action.node, [...kept, { t: e.t, before: c.driftPpm }]);
      }
    }
    this.replay.apply(e);
    this.steps.push(e);
    if (e.type !== 'note' || e.topic !== 'cristian-sync') return [];
    const priorOf = (node: NodeId): number[] | undefined => {
      const rates = (this.driftChanged.get(node) ?? []).filter((d) => e.t - d.t < DRIFT_MEMORY_MS).map((d) => d.before);
      return rates.length > 0 ? rates : undefined;
    };
    const server = num(e.data?.['server']);
    const prior: PriorDrift = {};
    const pc = priorOf(e.node);
    const ps = priorOf(server);
    if (pc !== undefined) prior.client = pc;
    if (ps !== undefined) prior.server = ps;
    const sync = cristianSyncOutcome(e, (n) => this.replay.clock(n), prior);
    if (!sync) return [];
    this.syncs.push(sync);
    if (sync.within) return [];
    // The round on the client's clock, at most twice as long in true time (a clock at −50%).
    // (A client stepped mid-round measured a round trip of any size, even a negative one.)
    const roundMs = 2 * (Math.abs(sync.rttMs) + Math.abs(sync.beforeMs - sync.t1)) + 1;
    if (this.steps.within([sync.client, sync.server], e.t - roundMs, e.t)) return [];
    return [
      {
        t: e.t,
        node: sync.client,
        invariant: 'cristian bound',
        detail: `P${sync.client} error ${sync.errorMs.toFixed(3)} ms against the server exceeds Cristian's bound ±${sync.boundMs.toFixed(3)} ms`,
      },
    ];
  }
}

export function checkCristianBound(events: readonly TraceEvent[]): Violation[] {
  return runAll(new CristianBoundChecker(), events);
}

interface Reading {
  node: NodeId;
  offsetMs: number;
  rttMs: number;
  ignored: boolean;
}

function readingsOf(data: { [key: string]: JsonValue }): Reading[] {
  const raw = data['readings'];
  if (!Array.isArray(raw)) return [];
  return raw.map((r) => {
    const o = (r ?? {}) as { [key: string]: JsonValue };
    return { node: num(o['node']), offsetMs: num(o['offsetMs']), rttMs: num(o['rttMs']), ignored: o['ignored'] === true };
  });
}

interface PendingSpread {
  cycle: number;
  master: NodeId;
  started: number;
  bound: number;
  mode: string;
  nodes: NodeId[];
  awaiting: Set<NodeId>;
  /** When every adjustment is absorbed; known once the last one is applied. */
  checkAt: number | null;
}

export class BerkeleyChecker implements IncrementalChecker {
  private readonly replay = new ClockReplay();
  private readonly pending: PendingSpread[] = [];
  private cycleStart = 0;
  private lastAction = -Infinity;
  private violations: Violation[] = [];

  private spreadAt(p: PendingSpread, t: number): void {
    const replay = this.replay;
    const readings = p.nodes.map((n) => replay.read(n, t as TrueTime)).filter((r): r is NonNullable<typeof r> => r !== null);
    if (readings.length < 2) return;
    const spread = Math.max(...readings) - Math.min(...readings);
    const drifts = p.nodes.map((n) => replay.clock(n)?.driftPpm ?? 0);
    const slack = (Math.max(...drifts) - Math.min(...drifts)) * 1e-6 * (t - p.started) + 1e-6;
    if (spread > 2 * p.bound + slack) {
      this.violations.push({
        t,
        node: p.master,
        invariant: 'berkeley spread',
        detail: `cycle ${p.cycle}: spread ${spread.toFixed(3)} ms after the cycle exceeds 2 × ${p.bound.toFixed(3)} ms (+${slack.toFixed(3)} drift)`,
      });
    }
  }

  push(e: TraceEvent): Violation[] {
    this.violations = [];
    const { pending, replay } = this;
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as PendingSpread;
      if (p.checkAt !== null && e.t > p.checkAt) {
        this.spreadAt(p, p.checkAt);
        pending.splice(i, 1);
      }
    }
    replay.apply(e);
    if (e.type === 'action' || e.type === 'crash' || e.type === 'fault' || (e.type === 'drop' && e.kind !== 'HEARTBEAT')) {
      this.lastAction = e.t;
      pending.length = 0; // a fault during a cycle makes its spread unpredictable
      return this.violations;
    }
    if (e.type === 'send' && e.kind === 'POLL') {
      const cycle = (e.msg as { cycle?: number }).cycle;
      if (cycle !== undefined && !pending.some((p) => p.cycle === cycle)) this.cycleStart = e.t;
      return this.violations;
    }
    if (e.type === 'note' && e.topic === 'berkeley-cycle' && e.data) this.cycle(e, e.data);
    if (e.type === 'adjust') {
      for (const p of pending) {
        if (!p.awaiting.delete(e.node)) continue;
        if (p.awaiting.size === 0) {
          const ends = p.nodes.map((n) => {
            const c = replay.clock(n);
            return (c && slewEndsAt(c)) ?? e.t;
          });
          p.checkAt = Math.max(e.t, ...ends);
        }
      }
    }
    return this.violations;
  }

  private cycle(e: TraceEvent & { type: 'note' }, data: { [key: string]: JsonValue }): void {
    const readings = readingsOf(data);
    const average = num(data['averageMs']);
    const threshold = num(data['thresholdMs']);
    const kept = readings.filter((r) => !r.ignored);
    const mean = kept.reduce((s, r) => s + r.offsetMs, 0) / Math.max(1, kept.length);
    if (kept.length > 0 && Math.abs(mean - average) > 1e-6) {
      // A master that averages master − slave instead of slave − master gets the negated mean.
      const inverted = Math.abs(mean + average) <= 1e-6 + 1e-9 * Math.abs(mean);
      this.violations.push({
        t: e.t,
        node: e.node,
        invariant: 'berkeley average',
        detail: `average ${average} is not the mean ${mean} of the kept readings${inverted ? ' (it is its negation: the sign is inverted)' : ''}`,
      });
    }
    // The time daemon's own clock is one of the clocks it averages (its offset 0).
    if (!readings.some((r) => r.node === e.node)) {
      this.violations.push({
        t: e.t,
        node: e.node,
        invariant: 'berkeley master reading',
        detail: `cycle ${num(data['cycle'])}: the master's own clock is left out of the average`,
      });
    }
    // The same fault-tolerant average, recomputed: the largest group within the threshold of each other.
    const expected = faultTolerantAverage(
      readings.map((r) => r.offsetMs),
      threshold,
      readings.findIndex((r) => r.node === e.node),
    );
    readings.forEach((r, i) => {
      if (expected.ignored[i] !== r.ignored)
        this.violations.push({
          t: e.t,
          node: r.node,
          invariant: 'berkeley outliers',
          detail: `node ${r.node} offset ${r.offsetMs.toFixed(3)} ms: ignored=${r.ignored}, but the largest group within ${threshold} ms of each other says ${String(expected.ignored[i])}`,
        });
    });
    const missing = data['missing'];
    // Pending spreads overlap with a new cycle: their clocks are about to move again.
    this.pending.length = 0;
    if (Array.isArray(missing) && missing.length === 0 && this.cycleStart > this.lastAction) {
      this.pending.push({
        cycle: num(data['cycle']),
        master: e.node,
        started: this.cycleStart,
        bound: Math.max(0, ...readings.filter((r) => r.node !== e.node).map((r) => r.rttMs / 2)),
        mode: String(data['mode']),
        nodes: kept.map((r) => r.node),
        awaiting: new Set(readings.map((r) => r.node)),
        checkAt: null,
      });
    }
  }
}

export function checkBerkeley(events: readonly TraceEvent[]): Violation[] {
  return runAll(new BerkeleyChecker(), events);
}

/** A clock may jump backwards only at a step; slewing and drift never make it run backwards. */
export class MonotonicClockChecker implements IncrementalChecker {
  private readonly last = new Map<NodeId, number>();

  push(e: TraceEvent): Violation[] {
    // A clock stepped by hand (an offset action) may jump back: what it reads next starts afresh.
    if (e.type === 'action' && e.action.type === 'offset') this.last.delete(e.action.node);
    if (!('local' in e) || !('node' in e)) return [];
    if (e.type === 'adjust' && e.mode === 'step') {
      this.last.set(e.node, e.local);
      return [];
    }
    const prev = this.last.get(e.node);
    this.last.set(e.node, e.local);
    if (prev !== undefined && e.local < prev - 1e-9)
      return [{ t: e.t, node: e.node, invariant: 'monotonic clock', detail: `P${e.node} read ${e.local} after ${prev} without a step` }];
    return [];
  }
}

export function checkMonotonicClocks(events: readonly TraceEvent[]): Violation[] {
  return runAll(new MonotonicClockChecker(), events);
}
