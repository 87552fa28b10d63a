// NTP's client–server exchange (Mills, RFC 5905; Tanenbaum & van Steen, Distributed Systems,
// ch. 6 "Network Time Protocol"; Coulouris et al. §14.3.4).
// A stratum-1 reference (a node with a radio or GPS clock) answers; a stratum-2 server syncs
// to it and answers the clients; every other node is a client of the server. A poll sends
// `samples` requests one after another. For each, the four timestamps are
//   T1 the client's clock when the request leaves,   T2 the server's when it arrives,
//   T3 the server's when the answer leaves,          T4 the client's when the answer arrives,
// giving the offset θ = ((T2 − T1) + (T3 − T4)) / 2 and the delay δ = (T4 − T1) − (T3 − T2):
// unlike Cristian's RTT, δ leaves out the server's own processing time (T3 − T2). Whatever
// the two one-way delays were, the true offset lies within θ ± δ/2 (plus what the clocks
// drift apart meanwhile: bound.ts). The clock filter keeps the sample with the smallest δ,
// whose bound is the tightest, and the client moves its clock by θ (step or slew).
// Strata: the reference is stratum 1; a node that has synced is its upstream's stratum + 1
// (2 for the server, 3 for clients) and 16 ("unsynchronised") until then. Every answer
// carries the answering node's stratum, and a sample from an unsynchronised node is
// discarded, so clients wait for the server's first sync.
// Assumptions: each node has one upstream (no peer selection or clustering among several
// servers); samples are taken back to back in one poll (real NTP keeps the last eight polls'
// samples); a synced node stays synced (no loss of sync after a long silence).
// Sample ids start at a random base per incarnation so a late answer, or one from before a
// crash, is not taken for the one awaited.

import { assertNever } from '../../assert.ts';
import type { ClockMode, Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

/** The stratum of a node that has not synced (RFC 5905: 16 means unsynchronised). */
export const UNSYNCHRONISED = 16;

export interface NtpSettings {
  /** The stratum-1 reference: it never syncs. */
  referenceId: NodeId;
  /** The stratum-2 server: syncs to the reference; every other node syncs to it. */
  serverId: NodeId;
  /** Requests per poll (at least 1); the sample with the smallest delay δ is kept. */
  samples: number;
  /** Local ms from the end of one poll to the start of the next; 0 polls once. */
  pollMs: number;
  /** Step the clock at once (possibly backwards) or slew it (never backwards). */
  mode: ClockMode;
  /** Local ms a node takes from a request's arrival (T2) to its answer (T3). */
  processingMs: number;
  /** Local ms after which an unanswered request counts as lost and the next one goes out. */
  requestTimeoutMs: number;
  /** Local ms after boot (or recovery) before the server's first poll. */
  serverStartMs: number;
  /** Local ms after boot (or recovery) before a client's first poll (later, so the server has synced). */
  clientStartMs: number;
}

export type NtpMessage =
  /** A client-mode packet: `t1` is its transmit timestamp, `stratum` the sender's. */
  | { kind: 'REQUEST'; sample: number; t1: number; stratum: number }
  /** A server-mode packet: T1 echoed, T2 and T3 on the answering node's clock, and its stratum. */
  | { kind: 'RESPONSE'; sample: number; t1: number; t2: number; t3: number; stratum: number };

/** One answered request, its four timestamps and what they give. */
export interface NtpSample {
  sample: number;
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  /** θ = ((T2 − T1) + (T3 − T4)) / 2 */
  offsetMs: number;
  /** δ = (T4 − T1) − (T3 − T2) */
  delayMs: number;
  /** The answering node's stratum. */
  stratum: number;
}

/** What the last completed sync did (for the inspector). */
export interface NtpSyncSummary {
  poll: number;
  offsetMs: number;
  delayMs: number;
  stratum: number;
}

export interface NtpState {
  /** 1 for the reference, its upstream's + 1 once synced, UNSYNCHRONISED until then. */
  stratum: number;
  /** Polls started in this incarnation. */
  poll: number;
  inPoll: boolean;
  nextSample: number;
  /** Requests sent in the current poll. */
  sent: number;
  /** Answers that arrived for the current poll's requests, usable or not. */
  replies: number;
  /** Answers discarded because their sender was unsynchronised. */
  rejected: number;
  outstanding: { sample: number; t1: number } | null;
  /** The current poll's usable samples (the clock filter picks among them). */
  samples: NtpSample[];
  syncs: number;
  /** Requests that timed out; answers that came after their request had timed out. */
  lost: number;
  late: number;
  last: NtpSyncSummary | null;
  /** Requests answered. */
  served: number;
  /** Requests being processed, by their answer timer's key. */
  pending: Record<string, { to: NodeId; sample: number; t1: number; t2: number }>;
}

type Ctx = NodeContext<NtpSettings>;
type NtpStep = Step<NtpState, NtpMessage>;
type NtpEffect = Effect<NtpMessage>;

const TIMER_POLL = 'poll';
export const TIMER_SAMPLE = 'sample-timeout';
const ANSWER = 'answer:';

/** The node this one syncs to, or null for the reference (or a node whose upstream is not in the run). */
export function upstreamOf(self: NodeId, settings: NtpSettings): NodeId | null {
  if (self === settings.referenceId) return null;
  return self === settings.serverId ? settings.referenceId : settings.serverId;
}

const upstream = (ctx: Ctx): NodeId | null => {
  const up = upstreamOf(ctx.self, ctx.config);
  return up !== null && ctx.peers.includes(up) ? up : null;
};
const samplesPerPoll = (ctx: Ctx): number => Math.max(1, Math.floor(ctx.config.samples));
const nonNegative = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? ms : 0);

