// Cristian's algorithm (Cristian 1989; Tanenbaum & van Steen, Distributed Systems, ch. 6
// "Clock synchronization"; Coulouris et al. §14.3.2).
// One node is the time server; every other node is a client. A client sends REQUEST at
// local T0, the server answers REPLY with its clock reading Ts, the client receives it at
// local T1 and, trusting that the reply took half the round trip RTT = T1 − T0, sets its
// clock to Ts + RTT/2. With a known minimum one-way delay `min` the error against the
// server's clock is at most ±(RTT/2 − min).
// Assumptions: the two directions of the link have the same minimum delay `minDelayMs`
// (an asymmetric link breaks the symmetry Ts + RTT/2 relies on, though the bound still
// holds when `min` is the smaller of the two directions' minima); the server answers at
// once (no processing time is subtracted); the client's drift over one RTT is negligible.
// A round sends `probes` probes one after another (the next when the previous is answered
// or times out) and keeps the reply with the smallest RTT, whose bound is the tightest.
// The adjustment is relative (a delta from the reading at the moment it is applied) so the
// time spent on later probes does not count as error. Probe ids start at a random base per
// incarnation so a late reply to a timed-out probe, or one from before a crash, is ignored.
// The next round starts `periodMs` after the previous one ended (0: one round only).
// Limitation: RTT and elapsed time are read off the client's own clock, so a round run while
// an earlier slew is still being absorbed carries the slew rate as extra error (about
// slewRate × RTT); the bound assumes the clock ran at its nominal rate during the round.

import { assertNever } from '../../assert.ts';
import { DEFAULT_SLEW_RATE } from '../../clock.ts';
import type { ClockMode, Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

export interface CristianSettings {
  /** The time server; every other node is a client. */
  serverId: NodeId;
  /** Probes per round (at least 1); the reply with the smallest RTT is used. */
  probes: number;
  /** Local ms from the end of one round to the start of the next; 0 syncs once. */
  periodMs: number;
  /** Step the clock at once (possibly backwards) or slew it (never backwards). */
  mode: ClockMode;
  /** Known minimum one-way delay in ms, for the error bound ±(RTT/2 − min). */
  minDelayMs: number;
  /** Local ms after which an unanswered probe counts as lost and the next one goes out. */
  requestTimeoutMs: number;
  /** Local ms after boot (or recovery) before the first round. */
  startDelayMs: number;
}

export type CristianMessage =
  | { kind: 'REQUEST'; probe: number }
  /** `ts` is the server's clock reading when it answered; `probe` echoes the request's. */
  | { kind: 'REPLY'; probe: number; ts: number };

/** One answered probe, in the client's local ms (ts in the server's). */
export interface CristianProbe {
  probe: number;
  t0: number;
  t1: number;
  ts: number;
  rtt: number;
}

/** What the last completed sync did (for the inspector). */
export interface CristianSync {
  round: number;
  ts: number;
  rtt: number;
  before: number;
  after: number;
  deltaMs: number;
  boundMs: number;
}

export interface CristianState {
  /** Rounds started in this incarnation. */
  round: number;
  /** True while a round's probes are going out. */
  inRound: boolean;
  /** Id the next probe will carry. */
  nextProbe: number;
  /** Probes sent in the current round. */
  sent: number;
  /** Replies received in the current round. */
  replies: number;
  /** The probe awaiting its reply, if any. */
  outstanding: { probe: number; t0: number } | null;
  /** The answered probe with the smallest RTT so far in this round. */
  best: CristianProbe | null;
  /** Completed syncs (rounds that adjusted the clock). */
  syncs: number;
  /** Probes that timed out, and replies ignored because their probe had timed out. */
  lost: number;
  late: number;
  last: CristianSync | null;
  /** Server only: requests answered. */
  served: number;
  /** Local time by which the last slew is surely absorbed (null: none running), so a sync can say it ran while slewing. */
  slewUntil: number | null;
  /** A recovered client cannot know whether its clock is still slewing from before the crash until its first sync. */
  slewUnknown: boolean;
}

type Ctx = NodeContext<CristianSettings>;
type CristianStep = Step<CristianState, CristianMessage>;
type CristianEffect = Effect<CristianMessage>;

const TIMER_SYNC = 'sync';
export const TIMER_PROBE = 'probe-timeout';

const isServer = (ctx: Ctx): boolean => ctx.self === ctx.config.serverId;
const serverKnown = (ctx: Ctx): boolean => ctx.peers.includes(ctx.config.serverId);
const probesPerRound = (ctx: Ctx): number => Math.max(1, Math.floor(ctx.config.probes));
const nonNegative = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? ms : 0);

