// Berkeley's algorithm (Gusella & Zatti 1989; Tanenbaum & van Steen, Distributed Systems,
// ch. 6 "Clock synchronization"; Coulouris et al. §14.3.3).
// A master (time daemon) polls every other node for its clock, estimates each node's offset
// from its own clock as Tn + RTT/2 − T1 (so the estimate is off by at most RTT/2 − min, half
// the difference of the two one-way delays), takes a fault-tolerant average and sends each
// node the *relative* adjustment it needs (average − its offset), applying the average to
// itself. Relative adjustments do not age in transit: a node applies the delta whenever it
// arrives, so the ADJUST message's own delay costs no accuracy (the lab sent absolute times,
// which were stale by the time they arrived; we must not copy that).
// Fault-tolerant average (Gusella & Zatti): the master's own 0 is a reading like the others;
// the average is taken over the largest group of readings that all lie within `thresholdMs`
// of each other (ties: the group with the master's own reading, then the tighter one), so
// clocks that run away together cannot drag the healthy ones, and median ± threshold, which
// lets in clocks up to twice the threshold apart, is not used. Ignored nodes still get
// their correction.
// Adjustments too big to slew: in slew mode, an adjustment larger than the slew can absorb
// in one period (slewRate × periodMs) is stepped instead, and the log says so; otherwise a
// fast clock's correction would never catch up with its drift.
// A crashed master is replaced: every slave watches for polls; one that hears none for two
// periods (plus a stagger by its rank, so the lowest id goes first) takes over as master
// and polls. A node follows the poller with the better rank (the configured master first,
// then ascending ids) or, when its master has fallen silent, any poller; a master that is
// polled by a better-ranked one steps down. So the cycles go on under the lowest-id live
// node, and a recovered configured master takes its place back.
// Assumptions: symmetric link delays (asymmetry shows up as estimate error, as in
// Cristian's) and the master's own drift over one poll round is negligible. A cycle ends
// when every node replied or after `pollTimeoutMs`; nodes that did not reply are left out
// of that cycle. The next cycle starts `periodMs` after the previous one ended; the first one
// `firstCycleMs` after boot (default `periodMs`), and a recovered master starts again
// `periodMs` after recovery.
// Limitation: an estimate made while a node is still slewing from the last cycle is off by
// what the slew absorbs between the poll and the ADJUST (the new slew replaces the rest, see
// clock.ts): about slewRate × (time from TIME reply to ADJUST arrival).
// Each master incarnation tags its messages with a random epoch so replies and adjustments
// from before a crash, and duplicated adjustments, are never applied twice. Replies are
// kept in a log that grows by one small chunk per reply (no copy of the whole poll list),
// so a master with thousands of slaves spends O(1) per reply.

