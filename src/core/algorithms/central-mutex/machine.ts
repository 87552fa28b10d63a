// Mutual exclusion with a central coordinator (Tanenbaum & van Steen §6.3.1; Coulouris §15.2):
// a process sends REQUEST to the coordinator, which GRANTs the critical section to one
// process at a time in order of arrival and queues the rest; the holder leaves after
// `holdMs` and sends RELEASE. Three messages per entry.
// Assumptions: a process stays inside at most `holdMs` of its own clock (so a grant can be
// leased); every other process can reach the coordinator. What the textbook leaves open, and
// what this machine adds so faults cannot break mutual exclusion: a grant is a lease (after
// `leaseMs` with no RELEASE the coordinator takes it back: the holder crashed or its RELEASE
// was lost, and it is out by then anyway); a recovered coordinator, whose queue is gone,
// grants nothing for `leaseMs` (any grant it made before crashing has run out by then); a
// waiting process repeats its REQUEST every `retryMs` (lost messages, a crashed coordinator);
// a GRANT for a request the process no longer has is handed straight back with a RELEASE.

import { assertNever } from '../../assert.ts';
import type { Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

export interface CentralMutexSettings {
  coordinatorId: NodeId;
  /** Local ms a process stays in the critical section. */
  holdMs: number;
  /** Local ms between repeats of an unanswered REQUEST. */
  retryMs: number;
  /** Local ms after a GRANT before the coordinator takes it back without a RELEASE; longer than holdMs plus a round trip. */
  leaseMs: number;
}

export type CentralMutexMessage = { kind: 'REQUEST'; req: number } | { kind: 'GRANT'; req: number } | { kind: 'RELEASE'; req: number };

interface Ask {
  node: NodeId;
  req: number;
}

export interface CentralMutexState {
  /** This process's current request id, or null when it does not want the critical section. */
  req: number | null;
  inside: boolean;
  /** Coordinator only: who holds the grant, who waits, and whether it is still in its recovery quiet. */
  holder: Ask | null;
  queue: Ask[];
  quiet: boolean;
}

type Ctx = NodeContext<CentralMutexSettings>;
type MutexStep = Step<CentralMutexState, CentralMutexMessage>;
type Fx = Effect<CentralMutexMessage>;

const TIMER_HOLD = 'hold';
export const TIMER_RETRY = 'retry';
export const TIMER_LEASE = 'lease';
export const TIMER_QUIET = 'quiet';

const isCoordinator = (ctx: Ctx): boolean => ctx.self === ctx.config.coordinatorId;
const newReq = (ctx: Ctx): number => 1 + Math.floor(ctx.random() * 0x40000000);

function queueNote(state: CentralMutexState, ctx: Ctx): Fx {
  const queue = state.queue.map((a) => a.node);
  const holder = state.holder?.node ?? null;
  const text =
    `coordinator ${ctx.nameOf(ctx.self)}: ${holder === null ? 'nobody holds the grant' : `${ctx.nameOf(holder)} holds the grant`}` +
    `, queue [${queue.map(ctx.nameOf).join(', ')}]${state.quiet ? ' (recovering: granting nothing yet)' : ''}`;
  return { type: 'note', topic: 'mutex-queue', text, data: { holder, queue } };
}

function enter(state: CentralMutexState, ctx: Ctx): MutexStep {
  return {
    state: { ...state, inside: true },
    effects: [
      { type: 'cancel', key: TIMER_RETRY },
      { type: 'note', topic: 'cs-enter', text: `${ctx.nameOf(ctx.self)} enters the critical section`, data: { req: state.req } },
      { type: 'timer', key: TIMER_HOLD, afterMs: ctx.config.holdMs },
    ],
  };
}

/** Coordinator: grants the critical section to the head of the queue if nobody holds it. */
function grantNext(state: CentralMutexState, ctx: Ctx, effects: Fx[]): MutexStep {
  if (state.holder !== null || state.quiet || state.queue.length === 0) return { state, effects: [...effects, queueNote(state, ctx)] };
  const [next, ...queue] = state.queue as [Ask, ...Ask[]];
  const granted = { ...state, holder: next, queue };
  if (next.node === ctx.self) {
    const inside = enter(granted, ctx);
    return { state: inside.state, effects: [...effects, queueNote(granted, ctx), ...inside.effects] };
  }
  return {
    state: granted,
    effects: [
      ...effects,
      { type: 'send', to: next.node, msg: { kind: 'GRANT', req: next.req } },
      { type: 'timer', key: TIMER_LEASE, afterMs: ctx.config.leaseMs },
      queueNote(granted, ctx),
    ],
  };
}

/** Coordinator: a request joins the queue (a repeat replaces its older one; the holder's repeat gets its GRANT again). */
function enqueue(state: CentralMutexState, ask: Ask, ctx: Ctx): MutexStep {
  if (state.holder?.node === ask.node) {
    if (state.holder.req !== ask.req || ask.node === ctx.self) return { state, effects: [] };
    // Its GRANT was lost: send it again, and lease it again from now.
    return {
      state,
      effects: [
        { type: 'send', to: ask.node, msg: { kind: 'GRANT', req: ask.req } },
        { type: 'timer', key: TIMER_LEASE, afterMs: ctx.config.leaseMs },
      ],
    };
  }
  const queue = state.queue.some((a) => a.node === ask.node)
    ? state.queue.map((a) => (a.node === ask.node ? ask : a))
    : [...state.queue, ask];
  return grantNext({ ...state, queue }, ctx, []);
}

/** Coordinator: the holder is done (or its lease ran out). */
function released(state: CentralMutexState, ctx: Ctx, effects: Fx[]): MutexStep {
  return grantNext({ ...state, holder: null }, ctx, [{ type: 'cancel', key: TIMER_LEASE }, ...effects]);
}

export const centralMutexMachine: NodeMachine<CentralMutexState, CentralMutexMessage, CentralMutexSettings> = {
  algorithm: 'central-mutex',

  init(ctx, recovered) {
    const state: CentralMutexState = { req: null, inside: false, holder: null, queue: [], quiet: false };
    if (!isCoordinator(ctx) || !recovered) return { state, effects: [] };
    return {
      state: { ...state, quiet: true },
      effects: [{ type: 'timer', key: TIMER_QUIET, afterMs: ctx.config.leaseMs }, queueNote({ ...state, quiet: true }, ctx)],
    };
  },

  onRequest(state, ctx) {
    if (state.req !== null) return { state, effects: [] };
    const req = newReq(ctx);
    const asked: Fx = { type: 'note', topic: 'cs-request', text: `${ctx.nameOf(ctx.self)} asks for the critical section`, data: { req } };
    const next = { ...state, req };
    if (isCoordinator(ctx)) {
      const queued = enqueue(next, { node: ctx.self, req }, ctx);
      return { state: queued.state, effects: [asked, ...queued.effects] };
    }
    return {
      state: next,
      effects: [
        asked,
        { type: 'send', to: ctx.config.coordinatorId, msg: { kind: 'REQUEST', req } },
        { type: 'timer', key: TIMER_RETRY, afterMs: ctx.config.retryMs },
      ],
    };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'REQUEST':
        return isCoordinator(ctx) ? enqueue(state, { node: from, req: msg.req }, ctx) : { state, effects: [] };
      case 'GRANT':
        if (state.req === msg.req && !state.inside) return enter(state, ctx);
        if (state.req === msg.req) return { state, effects: [] };
        // A grant for a request this process no longer has (it recovered, or already left): hand it back.
        return { state, effects: [{ type: 'send', to: from, msg: { kind: 'RELEASE', req: msg.req } }] };
      case 'RELEASE': {
        if (!isCoordinator(ctx)) return { state, effects: [] };
        if (state.holder?.node === from && state.holder.req === msg.req) return released(state, ctx, []);
        return { state, effects: [] };
      }
      default:
        return assertNever(msg, 'central mutex message');
    }
  },

  onTimer(state, key, ctx) {
    switch (key) {
      case TIMER_HOLD: {
        if (!state.inside) return { state, effects: [] };
        const req = state.req ?? 0;
        const left: Fx = { type: 'note', topic: 'cs-exit', text: `${ctx.nameOf(ctx.self)} leaves the critical section`, data: { req } };
        const out = { ...state, inside: false, req: null };
        if (isCoordinator(ctx)) return released(out, ctx, [left]);
        return { state: out, effects: [left, { type: 'send', to: ctx.config.coordinatorId, msg: { kind: 'RELEASE', req } }] };
      }
      case TIMER_RETRY:
        if (state.req === null || state.inside) return { state, effects: [] };
        return {
          state,
          effects: [
            { type: 'send', to: ctx.config.coordinatorId, msg: { kind: 'REQUEST', req: state.req } },
            { type: 'timer', key: TIMER_RETRY, afterMs: ctx.config.retryMs },
          ],
        };
      case TIMER_LEASE:
        if (!isCoordinator(ctx) || state.holder === null || state.holder.node === ctx.self) return { state, effects: [] };
        return released(state, ctx, [
          {
            type: 'note',
            topic: 'lease-expired',
            text: `coordinator takes the grant back from ${ctx.nameOf(state.holder.node)} (no RELEASE in time)`,
          },
        ]);
      case TIMER_QUIET:
        return grantNext({ ...state, quiet: false }, ctx, []);
      default:
        return { state, effects: [] };
    }
  },

  onNotice(state) {
    return { state, effects: [] };
  },

  view(state, ctx): NodeView {
    // Processes do not follow a leader as in an election: only the coordinator names itself.
    if (isCoordinator(ctx)) return { role: 'coordinator', leader: ctx.self };
    return { role: state.inside ? 'in-cs' : state.req !== null ? 'waiting' : 'released', leader: null };
  },

  describe(state, ctx) {
    if (isCoordinator(ctx)) {
      const holder = state.holder ? ctx.nameOf(state.holder.node) : 'nobody';
      return `Coordinator: ${holder} holds the grant; queue [${state.queue.map((a) => ctx.nameOf(a.node)).join(', ')}]${state.quiet ? '; recovering, granting nothing yet' : ''}.`;
    }
    if (state.inside) return 'Inside the critical section.';
    if (state.req !== null) return `Waiting for the coordinator's GRANT (request ${state.req}).`;
    return 'Not asking for the critical section.';
  },
};