/** Signed milliseconds with one decimal: "+12.3 ms". */
const signedMs = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** " (best of 4 probes)" or " (best of 2 replies to 3 probes)"; nothing for a single probe. */
function probeSummary(state: CristianState): string {
  if (state.sent <= 1) return '';
  if (state.replies === state.sent) return ` (best of ${state.sent} probes)`;
  return ` (best of ${state.replies} ${state.replies === 1 ? 'reply' : 'replies'} to ${state.sent} probes)`;
}

function sendProbe(state: CristianState, ctx: Ctx): CristianStep {
  const probe = state.nextProbe;
  return {
    state: { ...state, nextProbe: probe + 1, sent: state.sent + 1, outstanding: { probe, t0: ctx.now } },
    effects: [
      { type: 'send', to: ctx.config.serverId, msg: { kind: 'REQUEST', probe } },
      { type: 'timer', key: TIMER_PROBE, afterMs: nonNegative(ctx.config.requestTimeoutMs) },
    ],
  };
}

function startRound(state: CristianState, ctx: Ctx): CristianStep {
  return sendProbe({ ...state, round: state.round + 1, inRound: true, sent: 0, replies: 0, outstanding: null, best: null }, ctx);
}

/** After a probe is answered or lost: the next probe, or the end of the round. */
function continueRound(state: CristianState, ctx: Ctx, before: CristianEffect[]): CristianStep {
  const next = state.sent < probesPerRound(ctx) ? sendProbe(state, ctx) : finishRound(state, ctx);
  return { state: next.state, effects: [...before, ...next.effects] };
}

function finishRound(state: CristianState, ctx: Ctx): CristianStep {
  const { config } = ctx;
  const effects: CristianEffect[] = [];
  let next: CristianState = { ...state, inRound: false, outstanding: null, best: null };
  const best = state.best;
  if (best) {
    const now: number = ctx.now;
    // The server's clock now is Ts + RTT/2 plus what has elapsed since the reply arrived.
    const target = best.ts + best.rtt / 2 + (now - best.t1);
    const deltaMs = target - now;
    // Clamped at 0: a negative value only means the client's clock ran slow over the RTT.
    const boundMs = Math.max(0, best.rtt / 2 - config.minDelayMs);
    const sync: CristianSync = { round: state.round, ts: best.ts, rtt: best.rtt, before: now, after: target, deltaMs, boundMs };
    // An earlier slew still running during the round made RTT and elapsed time run fast or slow.
    const slewing = state.slewUnknown || (state.slewUntil !== null && state.slewUntil > best.t0);
    // Twice the true time the slew takes: on the local clock it may take up to ~1.55 × as long.
    const slewUntil = config.mode === 'slew' ? now + (2 * Math.abs(deltaMs)) / (ctx.slewRate ?? DEFAULT_SLEW_RATE) : null;
    next = { ...next, syncs: state.syncs + 1, last: sync, slewUntil, slewUnknown: false };
    effects.push(
      { type: 'adjust', mode: config.mode, deltaMs },
      {
        type: 'note',
        topic: 'cristian-sync',
        text:
          `server time ${seconds(best.ts)}, RTT ${best.rtt.toFixed(1)} ms` +
          probeSummary(state) +
          `, clock ${seconds(now)} → ${seconds(target)} (${signedMs(deltaMs)}, ${config.mode}), bound ±${boundMs.toFixed(1)} ms`,
        data: {
          server: config.serverId,
          round: state.round,
          probe: best.probe,
          ts: best.ts,
          t0: best.t0,
          t1: best.t1,
          rtt: best.rtt,
          before: now,
          after: target,
          deltaMs,
          boundMs,
          minDelayMs: config.minDelayMs,
          slewing,
          probes: state.sent,
          replies: state.replies,
          mode: config.mode,
        },
      },
    );
  } else {
    effects.push({
      type: 'note',
      topic: 'cristian-failed',
      text: `no reply from ${ctx.nameOf(config.serverId)} to any of ${state.sent} probes: clock left alone`,
      data: { server: config.serverId, round: state.round, probes: state.sent },
    });
  }
  if (config.periodMs > 0) effects.push({ type: 'timer', key: TIMER_SYNC, afterMs: config.periodMs });
  return { state: next, effects };
}