import { assertNever } from '../../assert.ts';
import { DEFAULT_SLEW_RATE } from '../../clock.ts';
import type { ClockMode, Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { Peers } from '../../peers.ts';
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

/** Master: one reply of the current cycle: the node's reading tn, received at the master's local t1. */
export interface BerkeleyReply {
  node: NodeId;
  tn: number;
  t1: number;
}

/** Replies, newest chunk first; a chunk is copied when it grows, never the whole log. */
export interface ReplyLog {
  chunk: BerkeleyReply[];
  older: ReplyLog | null;
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
  /** Whom this node takes as master (itself when it is the master). */
  master: NodeId;
  /** Local time this node last heard its master (a POLL or ADJUST), or null. */
  heardAt: number | null;
  /** Master: random tag of this incarnation's cycles (0 on slaves). */
  epoch: number;
  /** Master: cycles started in this incarnation. */
  cycle: number;
  polling: boolean;
  /** Master: the current cycle's polls, all sent at local t0 to `polled` nodes. */
  t0: number;
  polled: number;
  replies: ReplyLog | null;
  /** Replies received (duplicates included; they are dropped when the cycle is read). */
  replyCount: number;
  last: BerkeleyCycleSummary | null;
  /** Any node: the newest adjustment applied, so a duplicate or stale ADJUST is not applied again. */
  applied: { master: NodeId; epoch: number; cycle: number; deltaMs: number } | null;
  adjustments: number;
}

type Ctx = NodeContext<BerkeleySettings>;
type BerkeleyStep = Step<BerkeleyState, BerkeleyMessage>;
type BerkeleyEffect = Effect<BerkeleyMessage>;

const TIMER_CYCLE = 'cycle';
export const TIMER_POLL = 'poll-timeout';
export const TIMER_WATCH = 'master-watch';
const CHUNK = 64;

const isMaster = (state: BerkeleyState, ctx: Ctx): boolean => state.master === ctx.self;
const nonNegative = (ms: number | undefined): number => (ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : 0);
const signedMs = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** The configured master ranks first, then ascending ids: the lower rank leads. */
const rank = (id: NodeId, ctx: Ctx): number => (id === ctx.config.masterId ? -Infinity : id);

/**
 * Local ms a slave waits without a poll before it takes over (0: never, for one-cycle runs):
 * two cycles, then a poll wait per better-ranked peer, so each takes over only after the one
 * before it had time to poll it. The spacing is the poll wait, which follows the network
 * (settings.ts armedFor), so on a slowed network a POLL still lands before the next watch ends.
 */
export function watchMs(config: BerkeleySettings, self: NodeId, peers: Peers): number {
  if (!(config.periodMs > 0)) return 0;
  const cycle = config.periodMs + nonNegative(config.pollTimeoutMs);
  return 2 * cycle + outrankedBy(config, self, peers) * Math.max(nonNegative(config.pollTimeoutMs), 100);
}

/**
 * How many peers rank before us: the configured master, and every lower id. Peers ascend, so
 * this is a binary search, not a filter over every peer on every poll (which made a cycle
 * O(n²) at 10,000 nodes).
 */
function outrankedBy(config: BerkeleySettings, self: NodeId, peers: Peers): number {
  const master = config.masterId;
  if (self === master) return 0;
  let lower = 0;
  let hi = peers.length;
  while (lower < hi) {
    const mid = (lower + hi) >> 1;
    if ((peers.at(mid) as NodeId) < self) lower = mid + 1;
    else hi = mid;
  }
  return lower + (master > self && peers.includes(master) ? 1 : 0);
}

const watchOf = (ctx: Ctx): number => watchMs(ctx.config, ctx.self, ctx.peers);

/** A master silent for longer than one cycle and a bit has missed a poll: another poller may take over. */
const silent = (state: BerkeleyState, ctx: Ctx): boolean =>
  state.heardAt === null || ctx.now - state.heardAt > ctx.config.periodMs + 2 * nonNegative(ctx.config.pollTimeoutMs);

function watch(ctx: Ctx): BerkeleyEffect[] {
  const ms = watchOf(ctx);
  return ms > 0 ? [{ type: 'timer', key: TIMER_WATCH, afterMs: ms }] : [];
}

function appendReply(log: ReplyLog | null, reply: BerkeleyReply): ReplyLog {
  if (log !== null && log.chunk.length < CHUNK) return { chunk: [...log.chunk, reply], older: log.older };
  return { chunk: [reply], older: log };
}

/** The first reply from each node, in the order they came. */
function repliesOf(log: ReplyLog | null): Map<NodeId, BerkeleyReply> {
  const chunks: BerkeleyReply[][] = [];
  for (let l = log; l !== null; l = l.older) chunks.push(l.chunk);
  const out = new Map<NodeId, BerkeleyReply>();
  for (let i = chunks.length - 1; i >= 0; i--) for (const r of chunks[i] ?? []) if (!out.has(r.node)) out.set(r.node, r);
  return out;
}

export interface FaultTolerantAverage {
  averageMs: number;
  /** Parallel to the input: true where the reading was left out of the average. */
  ignored: boolean[];
  /** The kept group's lowest and highest reading. */
  lowMs: number;
  highMs: number;
}

/**
 * Gusella & Zatti's fault-tolerant average: the largest group of readings that all lie within
 * `thresholdMs` of each other; ties go to the group holding reading `prefer` (the master's
 * own), then to the tighter group, then to the lower one. Averages that group.
 */
export function faultTolerantAverage(offsets: readonly number[], thresholdMs: number, prefer = -1): FaultTolerantAverage {
  if (offsets.length === 0) return { averageMs: 0, ignored: [], lowMs: 0, highMs: 0 };
  const order = offsets.map((_, i) => i).sort((a, b) => (offsets[a] ?? 0) - (offsets[b] ?? 0));
  const at = (k: number): number => offsets[order[k] ?? 0] ?? 0;
  const preferred = prefer >= 0 && prefer < offsets.length ? (offsets[prefer] ?? NaN) : NaN;
  let best = { from: 0, to: 0, size: 0, hasPreferred: false, width: Infinity };
  let to = 0;
  for (let from = 0; from < order.length; from++) {
    if (to < from) to = from;
    while (to + 1 < order.length && at(to + 1) - at(from) <= thresholdMs) to++;
    const size = to - from + 1;
    const width = at(to) - at(from);
    const hasPreferred = preferred >= at(from) && preferred <= at(to);
    const better =
      size > best.size ||
      (size === best.size && hasPreferred && !best.hasPreferred) ||
      (size === best.size && hasPreferred === best.hasPreferred && width < best.width);
    if (better) best = { from, to, size, hasPreferred, width };
  }
  const ignored = offsets.map(() => true);
  let sum = 0;
  for (let k = best.from; k <= best.to; k++) {
    ignored[order[k] ?? 0] = false;
    sum += at(k);
  }
  return { averageMs: sum / best.size, ignored, lowMs: at(best.from), highMs: at(best.to) };
}

/** Slew, unless the slew could not absorb the adjustment within one period: then step, and say why. */
export function adjustMode(deltaMs: number, ctx: Ctx): { mode: ClockMode; reason: string | null } {
  const { mode, periodMs } = ctx.config;
  if (mode !== 'slew' || !(periodMs > 0)) return { mode, reason: null };
  const rate = ctx.slewRate ?? DEFAULT_SLEW_RATE;
  const absorbable = rate * periodMs;
  if (Math.abs(deltaMs) <= absorbable) return { mode, reason: null };
  return {
    mode: 'step',
    reason: `${signedMs(deltaMs)} is more than a ${(rate * 100).toFixed(0)}% slew absorbs in a ${seconds(periodMs)} period (${absorbable.toFixed(0)} ms): stepped`,
  };
}

function startCycle(state: BerkeleyState, ctx: Ctx): BerkeleyStep {
  const cycle = state.cycle + 1;
  const next: BerkeleyState = { ...state, cycle, polling: true, t0: ctx.now, polled: ctx.peers.length, replies: null, replyCount: 0 };
  if (ctx.peers.length === 0) return finishCycle(next, ctx);
  const poll: BerkeleyMessage = { kind: 'POLL', cycle, epoch: state.epoch }; // one object for every slave: never mutated
  const effects: BerkeleyEffect[] = ctx.peers.map((to): BerkeleyEffect => ({ type: 'send', to, msg: poll }));
  effects.push({ type: 'timer', key: TIMER_POLL, afterMs: nonNegative(ctx.config.pollTimeoutMs) });
  return { state: next, effects };
}

function finishCycle(state: BerkeleyState, ctx: Ctx): BerkeleyStep {
  const { config } = ctx;
  const now: number = ctx.now;
  const replies = repliesOf(state.replies);
  const raw: { node: NodeId; offsetMs: number; rttMs: number }[] = [{ node: ctx.self, offsetMs: 0, rttMs: 0 }];
  const missing: NodeId[] = [];
  for (const node of ctx.peers) {
    const r = replies.get(node);
    if (r === undefined) {
      missing.push(node);
      continue;
    }
    const rttMs = r.t1 - state.t0;
    raw.push({ node, offsetMs: r.tn + rttMs / 2 - r.t1, rttMs });
  }
  raw.sort((a, b) => a.node - b.node);
  const fta = faultTolerantAverage(
    raw.map((r) => r.offsetMs),
    config.thresholdMs,
    raw.findIndex((r) => r.node === ctx.self),
  );
  const averageMs = fta.averageMs;
  const readings: BerkeleyReading[] = raw.map((r, i) => ({ ...r, ignored: fta.ignored[i] ?? false }));
  const adjustments = readings.map((r) => {
    const deltaMs = averageMs - r.offsetMs;
    return { node: r.node, deltaMs, mode: adjustMode(deltaMs, ctx).mode };
  });
  const offsets = readings.map((r) => r.offsetMs);
  const spreadBeforeMs = Math.max(...offsets) - Math.min(...offsets);
  // Each estimate is off by at most RTT/2 − min; with min unknown to the master, RTT/2 bounds it.
  const boundMs = Math.max(0, ...readings.filter((r) => r.node !== ctx.self).map((r) => r.rttMs / 2));
  const ignoredReadings = readings.filter((r) => r.ignored);
  const stepped = adjustments.filter((a) => a.mode !== config.mode);

  const text =
    `cycle ${state.cycle}: ${readings.length - 1}/${state.polled} replied, average ${signedMs(averageMs)}` +
    (ignoredReadings.length > 0
      ? `, ignored ${ignoredReadings.map((r) => `${ctx.nameOf(r.node)} (${signedMs(r.offsetMs)})`).join(', ')}`
      : '') +
    (missing.length > 0 ? `, no reply from ${missing.map((n) => ctx.nameOf(n)).join(', ')}` : '') +
    `, spread before ${spreadBeforeMs.toFixed(1)} ms` +
    (stepped.length > 0 ? `; stepped ${stepped.map((a) => ctx.nameOf(a.node)).join(', ')}: too far to slew within a period` : '');

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
      averageMs,
      thresholdMs: config.thresholdMs,
      adjustments: adjustments.map((a) => ({ node: a.node, deltaMs: a.deltaMs, mode: a.mode })),
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
      replies: null,
      replyCount: 0,
      last: {
        cycle: state.cycle,
        averageMs,
        replied: readings.length - 1,
        polled: state.polled,
        ignored: ignoredReadings.map((r) => r.node),
      },
      applied: { master: ctx.self, epoch: state.epoch, cycle: state.cycle, deltaMs: averageMs },
      adjustments: state.adjustments + 1,
    },
    effects,
  };
}