/** The offset and delay of four timestamps (RFC 5905 §8). */
export function offsetAndDelay(t1: number, t2: number, t3: number, t4: number): { offsetMs: number; delayMs: number } {
  return { offsetMs: (t2 - t1 + (t3 - t4)) / 2, delayMs: t4 - t1 - (t3 - t2) };
}

/** The clock filter: the sample with the smallest delay (the first of equals). */
export const clockFilter = (samples: readonly NtpSample[]): NtpSample | null =>
  samples.reduce<NtpSample | null>((best, s) => (best === null || s.delayMs < best.delayMs ? s : best), null);

const signedMs = (ms: number): string => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;

function sendRequest(state: NtpState, ctx: Ctx, to: NodeId): NtpStep {
  const sample = state.nextSample;
  return {
    state: { ...state, nextSample: sample + 1, sent: state.sent + 1, outstanding: { sample, t1: ctx.now } },
    effects: [
      { type: 'send', to, msg: { kind: 'REQUEST', sample, t1: ctx.now, stratum: state.stratum } },
      { type: 'timer', key: TIMER_SAMPLE, afterMs: nonNegative(ctx.config.requestTimeoutMs) },
    ],
  };
}

function startPoll(state: NtpState, ctx: Ctx, to: NodeId): NtpStep {
  return sendRequest(
    { ...state, poll: state.poll + 1, inPoll: true, sent: 0, replies: 0, rejected: 0, outstanding: null, samples: [] },
    ctx,
    to,
  );
}

/** After a request is answered or lost: the next request, or the end of the poll. */
function continuePoll(state: NtpState, ctx: Ctx, before: NtpEffect[]): NtpStep {
  const to = upstream(ctx);
  const next = to !== null && state.sent < samplesPerPoll(ctx) ? sendRequest(state, ctx, to) : finishPoll(state, ctx);
  return { state: next.state, effects: [...before, ...next.effects] };
}