function onReply(state: CristianState, from: NodeId, probe: number, ts: number, ctx: Ctx): CristianStep {
  const pending = state.outstanding;
  if (from !== ctx.config.serverId || pending === null || pending.probe !== probe) {
    // A reply to a probe that already timed out (or a duplicate): its RTT is unknown to us now.
    return { state: { ...state, late: state.late + 1 }, effects: [] };
  }
  const t1: number = ctx.now;
  const answered: CristianProbe = { probe, t0: pending.t0, t1, ts, rtt: t1 - pending.t0 };
  const best = state.best === null || answered.rtt < state.best.rtt ? answered : state.best;
  return continueRound({ ...state, outstanding: null, replies: state.replies + 1, best }, ctx, [{ type: 'cancel', key: TIMER_PROBE }]);
}

function onProbeTimeout(state: CristianState, ctx: Ctx): CristianStep {
  const pending = state.outstanding;
  if (pending === null) return { state, effects: [] };
  const note: CristianEffect = {
    type: 'note',
    topic: 'cristian-timeout',
    text: `probe ${state.sent} of ${probesPerRound(ctx)} to ${ctx.nameOf(ctx.config.serverId)} got no reply within ${ctx.config.requestTimeoutMs} ms`,
    data: { server: ctx.config.serverId, round: state.round, probe: pending.probe, t0: pending.t0 },
  };
  return continueRound({ ...state, outstanding: null, lost: state.lost + 1 }, ctx, [note]);
}

export const cristianMachine: NodeMachine<CristianState, CristianMessage, CristianSettings> = {
  algorithm: 'cristian',

  init(ctx, recovered) {
    // A recovered client has lost its volatile state and simply starts over.
    const fresh: CristianState = {
      round: 0,
      inRound: false,
      nextProbe: 1,
      sent: 0,
      replies: 0,
      outstanding: null,
      best: null,
      syncs: 0,
      lost: 0,
      late: 0,
      last: null,
      served: 0,
      slewUntil: null,
      slewUnknown: recovered,
    };
    if (isServer(ctx) || !serverKnown(ctx)) return { state: fresh, effects: [] };
    const nextProbe = 1 + Math.floor(ctx.random() * 0x40000000);
    return {
      state: { ...fresh, nextProbe },
      effects: [{ type: 'timer', key: TIMER_SYNC, afterMs: nonNegative(ctx.config.startDelayMs) }],
    };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'REQUEST':
        if (!isServer(ctx)) return { state, effects: [] };
        return {
          state: { ...state, served: state.served + 1 },
          effects: [{ type: 'send', to: from, msg: { kind: 'REPLY', probe: msg.probe, ts: ctx.now } }],
        };
      case 'REPLY':
        if (isServer(ctx)) return { state, effects: [] };
        return onReply(state, from, msg.probe, msg.ts, ctx);
      default:
        return assertNever(msg, 'cristian message');
    }
  },

  onTimer(state, key, ctx) {
    if (isServer(ctx)) return { state, effects: [] };
    switch (key) {
      case TIMER_SYNC:
        return state.inRound ? { state, effects: [] } : startRound(state, ctx);
      case TIMER_PROBE:
        return onProbeTimeout(state, ctx);
      default:
        return { state, effects: [] };
    }
  },

  // Cristian's algorithm has no coordinator to lose: a notice changes nothing.
  onNotice(state) {
    return { state, effects: [] };
  },

  view(_state, ctx): NodeView {
    const server = ctx.config.serverId;
    if (isServer(ctx)) return { role: 'server', leader: server };
    return { role: 'client', leader: serverKnown(ctx) ? server : null };
  },

  describe(state, ctx) {
    const server = ctx.nameOf(ctx.config.serverId);
    if (isServer(ctx)) return `time server; answered ${state.served} request${state.served === 1 ? '' : 's'}`;
    if (!serverKnown(ctx)) return `client of ${server}, which is not in this system: not syncing`;
    if (state.inRound)
      return `round ${state.round}: probe ${state.sent} of ${probesPerRound(ctx)} sent to ${server}, ${state.replies} answered`;
    const last = state.last;
    const lost = state.lost > 0 ? `; ${state.lost} probe${state.lost === 1 ? '' : 's'} lost` : '';
    if (last === null) return `client of ${server}; not synced yet${lost}`;
    return `client of ${server}; last sync (round ${last.round}) moved the clock ${signedMs(last.deltaMs)}, RTT ${last.rtt.toFixed(1)} ms, bound ±${last.boundMs.toFixed(1)} ms${lost}`;
  },
};