function applyAdjustment(master: NodeId, cycle: number, deltaMs: number, now: number, ctx: Ctx): BerkeleyEffect[] {
  const { mode, reason } = adjustMode(deltaMs, ctx);
  return [
    { type: 'adjust', mode, deltaMs },
    {
      type: 'note',
      topic: 'berkeley-adjust',
      text:
        `cycle ${cycle}: ${master === ctx.self ? 'own' : `${ctx.nameOf(master)}'s`} adjustment ${signedMs(deltaMs)}, clock ${seconds(now)} → ${seconds(now + deltaMs)} (${mode})` +
        (reason ? `: ${reason}` : ''),
      data: { master, cycle, deltaMs, before: now, after: now + deltaMs, mode, ...(reason ? { reason } : {}) },
    },
  ];
}

function onTime(state: BerkeleyState, from: NodeId, msg: { cycle: number; epoch: number; clockMs: number }, ctx: Ctx): BerkeleyStep {
  if (!isMaster(state, ctx) || !state.polling || msg.epoch !== state.epoch || msg.cycle !== state.cycle) return { state, effects: [] };
  const next: BerkeleyState = {
    ...state,
    replies: appendReply(state.replies, { node: from, tn: msg.clockMs, t1: ctx.now }),
    replyCount: state.replyCount + 1,
  };
  // Duplicates count too, so check the distinct replies only once the count says all are in.
  if (next.replyCount >= state.polled && repliesOf(next.replies).size >= state.polled) return finishCycle(next, ctx);
  return { state: next, effects: [] };
}