function finishPoll(state: NtpState, ctx: Ctx): NtpStep {
  const { config } = ctx;
  const server = upstreamOf(ctx.self, config) as NodeId;
  const effects: NtpEffect[] = [];
  let next: NtpState = { ...state, inPoll: false, outstanding: null, samples: [] };
  const best = clockFilter(state.samples);
  if (best) {
    const before: number = ctx.now;
    const after = before + best.offsetMs;
    const stratum = best.stratum + 1;
    next = {
      ...next,
      stratum,
      syncs: state.syncs + 1,
      last: { poll: state.poll, offsetMs: best.offsetMs, delayMs: best.delayMs, stratum },
    };
    const kept = state.samples.length > 1 ? ` (lowest δ of ${state.samples.length} samples)` : '';
    effects.push(
      { type: 'adjust', mode: config.mode, deltaMs: best.offsetMs },
      {
        type: 'note',
        topic: 'ntp-sync',
        text:
          `θ ${signedMs(best.offsetMs)}, δ ${best.delayMs.toFixed(1)} ms${kept} from ${ctx.nameOf(server)} (stratum ${best.stratum}): ` +
          `clock ${(before / 1000).toFixed(3)} s → ${(after / 1000).toFixed(3)} s (${config.mode}), ±${(best.delayMs / 2).toFixed(1)} ms; now stratum ${stratum}`,
        data: {
          server,
          poll: state.poll,
          sample: best.sample,
          t1: best.t1,
          t2: best.t2,
          t3: best.t3,
          t4: best.t4,
          offsetMs: best.offsetMs,
          delayMs: best.delayMs,
          serverStratum: best.stratum,
          stratum,
          before,
          after,
          mode: config.mode,
          sent: state.sent,
          rejected: state.rejected,
          samples: state.samples.map((s) => ({ sample: s.sample, offsetMs: s.offsetMs, delayMs: s.delayMs })),
        },
      },
    );
  } else {
    const why =
      state.rejected > 0
        ? `${ctx.nameOf(server)} is not synchronised yet (stratum ${UNSYNCHRONISED}): ${state.rejected} of ${state.sent} samples discarded`
        : `no answer from ${ctx.nameOf(server)} to any of ${state.sent} requests`;
    effects.push({
      type: 'note',
      topic: 'ntp-failed',
      text: `${why}; clock left alone`,
      data: { server, poll: state.poll, sent: state.sent, rejected: state.rejected },
    });
  }
  if (config.pollMs > 0) effects.push({ type: 'timer', key: TIMER_POLL, afterMs: config.pollMs });
  return { state: next, effects };
}

function onResponse(state: NtpState, from: NodeId, msg: Extract<NtpMessage, { kind: 'RESPONSE' }>, ctx: Ctx): NtpStep {
  const pending = state.outstanding;
  if (from !== upstream(ctx) || pending === null || pending.sample !== msg.sample || pending.t1 !== msg.t1) {
    // An answer to a request that already timed out, a duplicate, or a bogus origin timestamp.
    return { state: { ...state, late: state.late + 1 }, effects: [] };
  }
  const cancel: NtpEffect[] = [{ type: 'cancel', key: TIMER_SAMPLE }];
  const answered = { ...state, outstanding: null, replies: state.replies + 1 };
  if (msg.stratum >= UNSYNCHRONISED) return continuePoll({ ...answered, rejected: state.rejected + 1 }, ctx, cancel);
  const t4: number = ctx.now;
  const sample: NtpSample = {
    sample: msg.sample,
    t1: msg.t1,
    t2: msg.t2,
    t3: msg.t3,
    t4,
    ...offsetAndDelay(msg.t1, msg.t2, msg.t3, t4),
    stratum: msg.stratum,
  };
  return continuePoll({ ...answered, samples: [...state.samples, sample] }, ctx, cancel);
}

function onSampleTimeout(state: NtpState, ctx: Ctx): NtpStep {
  const pending = state.outstanding;
  if (pending === null) return { state, effects: [] };
  const server = upstreamOf(ctx.self, ctx.config) as NodeId;
  const note: NtpEffect = {
    type: 'note',
    topic: 'ntp-timeout',
    text: `request ${state.sent} of ${samplesPerPoll(ctx)} to ${ctx.nameOf(server)} got no answer within ${ctx.config.requestTimeoutMs} ms`,
    data: { server, poll: state.poll, sample: pending.sample, t1: pending.t1 },
  };
  return continuePoll({ ...state, outstanding: null, lost: state.lost + 1 }, ctx, [note]);
}

const answer = (to: NodeId, sample: number, t1: number, t2: number, t3: number, stratum: number): NtpEffect => ({
  type: 'send',
  to,
  msg: { kind: 'RESPONSE', sample, t1, t2, t3, stratum },
});

function onRequest(state: NtpState, from: NodeId, msg: Extract<NtpMessage, { kind: 'REQUEST' }>, ctx: Ctx): NtpStep {
  const t2: number = ctx.now;
  const processing = nonNegative(ctx.config.processingMs);
  if (processing === 0)
    return { state: { ...state, served: state.served + 1 }, effects: [answer(from, msg.sample, msg.t1, t2, t2, state.stratum)] };
  const key = `${ANSWER}${from}:${msg.sample}`;
  // A duplicate of a request still being processed is answered once.
  if (state.pending[key]) return { state, effects: [] };
  return {
    state: { ...state, pending: { ...state.pending, [key]: { to: from, sample: msg.sample, t1: msg.t1, t2 } } },
    effects: [{ type: 'timer', key, afterMs: processing }],
  };
}

