// Ricart–Agrawala mutual exclusion (Ricart & Agrawala 1981; Tanenbaum & van Steen §6.3.2;
// Coulouris §15.2): a process that wants the critical section sends REQUEST with its Lamport
// timestamp to every other process and enters once all n−1 have sent REPLY. A process
// replies at once unless it is inside, or wants the critical section itself with an earlier
// (timestamp, id); then it defers the reply until it leaves. 2(n−1) messages per entry.
// Assumptions: the textbook assumes no process fails; a crashed process blocks every request
// until it recovers. What this machine adds so loss and crashes cannot break mutual
// exclusion: a waiting process repeats its REQUEST to those that have not replied every
// `retryMs`; every message carries its sender's life (its incarnation: the crash-recovery
// model's epoch number in stable storage, NodeContext.incarnation), and a reply counts only for
// the request and the life it answers: a process that crashed and came back has a fresh
// Lamport clock, so once its new life is seen a reply from its earlier life is void and
// messages from that life are ignored. (Lives were once the local clock at boot: a clock
// stepped back by hand before a recovery made the new life look older, and its requests went
// unanswered for good; the fuzzer found it once it stepped clocks.)

import { assertNever } from '../../assert.ts';
import type { Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

export interface RicartAgrawalaSettings {
  /** Local ms a process stays in the critical section. */
  holdMs: number;
  /** Local ms between repeats of a REQUEST to those that have not replied. */
  retryMs: number;
}

/** A request is named by its Lamport timestamp and its requester's life. */
export type RicartAgrawalaMessage =
  | { kind: 'REQUEST'; ts: number; life: number }
  /** Answers the request `ts` of the requester's life `for`; `life` is the replier's. */
  | { kind: 'REPLY'; ts: number; for: number; life: number };

interface Want {
  ts: number;
  /** Peers whose REPLY (in their current life) this request holds. */
  replied: NodeId[];
}

interface Owed {
  node: NodeId;
  ts: number;
  life: number;
}

export interface RicartAgrawalaState {
  life: number;
  /** The Lamport clock. */
  clock: number;
  want: Want | null;
  inside: boolean;
  /** Requests this process answers when it leaves. */
  deferred: Owed[];
  /** The life each peer was last heard in. */
  lives: Record<NodeId, number>;
}

type Ctx = NodeContext<RicartAgrawalaSettings>;
type RaStep = Step<RicartAgrawalaState, RicartAgrawalaMessage>;
type Fx = Effect<RicartAgrawalaMessage>;

const TIMER_HOLD = 'hold';
export const TIMER_RETRY = 'retry';

/** Whether request (a, i) comes before request (b, j): the earlier timestamp, ties to the lower id. */
export const before = (a: number, i: NodeId, b: number, j: NodeId): boolean => a < b || (a === b && i < j);

function deferredNote(state: RicartAgrawalaState, ctx: Ctx): Fx {
  const ids = state.deferred.map((o) => o.node);
  return {
    type: 'note',
    topic: 'mutex-deferred',
    text:
      ids.length > 0
        ? `${ctx.nameOf(ctx.self)} defers its reply to ${ids.map(ctx.nameOf).join(', ')}`
        : `${ctx.nameOf(ctx.self)} owes no reply`,
    data: { deferred: ids },
  };
}

/** A peer heard in a new life: whatever it replied in its last life is void. */
function heard(state: RicartAgrawalaState, from: NodeId, life: number): RicartAgrawalaState {
  if (state.lives[from] === life) return state;
  const lives = { ...state.lives, [from]: life };
  const want =
    state.want && state.want.replied.includes(from) ? { ...state.want, replied: state.want.replied.filter((n) => n !== from) } : state.want;
  return { ...state, lives, want, deferred: state.deferred.filter((o) => o.node !== from || o.life === life) };
}

function enterIfAllReplied(state: RicartAgrawalaState, ctx: Ctx, effects: Fx[]): RaStep {
  if (!state.want || state.inside || state.want.replied.length < ctx.peers.length) return { state, effects };
  return {
    state: { ...state, inside: true },
    effects: [
      ...effects,
      { type: 'cancel', key: TIMER_RETRY },
      {
        type: 'note',
        topic: 'cs-enter',
        text: `${ctx.nameOf(ctx.self)} enters the critical section (all ${ctx.peers.length} replied)`,
        data: { ts: state.want.ts },
      },
      { type: 'timer', key: TIMER_HOLD, afterMs: ctx.config.holdMs },
    ],
  };
}

const reply = (state: RicartAgrawalaState, o: Owed): Fx => ({
  type: 'send',
  to: o.node,
  msg: { kind: 'REPLY', ts: o.ts, for: o.life, life: state.life },
});

export const ricartAgrawalaMachine: NodeMachine<RicartAgrawalaState, RicartAgrawalaMessage, RicartAgrawalaSettings> = {
  algorithm: 'ricart-agrawala',

  init(ctx) {
    return { state: { life: ctx.incarnation ?? 0, clock: 0, want: null, inside: false, deferred: [], lives: {} }, effects: [] };
  },

  onRequest(state, ctx) {
    if (state.want !== null) return { state, effects: [] };
    const ts = state.clock + 1;
    const next: RicartAgrawalaState = { ...state, clock: ts, want: { ts, replied: [] } };
    const effects: Fx[] = [
      {
        type: 'note',
        topic: 'cs-request',
        text: `${ctx.nameOf(ctx.self)} asks for the critical section at Lamport time ${ts}`,
        data: { ts },
      },
      ...ctx.peers.map((to): Fx => ({ type: 'send', to, msg: { kind: 'REQUEST', ts, life: state.life } })),
      { type: 'timer', key: TIMER_RETRY, afterMs: ctx.config.retryMs },
    ];
    return enterIfAllReplied(next, ctx, effects);
  },

  onMessage(state0, from, msg, ctx) {
    const known = state0.lives[from];
    // A message from a life the sender has since left (it crashed after sending it): ignored.
    if (known !== undefined && msg.life < known) return { state: state0, effects: [] };
    const state = heard({ ...state0, clock: Math.max(state0.clock, msg.ts) + 1 }, from, msg.life);
    switch (msg.kind) {
      case 'REQUEST': {
        const owed: Owed = { node: from, ts: msg.ts, life: msg.life };
        const mine = state.want;
        const defer = state.inside || (mine !== null && before(mine.ts, ctx.self, msg.ts, from));
        if (!defer) return { state, effects: [reply(state, owed)] };
        if (state.deferred.some((o) => o.node === from && o.ts === msg.ts && o.life === msg.life)) return { state, effects: [] };
        const next = { ...state, deferred: [...state.deferred.filter((o) => o.node !== from), owed] };
        return { state: next, effects: [deferredNote(next, ctx)] };
      }
      case 'REPLY': {
        const want = state.want;
        if (!want || msg.ts !== want.ts || msg.for !== state.life || want.replied.includes(from)) return { state, effects: [] };
        return enterIfAllReplied({ ...state, want: { ...want, replied: [...want.replied, from] } }, ctx, []);
      }
      default:
        return assertNever(msg, 'Ricart–Agrawala message');
    }
  },

  onTimer(state, key, ctx) {
    switch (key) {
      case TIMER_HOLD: {
        if (!state.inside) return { state, effects: [] };
        const out: RicartAgrawalaState = { ...state, inside: false, want: null, deferred: [] };
        const effects: Fx[] = [
          {
            type: 'note',
            topic: 'cs-exit',
            text: `${ctx.nameOf(ctx.self)} leaves the critical section`,
            data: { ts: state.want?.ts ?? 0 },
          },
          ...state.deferred.map((o) => reply(state, o)),
        ];
        if (state.deferred.length > 0) effects.push(deferredNote(out, ctx));
        return { state: out, effects };
      }
      case TIMER_RETRY: {
        const want = state.want;
        if (!want || state.inside) return { state, effects: [] };
        const missing = ctx.peers.filter((p) => !want.replied.includes(p));
        return {
          state,
          effects: [
            ...missing.map((to): Fx => ({ type: 'send', to, msg: { kind: 'REQUEST', ts: want.ts, life: state.life } })),
            { type: 'timer', key: TIMER_RETRY, afterMs: ctx.config.retryMs },
          ],
        };
      }
      default:
        return { state, effects: [] };
    }
  },

  onNotice(state) {
    return { state, effects: [] };
  },

  view(state): NodeView {
    return { role: state.inside ? 'in-cs' : state.want !== null ? 'waiting' : 'released', leader: null };
  },

  describe(state, ctx) {
    const owes = state.deferred.length > 0 ? ` Defers its reply to ${state.deferred.map((o) => ctx.nameOf(o.node)).join(', ')}.` : '';
    if (state.inside) return `Inside the critical section (Lamport clock ${state.clock}).${owes}`;
    if (state.want) {
      const missing = ctx.peers.filter((p) => !state.want?.replied.includes(p));
      return `Waiting since Lamport time ${state.want.ts} for replies from ${missing.map(ctx.nameOf).join(', ')}.${owes}`;
    }
    return `Not asking for the critical section (Lamport clock ${state.clock}).${owes}`;
  },
};
