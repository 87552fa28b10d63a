// Berkeley's algorithm (Gusella & Zatti 1989; Tanenbaum & van Steen, Distributed Systems,
// ch. 6 "Clock synchronization"; Coulouris et al. §14.3.3).
// A master (time daemon) polls every other node for its clock, estimates each node's offset
// from its own clock as Tn + RTT/2 − T1 (so the estimate is off by at most RTT/2 − min, half
// the difference of the two one-way delays), takes a fault-tolerant average and sends each
// node the *relative* adjustment it needs (average − its offset), applying the average to
// itself. Relative adjustments do not age in transit: a node applies the delta whenever it
// arrives, so the ADJUST message's own delay costs no accuracy (the lab sent absolute times,
// which were stale by the time they arrived; we must not copy that).
// Fault-tolerant average, kept simple: the master's own 0 is a reading like the others; take
// the median of all readings, ignore those more than `thresholdMs` from it, average the rest.
// If that would ignore every reading (only possible with an even count whose two middle
// readings are far apart) nothing is ignored. Ignored nodes still get their correction.
// Assumptions: symmetric link delays (asymmetry shows up as estimate error, as in
// Cristian's), the master's own drift over one poll round is negligible, and the master is
// fixed by the settings: if it crashes the cycles stop and the others simply wait (pair it
// with an election to pick a new one). A cycle ends when every node replied or after
// `pollTimeoutMs`; nodes that did not reply are left out of that cycle. The next cycle starts
// `periodMs` after the previous one ended; the first one `firstCycleMs` after boot
// (default `periodMs`), and a recovered master starts again `periodMs` after recovery.
// Limitation: an estimate made while a node is still slewing from the last cycle is off by
// what the slew absorbs between the poll and the ADJUST (the new slew replaces the rest, see
// clock.ts): about slewRate × (time from TIME reply to ADJUST arrival).
// Each master incarnation tags its messages with a random epoch so replies and adjustments
// from before a crash, and duplicated adjustments, are never applied twice.