function onAnswerTimer(state: NtpState, key: string, ctx: Ctx): NtpStep {
  const p = state.pending[key];
  if (!p) return { state, effects: [] };
  const { [key]: _done, ...pending } = state.pending;
  // T3 is read as the answer leaves, and the stratum is the node's own at that moment.
  return { state: { ...state, pending, served: state.served + 1 }, effects: [answer(p.to, p.sample, p.t1, p.t2, ctx.now, state.stratum)] };
}

export const ntpMachine: NodeMachine<NtpState, NtpMessage, NtpSettings> = {
  algorithm: 'ntp',

  init(ctx) {
    const isReference = ctx.self === ctx.config.referenceId;
    const fresh: NtpState = {
      stratum: isReference ? 1 : UNSYNCHRONISED,
      poll: 0,
      inPoll: false,
      nextSample: 1,
      sent: 0,
      replies: 0,
      rejected: 0,
      outstanding: null,
      samples: [],
      syncs: 0,
      lost: 0,
      late: 0,
      last: null,
      served: 0,
      pending: {},
    };
    if (upstream(ctx) === null) return { state: fresh, effects: [] };
    const start = ctx.self === ctx.config.serverId ? ctx.config.serverStartMs : ctx.config.clientStartMs;
    return {
      state: { ...fresh, nextSample: 1 + Math.floor(ctx.random() * 0x40000000) },
      effects: [{ type: 'timer', key: TIMER_POLL, afterMs: nonNegative(start) }],
    };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'REQUEST':
        return onRequest(state, from, msg, ctx);
      case 'RESPONSE':
        return onResponse(state, from, msg, ctx);
      default:
        return assertNever(msg, 'ntp message');
    }
  },

  onTimer(state, key, ctx) {
    if (key.startsWith(ANSWER)) return onAnswerTimer(state, key, ctx);
    switch (key) {
      case TIMER_POLL: {
        const to = upstream(ctx);
        return state.inPoll || to === null ? { state, effects: [] } : startPoll(state, ctx, to);
      }
      case TIMER_SAMPLE:
        return onSampleTimeout(state, ctx);
      default:
        return { state, effects: [] };
    }
  },

  // NTP has no coordinator to lose: a notice changes nothing.
  onNotice(state) {
    return { state, effects: [] };
  },

  view(_state, ctx): NodeView {
    const { referenceId, serverId } = ctx.config;
    if (ctx.self === referenceId) return { role: 'reference', leader: referenceId };
    if (ctx.self === serverId) return { role: 'server', leader: upstream(ctx) };
    return { role: 'client', leader: upstream(ctx) };
  },

  describe(state, ctx) {
    const strat = state.stratum >= UNSYNCHRONISED ? 'unsynchronised (stratum 16)' : `stratum ${state.stratum}`;
    if (ctx.self === ctx.config.referenceId) return `stratum-1 reference; answered ${state.served} request${state.served === 1 ? '' : 's'}`;
    const up = upstreamOf(ctx.self, ctx.config) as NodeId;
    const served = ctx.self === ctx.config.serverId ? `; answered ${state.served} request${state.served === 1 ? '' : 's'}` : '';
    if (upstream(ctx) === null) return `${strat}; ${ctx.nameOf(up)} is not in this system: not syncing${served}`;
    if (state.inPoll)
      return `${strat}; poll ${state.poll}: request ${state.sent} of ${samplesPerPoll(ctx)} sent to ${ctx.nameOf(up)}, ${state.samples.length} usable${served}`;
    const lost = state.lost > 0 ? `; ${state.lost} request${state.lost === 1 ? '' : 's'} lost` : '';
    const last = state.last;
    if (last === null) return `${strat}; syncs to ${ctx.nameOf(up)}; not synced yet${lost}${served}`;
    return `${strat}; syncs to ${ctx.nameOf(up)}; last poll ${last.poll}: θ ${signedMs(last.offsetMs)}, δ ${last.delayMs.toFixed(1)} ms${lost}${served}`;
  },
};
