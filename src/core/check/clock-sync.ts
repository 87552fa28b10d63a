// Invariants of clock synchronisation, checked over a trace with clocks rebuilt by replay.
// Cristian: after a sync the client's new clock is within ±(RTT/2 − min) of the server's
// clock, allowing for both clocks' drift (and a slew in progress) over the round trip (valid while every link's
// real minimum delay is at least the configured `min`).
// Berkeley: the average ignores exactly the readings outside the largest group within the
// threshold of each other (Gusella & Zatti) and ignored readings do not move it;
// after a fault-free cycle the non-ignored clocks lie within twice the worst per-link bound
// of each other (plus drift since the poll).
// Any algorithm: a clock only runs backwards at a step.

import { faultTolerantAverage } from '../algorithms/berkeley/machine.ts';
import { slewEndsAt } from '../clock.ts';
import type { JsonValue } from '../machine.ts';
import type { TraceEvent } from '../trace.ts';
import type { NodeId, TrueTime } from '../time.ts';
import { ClockReplay } from './clock-replay.ts';
import type { Violation } from './violations.ts';

const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);

export interface CristianSyncError {
  client: NodeId;
  server: NodeId;
  /** The new clock minus the server's clock at that moment. */
  errorMs: number;
  /** ±(RTT/2 − min), as the client computed it. */
  boundMs: number;
  /** What drift (and a slew in progress) can add over the round trip. */
  slackMs: number;
}

/** A cristian-sync note's true error against the server, with the bound it must keep. Feed `replay` every event up to this one first. */
export function cristianSyncError(replay: ClockReplay, e: TraceEvent): CristianSyncError | null {
  // A real client behind the relay never sets its clock: its note says what it would have done.
  if (e.type !== 'note' || e.topic !== 'cristian-sync' || !e.data || e.data['external'] === true) return null;
  const server = num(e.data['server']);
  const serverClock = replay.read(server, e.t);
  if (serverClock === null) return null;
  const rtt = num(e.data['rtt']);
  const elapsed = num(e.data['before']) - num(e.data['t1']);
  const driftSum = Math.abs(replay.clock(e.node)?.driftPpm ?? 0) + Math.abs(replay.clock(server)?.driftPpm ?? 0);
  // The bound assumes the client's clock ran at its rate over the round trip; a slew still
  // absorbing an earlier adjustment runs it up to slewRate fast or slow.
  const slewing = e.data['mode'] === 'slew' ? (replay.clock(e.node)?.slewRate ?? 0) : 0;
  // (rtt is in client time: the true round trip is longer by up to the client's drift.)
  const slackMs = ((driftSum * 1e-6 + slewing) * (rtt + elapsed)) / (1 - driftSum * 1e-6) + 1e-6;
  return { client: e.node, server, errorMs: num(e.data['after']) - serverClock, boundMs: num(e.data['boundMs']), slackMs };
}