function onAdjust(state: BerkeleyState, from: NodeId, msg: { cycle: number; epoch: number; deltaMs: number }, ctx: Ctx): BerkeleyStep {
  if (from !== state.master) return { state, effects: [] }; // a master we no longer follow
  const seen = state.applied;
  const heard: BerkeleyState = { ...state, heardAt: ctx.now };
  if (seen !== null && seen.master === from && seen.epoch === msg.epoch && seen.cycle >= msg.cycle) return { state: heard, effects: [] };
  return {
    state: {
      ...heard,
      applied: { master: from, epoch: msg.epoch, cycle: msg.cycle, deltaMs: msg.deltaMs },
      adjustments: state.adjustments + 1,
    },
    effects: [{ type: 'cancel', key: TIMER_WATCH }, ...watch(ctx), ...applyAdjustment(from, msg.cycle, msg.deltaMs, ctx.now, ctx)],
  };
}

/** Takes over as master: a fresh epoch and a cycle at once. */
function takeOver(state: BerkeleyState, ctx: Ctx, why: string): BerkeleyStep {
  const epoch = 1 + Math.floor(ctx.random() * 0x40000000);
  const became: BerkeleyState = {
    ...state,
    master: ctx.self,
    heardAt: null,
    epoch,
    cycle: 0,
    polling: false,
    replies: null,
    replyCount: 0,
  };
  const started = startCycle(became, ctx);
  return {
    state: started.state,
    effects: [
      {
        type: 'note',
        topic: 'berkeley-master',
        text: `${ctx.nameOf(ctx.self)} takes over as master (${why})`,
        data: { master: ctx.self, previous: state.master },
      },
      ...started.effects,
    ],
  };
}

/** Follows `master` from now on; a master that steps down stops its cycle. */
function follow(state: BerkeleyState, master: NodeId, ctx: Ctx): BerkeleyStep {
  const wasMaster = isMaster(state, ctx);
  const effects: BerkeleyEffect[] = [{ type: 'cancel', key: TIMER_WATCH }, ...watch(ctx)];
  if (wasMaster) {
    effects.unshift(
      { type: 'cancel', key: TIMER_CYCLE },
      { type: 'cancel', key: TIMER_POLL },
      {
        type: 'note',
        topic: 'berkeley-master',
        text: `${ctx.nameOf(ctx.self)} steps down: ${ctx.nameOf(master)} is master`,
        data: { master, previous: ctx.self },
      },
    );
  }
  return {
    state: { ...state, master, heardAt: ctx.now, polling: false, replies: null, replyCount: 0, epoch: wasMaster ? 0 : state.epoch },
    effects,
  };
}

