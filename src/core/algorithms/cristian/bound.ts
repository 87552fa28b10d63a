// Cristian's error bound with the drift term (Cristian 1989, "Probabilistic clock
// synchronization"): the one place that says how far a synced client can be from its server.
// The checker, the page's rounds panel and metrics, the clock chart's band, the fuzzer and
// the CLI's `syncs` all read it from here.
//
// The client measured RTT and the time since the reply on its own clock, which runs at rate
// r (1 + drift, ± the slew rate while an earlier slew is being absorbed); the server's clock
// runs at s. The true round trip is D = RTT / r and the reply took d ∈ [min, D − min] of
// it. The client sets its clock to Ts + RTT/2 + elapsed while the server's reads
// Ts + (d + elapsed / r) · s, so the error is RTT/2 + elapsed − (d + elapsed / r) · s. It is
// linear in d and in 1/r, so its largest size is at a corner: that is the bound. With no
// drift it is the textbook ±(RTT/2 − min).

import { type ClockState, readClock } from '../../clock.ts';
import type { JsonValue } from '../../machine.ts';
import type { TraceEvent } from '../../trace.ts';
import type { NodeId, TrueTime } from '../../time.ts';

export interface CristianBoundInput {
  /** Round trip on the client's clock. */
  rttMs: number;
  /** Known minimum one-way delay, in true ms. */
  minDelayMs: number;
  /** Client-clock ms from receiving the reply to setting the clock (later probes of the round). */
  elapsedMs: number;
  clientDriftPpm: number;
  serverDriftPpm: number;
  /** Extra rate the client's clock may have run at over the round (a slew in progress), or 0. */
  clientSlewRate: number;
}

/** The largest |new clock − server clock| a sync with these measurements can have. */
export function cristianBound(i: CristianBoundInput): number {
  const r = 1 + i.clientDriftPpm * 1e-6;
  const s = 1 + i.serverDriftPpm * 1e-6;
  const rates = i.clientSlewRate > 0 ? [Math.max(1e-6, r - i.clientSlewRate), r + i.clientSlewRate] : [Math.max(1e-6, r)];
  let bound = 0;
  for (const rate of rates) {
    const trueRtt = i.rttMs / rate;
    const longest = Math.max(i.minDelayMs, trueRtt - i.minDelayMs);
    for (const d of [i.minDelayMs, longest]) {
      const error = i.rttMs / 2 + i.elapsedMs - (d + i.elapsedMs / rate) * s;
      bound = Math.max(bound, Math.abs(error));
    }
  }
  return bound;
}

/** One sync as the derivation reports it (ARCHITECTURE.md §6): the lab's numbers, the bound and both true errors. */
export interface CristianSyncOutcome {
  client: NodeId;
  server: NodeId;
  t: number;
  round: number;
  /** Client clock when the chosen probe left, server clock when it answered, client clock when the answer came. */
  t0: number;
  ts: number;
  t1: number;
  rttMs: number;
  beforeMs: number;
  afterMs: number;
  /** RTT/2 − min, all the client itself can know. */
  knownBoundMs: number;
  /** Cristian's bound with the drift term (cristianBound). */
  boundMs: number;
  /** The new clock minus the server's clock at that moment. */
  errorMs: number;
  /** The new clock minus true time. */
  trueErrorMs: number;
  within: boolean;
}

const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);

/** Drift rates a node had earlier in the round (drift changes mid-round, one or several): the bound takes the worst. */
export interface PriorDrift {
  client?: readonly number[];
  server?: readonly number[];
}

/**
 * A cristian-sync note read against the clocks as the trace leaves them after it (the
 * machine notes whether an earlier slew was still running when the round began, since the
 * sync's own adjust has replaced it by then). Null for any other event.
 */
export function cristianSyncOutcome(
  e: TraceEvent,
  clockOf: (node: NodeId) => ClockState | undefined,
  prior: PriorDrift = {},
): CristianSyncOutcome | null {
  if (e.type !== 'note' || e.topic !== 'cristian-sync' || !e.data) return null;
  const d = e.data;
  const server = num(d['server']);
  const serverClock = clockOf(server);
  const clientClock = clockOf(e.node);
  if (!serverClock || !clientClock) return null;
  const rttMs = num(d['rtt']);
  const knownBoundMs = num(d['boundMs']);
  const given = d['minDelayMs'];
  // Older traces lack minDelayMs: RTT/2 − bound gives it back unless the bound was clamped at 0.
  const minDelayMs = typeof given === 'number' ? given : knownBoundMs > 0 ? rttMs / 2 - knownBoundMs : rttMs / 2;
  const elapsedMs = Math.max(0, num(d['before']) - num(d['t1']));
  // Traces from before the machine said so: a slew-mode sync may have run while slewing.
  const slewing = typeof d['slewing'] === 'boolean' ? d['slewing'] : d['mode'] === 'slew';
  let boundMs = 0;
  for (const clientDriftPpm of new Set([clientClock.driftPpm, ...(prior.client ?? [])]))
    for (const serverDriftPpm of new Set([serverClock.driftPpm, ...(prior.server ?? [])]))
      boundMs = Math.max(
        boundMs,
        cristianBound({ rttMs, minDelayMs, elapsedMs, clientDriftPpm, serverDriftPpm, clientSlewRate: slewing ? clientClock.slewRate : 0 }),
      );
  const afterMs = num(d['after']);
  const errorMs = afterMs - readClock(serverClock, e.t as TrueTime);
  return {
    client: e.node,
    server,
    t: e.t,
    round: num(d['round']),
    t0: num(d['t0']),
    ts: num(d['ts']),
    t1: num(d['t1']),
    rttMs,
    beforeMs: num(d['before']),
    afterMs,
    knownBoundMs,
    boundMs,
    errorMs,
    trueErrorMs: afterMs - e.t,
    // A micro-ms of float noise is not a violation.
    within: Math.abs(errorMs) <= boundMs + 1e-6,
  };
}