import { assertNever } from '../../assert.ts';
import type { ClockMode, Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

export interface BerkeleySettings {
  /** The time daemon; every other node is a slave it polls. */
  masterId: NodeId;
  /** Local ms from the end of one cycle to the start of the next (the lab used 5000); 0 runs one cycle. */
  periodMs: number;
  /** Readings whose offset differs from the median by more than this are left out of the average. */
  thresholdMs: number;
  /** How every node applies its adjustment (slew is the default in the presets). */
  mode: ClockMode;
  /** Local ms the master waits for TIME replies before closing the cycle without the missing ones. */
  pollTimeoutMs: number;
  /** Local ms after boot before the first cycle; defaults to periodMs. */
  firstCycleMs?: number;
}

export type BerkeleyMessage =
  | { kind: 'POLL'; cycle: number; epoch: number }
  /** A node's clock reading `clockMs`, answering the POLL with the same cycle and epoch. */
  | { kind: 'TIME'; cycle: number; epoch: number; clockMs: number }
  /** Relative: the receiver adds `deltaMs` to its clock. Never an absolute time. */
  | { kind: 'ADJUST'; cycle: number; epoch: number; deltaMs: number };

/** Master: one outstanding poll of the current cycle, in the master's local ms (tn in the node's). */
export interface BerkeleyPoll {
  node: NodeId;
  t0: number;
  tn: number | null;
  t1: number | null;
}

export interface BerkeleyReading {
  node: NodeId;
  offsetMs: number;
  rttMs: number;
  ignored: boolean;
}

/** Master: what the last completed cycle found (for the inspector). */
export interface BerkeleyCycleSummary {
  cycle: number;
  averageMs: number;
  replied: number;
  polled: number;
  ignored: NodeId[];
}

export interface BerkeleyState {
  /** Master: random tag of this incarnation's cycles (0 on slaves). */
  epoch: number;
  /** Master: cycles started in this incarnation. */
  cycle: number;
  polling: boolean;
  polls: BerkeleyPoll[];
  last: BerkeleyCycleSummary | null;
  /** Any node: the newest adjustment applied, so a duplicate or stale ADJUST is not applied again. */
  applied: { master: NodeId; epoch: number; cycle: number; deltaMs: number } | null;
  adjustments: number;
}

type Ctx = NodeContext<BerkeleySettings>;
type BerkeleyStep = Step<BerkeleyState, BerkeleyMessage>;
type BerkeleyEffect = Effect<BerkeleyMessage>;

const TIMER_CYCLE = 'cycle';
const TIMER_POLL = 'poll-timeout';

const isMaster = (ctx: Ctx): boolean => ctx.self === ctx.config.masterId;
const nonNegative = (ms: number | undefined): number => (ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : 0);
const signedMs = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

export interface FaultTolerantAverage {
  medianMs: number;
  averageMs: number;
  /** Parallel to the input: true where the reading was left out of the average. */
  ignored: boolean[];
}

/** Median of all readings, ignore those more than thresholdMs from it, average the rest. */
export function faultTolerantAverage(offsets: readonly number[], thresholdMs: number): FaultTolerantAverage {
  if (offsets.length === 0) return { medianMs: 0, averageMs: 0, ignored: [] };
  const sorted = [...offsets].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  let ignored = offsets.map((o) => Math.abs(o - medianMs) > thresholdMs);
  if (ignored.every(Boolean)) ignored = offsets.map(() => false);
  let sum = 0;
  let count = 0;
  offsets.forEach((o, i) => {
    if (!ignored[i]) {
      sum += o;
      count++;
    }
  });
  return { medianMs, averageMs: sum / count, ignored };
}

function startCycle(state: BerkeleyState, ctx: Ctx): BerkeleyStep {
  const cycle = state.cycle + 1;
  const t0: number = ctx.now;
  const polls = ctx.peers.map((node): BerkeleyPoll => ({ node, t0, tn: null, t1: null }));
  const next: BerkeleyState = { ...state, cycle, polling: true, polls };
  if (polls.length === 0) return finishCycle(next, ctx);
  return {
    state: next,
    effects: [
      ...polls.map((p): BerkeleyEffect => ({ type: 'send', to: p.node, msg: { kind: 'POLL', cycle, epoch: state.epoch } })),
      { type: 'timer', key: TIMER_POLL, afterMs: nonNegative(ctx.config.pollTimeoutMs) },
    ],
  };
}

function finishCycle(state: BerkeleyState, ctx: Ctx): BerkeleyStep {
  const { config } = ctx;
  const now: number = ctx.now;
  const raw: { node: NodeId; offsetMs: number; rttMs: number }[] = [{ node: ctx.self, offsetMs: 0, rttMs: 0 }];
  const missing: NodeId[] = [];
  for (const p of state.polls) {
    if (p.tn === null || p.t1 === null) {
      missing.push(p.node);
      continue;
    }
    const rttMs = p.t1 - p.t0;
    raw.push({ node: p.node, offsetMs: p.tn + rttMs / 2 - p.t1, rttMs });
  }
  raw.sort((a, b) => a.node - b.node);
  const { medianMs, averageMs, ignored } = faultTolerantAverage(
    raw.map((r) => r.offsetMs),
    config.thresholdMs,
  );
  const readings: BerkeleyReading[] = raw.map((r, i) => ({ ...r, ignored: ignored[i] ?? false }));
  const adjustments = readings.map((r) => ({ node: r.node, deltaMs: averageMs - r.offsetMs }));
  const offsets = readings.map((r) => r.offsetMs);
  const spreadBeforeMs = Math.max(...offsets) - Math.min(...offsets);
  // Each estimate is off by at most RTT/2 − min; with min unknown to the master, RTT/2 bounds it.
  const boundMs = Math.max(0, ...readings.filter((r) => r.node !== ctx.self).map((r) => r.rttMs / 2));
  const ignoredReadings = readings.filter((r) => r.ignored);

  const text =
    `cycle ${state.cycle}: ${readings.length - 1}/${state.polls.length} replied, average ${signedMs(averageMs)}` +
    (ignoredReadings.length > 0
      ? `, ignored ${ignoredReadings.map((r) => `${ctx.nameOf(r.node)} (${signedMs(r.offsetMs)})`).join(', ')}`
      : '') +
    (missing.length > 0 ? `, no reply from ${missing.map((n) => ctx.nameOf(n)).join(', ')}` : '') +
    `, spread before ${spreadBeforeMs.toFixed(1)} ms`;

  const effects: BerkeleyEffect[] = [{ type: 'cancel', key: TIMER_POLL }];
  for (const a of adjustments) {
    if (a.node === ctx.self) continue;
    effects.push({ type: 'send', to: a.node, msg: { kind: 'ADJUST', cycle: state.cycle, epoch: state.epoch, deltaMs: a.deltaMs } });
  }
  effects.push({
    type: 'note',
    topic: 'berkeley-cycle',
    text,
    data: {
      cycle: state.cycle,
      master: ctx.self,
      readings: readings.map((r) => ({ node: r.node, offsetMs: r.offsetMs, rttMs: r.rttMs, ignored: r.ignored })),
      medianMs,
      averageMs,
      thresholdMs: config.thresholdMs,
      adjustments: adjustments.map((a) => ({ node: a.node, deltaMs: a.deltaMs })),
      missing,
      spreadBeforeMs,
      boundMs,
      mode: config.mode,
    },
  });
  effects.push(...applyAdjustment(ctx.self, state.cycle, averageMs, now, ctx));
  if (config.periodMs > 0) effects.push({ type: 'timer', key: TIMER_CYCLE, afterMs: config.periodMs });

  return {
    state: {
      ...state,
      polling: false,
      polls: [],
      last: {
        cycle: state.cycle,
        averageMs,
        replied: readings.length - 1,
        polled: state.polls.length,
        ignored: ignoredReadings.map((r) => r.node),
      },
      applied: { master: ctx.self, epoch: state.epoch, cycle: state.cycle, deltaMs: averageMs },
      adjustments: state.adjustments + 1,
    },
    effects,
  };
}

function applyAdjustment(master: NodeId, cycle: number, deltaMs: number, now: number, ctx: Ctx): BerkeleyEffect[] {
  const mode = ctx.config.mode;
  return [
    { type: 'adjust', mode, deltaMs },
    {
      type: 'note',
      topic: 'berkeley-adjust',
      text: `cycle ${cycle}: ${master === ctx.self ? 'own' : `${ctx.nameOf(master)}'s`} adjustment ${signedMs(deltaMs)}, clock ${seconds(now)} → ${seconds(now + deltaMs)} (${mode})`,
      data: { master, cycle, deltaMs, before: now, after: now + deltaMs, mode },
    },
  ];
}

function onTime(state: BerkeleyState, from: NodeId, msg: { cycle: number; epoch: number; clockMs: number }, ctx: Ctx): BerkeleyStep {
  if (!isMaster(ctx) || !state.polling || msg.epoch !== state.epoch || msg.cycle !== state.cycle) return { state, effects: [] };
  const at = state.polls.findIndex((p) => p.node === from);
  const poll = state.polls[at];
  if (poll === undefined || poll.t1 !== null) return { state, effects: [] }; // unknown sender or a duplicate
  const polls = state.polls.map((p, i): BerkeleyPoll => (i === at ? { ...p, tn: msg.clockMs, t1: ctx.now } : p));
  const next: BerkeleyState = { ...state, polls };
  if (polls.every((p) => p.t1 !== null)) return finishCycle(next, ctx);
  return { state: next, effects: [] };
}

function onAdjust(state: BerkeleyState, from: NodeId, msg: { cycle: number; epoch: number; deltaMs: number }, ctx: Ctx): BerkeleyStep {
  const seen = state.applied;
  if (seen !== null && seen.master === from && seen.epoch === msg.epoch && seen.cycle >= msg.cycle) return { state, effects: [] };
  return {
    state: {
      ...state,
      applied: { master: from, epoch: msg.epoch, cycle: msg.cycle, deltaMs: msg.deltaMs },
      adjustments: state.adjustments + 1,
    },
    effects: applyAdjustment(from, msg.cycle, msg.deltaMs, ctx.now, ctx),
  };
}

export const berkeleyMachine: NodeMachine<BerkeleyState, BerkeleyMessage, BerkeleySettings> = {
  algorithm: 'berkeley',

  init(ctx, recovered) {
    const fresh: BerkeleyState = { epoch: 0, cycle: 0, polling: false, polls: [], last: null, applied: null, adjustments: 0 };
    if (!isMaster(ctx)) return { state: fresh, effects: [] };
    const epoch = 1 + Math.floor(ctx.random() * 0x40000000);
    const first = recovered ? ctx.config.periodMs : (ctx.config.firstCycleMs ?? ctx.config.periodMs);
    return { state: { ...fresh, epoch }, effects: [{ type: 'timer', key: TIMER_CYCLE, afterMs: nonNegative(first) }] };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'POLL':
        // Any node answers a poll, whoever sends it: the reading is just its clock.
        return {
          state,
          effects: [{ type: 'send', to: from, msg: { kind: 'TIME', cycle: msg.cycle, epoch: msg.epoch, clockMs: ctx.now } }],
        };
      case 'TIME':
        return onTime(state, from, msg, ctx);
      case 'ADJUST':
        return onAdjust(state, from, msg, ctx);
      default:
        return assertNever(msg, 'berkeley message');
    }
  },

  onTimer(state, key, ctx) {
    if (!isMaster(ctx)) return { state, effects: [] };
    switch (key) {
      case TIMER_CYCLE:
        return state.polling ? { state, effects: [] } : startCycle(state, ctx);
      case TIMER_POLL:
        return state.polling ? finishCycle(state, ctx) : { state, effects: [] };
      default:
        return { state, effects: [] };
    }
  },

  // The master is fixed by the settings; noticing its failure is for an election to act on.
  onNotice(state) {
    return { state, effects: [] };
  },

  view(_state, ctx): NodeView {
    return { role: isMaster(ctx) ? 'master' : 'slave', leader: ctx.config.masterId };
  },

  describe(state, ctx) {
    const master = ctx.config.masterId;
    if (isMaster(ctx)) {
      if (state.polling) {
        const replied = state.polls.filter((p) => p.t1 !== null).length;
        return `master; cycle ${state.cycle}: polled ${state.polls.length} nodes, ${replied} replied`;
      }
      const last = state.last;
      if (last === null) return 'master; no cycle yet';
      const ignored = last.ignored.length > 0 ? `, ignored ${last.ignored.map((n) => `node ${n}`).join(', ')}` : '';
      return `master; cycle ${last.cycle} averaged ${signedMs(last.averageMs)} over ${last.replied}/${last.polled} replies${ignored}`;
    }
    const applied = state.applied;
    if (applied === null) return `slave of master ${master}; not adjusted yet`;
    return `slave of master ${master}; last adjustment ${signedMs(applied.deltaMs)} (cycle ${applied.cycle})`;
  },
};