function onPoll(state: BerkeleyState, from: NodeId, msg: { cycle: number; epoch: number }, ctx: Ctx): BerkeleyStep {
  const answer: BerkeleyEffect = { type: 'send', to: from, msg: { kind: 'TIME', cycle: msg.cycle, epoch: msg.epoch, clockMs: ctx.now } };
  if (from === state.master) {
    return { state: { ...state, heardAt: ctx.now }, effects: [answer, { type: 'cancel', key: TIMER_WATCH }, ...watch(ctx)] };
  }
  const outranks = rank(from, ctx) < rank(state.master, ctx);
  if (outranks || (!isMaster(state, ctx) && silent(state, ctx))) {
    const followed = follow(state, from, ctx);
    return { state: followed.state, effects: [...followed.effects, answer] };
  }
  // A worse-ranked poller while our master is alive (or we are it): it steps down when our master polls it.
  return { state, effects: [] };
}

export const berkeleyMachine: NodeMachine<BerkeleyState, BerkeleyMessage, BerkeleySettings> = {
  algorithm: 'berkeley',

  init(ctx, recovered) {
    const master = ctx.config.masterId;
    const fresh: BerkeleyState = {
      master,
      heardAt: null,
      epoch: 0,
      cycle: 0,
      polling: false,
      t0: 0,
      polled: 0,
      replies: null,
      replyCount: 0,
      last: null,
      applied: null,
      adjustments: 0,
    };
    const first = recovered ? ctx.config.periodMs : (ctx.config.firstCycleMs ?? ctx.config.periodMs);
    if (ctx.self !== master) {
      const ms = watchOf(ctx);
      return { state: fresh, effects: ms > 0 ? [{ type: 'timer', key: TIMER_WATCH, afterMs: nonNegative(first) + ms }] : [] };
    }
    const epoch = 1 + Math.floor(ctx.random() * 0x40000000);
    return { state: { ...fresh, epoch }, effects: [{ type: 'timer', key: TIMER_CYCLE, afterMs: nonNegative(first) }] };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'POLL':
        return onPoll(state, from, msg, ctx);
      case 'TIME':
        return onTime(state, from, msg, ctx);
      case 'ADJUST':
        return onAdjust(state, from, msg, ctx);
      default:
        return assertNever(msg, 'berkeley message');
    }
  },

  onTimer(state, key, ctx) {
    switch (key) {
      case TIMER_CYCLE:
        return !isMaster(state, ctx) || state.polling ? { state, effects: [] } : startCycle(state, ctx);
      case TIMER_POLL:
        return isMaster(state, ctx) && state.polling ? finishCycle(state, ctx) : { state, effects: [] };
      case TIMER_WATCH:
        if (isMaster(state, ctx)) return { state, effects: [] };
        return takeOver(state, ctx, `no poll from ${ctx.nameOf(state.master)} for ${seconds(watchOf(ctx))}`);
      default:
        return { state, effects: [] };
    }
  },

  // A silent master is found by the slaves' own watch; a notice changes nothing.
  onNotice(state) {
    return { state, effects: [] };
  },

  view(state, ctx): NodeView {
    return { role: isMaster(state, ctx) ? 'master' : 'slave', leader: state.master };
  },

  describe(state, ctx) {
    const master = state.master;
    if (isMaster(state, ctx)) {
      if (state.polling) return `master; cycle ${state.cycle}: polled ${state.polled} nodes, ${repliesOf(state.replies).size} replied`;
      const last = state.last;
      if (last === null) return 'master; no cycle yet';
      const ignored = last.ignored.length > 0 ? `, ignored ${last.ignored.map((n) => ctx.nameOf(n)).join(', ')}` : '';
      return `master; cycle ${last.cycle} averaged ${signedMs(last.averageMs)} over ${last.replied}/${last.polled} replies${ignored}`;
    }
    const applied = state.applied;
    if (applied === null) return `slave of ${ctx.nameOf(master)}; not adjusted yet`;
    return `slave of ${ctx.nameOf(master)}; last adjustment ${signedMs(applied.deltaMs)} (cycle ${applied.cycle})`;
  },
};