export function checkCristianBound(events: readonly TraceEvent[]): Violation[] {
  const replay = new ClockReplay();
  const violations: Violation[] = [];
  for (const e of events) {
    replay.apply(e);
    const sync = cristianSyncError(replay, e);
    if (!sync) continue;
    if (!(Math.abs(sync.errorMs) <= sync.boundMs + sync.slackMs)) {
      violations.push({
        t: e.t,
        invariant: 'cristian bound',
        detail: `P${sync.client} error ${sync.errorMs.toFixed(3)} ms against the server exceeds ±${sync.boundMs.toFixed(3)} ms (+${sync.slackMs.toFixed(3)} drift)`,
      });
    }
  }
  return violations;
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

export function checkBerkeley(events: readonly TraceEvent[]): Violation[] {
  const replay = new ClockReplay();
  const violations: Violation[] = [];
  const pending: PendingSpread[] = [];
  let cycleStart = 0;
  let lastAction = -Infinity;
  const spreadAt = (p: PendingSpread, t: number): void => {
    const readings = p.nodes.map((n) => replay.read(n, t as TrueTime)).filter((r): r is NonNullable<typeof r> => r !== null);
    if (readings.length < 2) return;
    const spread = Math.max(...readings) - Math.min(...readings);
    const drifts = p.nodes.map((n) => replay.clock(n)?.driftPpm ?? 0);
    const slack = (Math.max(...drifts) - Math.min(...drifts)) * 1e-6 * (t - p.started) + 1e-6;
    if (spread > 2 * p.bound + slack) {
      violations.push({
        t,
        invariant: 'berkeley spread',
        detail: `cycle ${p.cycle}: spread ${spread.toFixed(3)} ms after the cycle exceeds 2 × ${p.bound.toFixed(3)} ms (+${slack.toFixed(3)} drift)`,
      });
    }
  };

  for (const e of events) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i] as PendingSpread;
      if (p.checkAt !== null && e.t > p.checkAt) {
        spreadAt(p, p.checkAt);
        pending.splice(i, 1);
      }
    }
    replay.apply(e);
    if (e.type === 'action' || e.type === 'crash' || e.type === 'fault' || (e.type === 'drop' && e.kind !== 'HEARTBEAT')) {
      lastAction = e.t;
      pending.length = 0; // a fault during a cycle makes its spread unpredictable
      continue;
    }
    if (e.type === 'send' && e.kind === 'POLL') {
      const cycle = (e.msg as { cycle?: number }).cycle;
      if (cycle !== undefined && !pending.some((p) => p.cycle === cycle)) cycleStart = e.t;
      continue;
    }
    if (e.type === 'note' && e.topic === 'berkeley-cycle' && e.data) {
      const readings = readingsOf(e.data);
      const average = num(e.data['averageMs']);
      const threshold = num(e.data['thresholdMs']);
      const kept = readings.filter((r) => !r.ignored);
      const mean = kept.reduce((s, r) => s + r.offsetMs, 0) / Math.max(1, kept.length);
      if (kept.length > 0 && Math.abs(mean - average) > 1e-6) {
        // A master that averages master − slave instead of slave − master gets the negated mean.
        const inverted = Math.abs(mean + average) <= 1e-6 + 1e-9 * Math.abs(mean);
        violations.push({
          t: e.t,
          invariant: 'berkeley average',
          detail: `average ${average} is not the mean ${mean} of the kept readings${inverted ? ' (it is its negation: the sign is inverted)' : ''}`,
        });
      }
      // The time daemon's own clock is one of the clocks it averages (its offset 0).
      if (!readings.some((r) => r.node === e.node)) {
        violations.push({
          t: e.t,
          invariant: 'berkeley master reading',
          detail: `cycle ${num(e.data['cycle'])}: the master's own clock is left out of the average`,
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
          violations.push({
            t: e.t,
            invariant: 'berkeley outliers',
            detail: `node ${r.node} offset ${r.offsetMs.toFixed(3)} ms: ignored=${r.ignored}, but the largest group within ${threshold} ms of each other says ${String(expected.ignored[i])}`,
          });
      });
      const missing = e.data['missing'];
      // Pending spreads overlap with a new cycle: their clocks are about to move again.
      pending.length = 0;
      if (Array.isArray(missing) && missing.length === 0 && cycleStart > lastAction) {
        const nodes = kept.map((r) => r.node);
        pending.push({
          cycle: num(e.data['cycle']),
          master: e.node,
          started: cycleStart,
          bound: Math.max(0, ...readings.filter((r) => r.node !== e.node).map((r) => r.rttMs / 2)),
          mode: String(e.data['mode']),
          nodes,
          awaiting: new Set(readings.map((r) => r.node)),
          checkAt: null,
        });
      }
    }
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
  }
  return violations;
}

/** A clock may jump backwards only at a step; slewing and drift never make it run backwards. */
export function checkMonotonicClocks(events: readonly TraceEvent[]): Violation[] {
  const last = new Map<NodeId, number>();
  const violations: Violation[] = [];
  for (const e of events) {
    if (!('local' in e) || !('node' in e)) continue;
    if (e.type === 'adjust' && e.mode === 'step') {
      last.set(e.node, e.local);
      continue;
    }
    const prev = last.get(e.node);
    if (prev !== undefined && e.local < prev - 1e-9) {
      violations.push({ t: e.t, invariant: 'monotonic clock', detail: `P${e.node} read ${e.local} after ${prev} without a step` });
    }
    last.set(e.node, e.local);
  }
  return violations;
}
