// Ring election (Tanenbaum & van Steen §6.4.1), with Chang & Roberts (1979) as a variant.
// Assumptions: processes sit on a logical ring (ascending ids unless `order` is given) and
// each knows the whole ring, so it can skip a successor that does not acknowledge in time.
// List variant: the noticing process sends ELECTION carrying [its id] to its successor;
// every live process appends its id and forwards. When the message reaches a process that
// is already in the list, that process turns it into COORDINATOR naming the highest id and
// sends it once around (it stops where it has already been). Concurrent initiators each
// circulate a message and all elect the same highest id.
// Chang-Roberts: ELECTION carries one candidate id; a process forwards a larger id,
// replaces a smaller one with its own if it is not yet participating and drops it if it is;
// the process that gets its own id back wins and sends ELECTED around.
// Every ring message is acknowledged (ACKs are counted apart). An election that does not
// finish within electionTimeoutMs is started again, which recovers from lost messages and
// from a winner crashing mid-election.

import { assertNever } from '../../assert.ts';
import { beat, heartbeatTimers, type HeartbeatSettings, TIMER_HEARTBEAT, TIMER_WATCH } from '../heartbeat.ts';
import type { Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';
import { episodeId, incarnationStamp } from '../episode.ts';

export interface RingSettings extends HeartbeatSettings {
  variant: 'list' | 'chang-roberts';
  /** Ring order; ascending ids when absent. */
  order?: NodeId[];
  /** Local ms to wait for a successor's ACK before skipping it. */
  ackTimeoutMs: number;
  /** Local ms a participant waits for the result before starting a new election. */
  electionTimeoutMs: number;
  initialCoordinator: NodeId | null;
}

/**
 * Every election message, and the ACK of one, carries its episode id `ep`: the id the
 * process that started the election gave it (`P<id>.<n>`), so the messages of one election
 * can be counted together whoever forwards them.
 */
export type RingMessage =
  /** List variant: the ids seen so far. Chang-Roberts: exactly one id, the candidate. */
  | { kind: 'ELECTION'; ids: NodeId[]; round: number; hop: number; ep: string; inc?: number }
  /** List variant result: the winner, and where the announcement has been. */
  | { kind: 'COORDINATOR'; leader: NodeId; visited: NodeId[]; hop: number; ep: string }
  /** Chang-Roberts result. */
  | { kind: 'ELECTED'; leader: NodeId; round: number; hop: number; ep: string; inc?: number }
  | { kind: 'ACK'; hop: number; ep: string }
  | { kind: 'HEARTBEAT' };

type RingForward = Exclude<RingMessage, { kind: 'ACK' } | { kind: 'HEARTBEAT' }>;

export interface PendingForward {
  msg: RingForward;
  /** The successor we are waiting on. */
  to: NodeId;
}

export interface RingState {
  leader: NodeId | null;
  /** Taking part in an election that has not finished (Chang-Roberts' "participant"). */
  participant: boolean;
  /** Forwards awaiting ACK, by hop number. */
  pending: Record<string, PendingForward>;
  nextHop: number;
  /** Elections this incarnation has started or stood in (the round number shown on the page). */
  round: number;
  /** Chang-Roberts: recent (candidate, round) messages seen, so copies made by lost ACKs die here. */
  seen: string[];
  /** Elections this incarnation started itself (numbers its episode ids). */
  started: number;
  /**
   * This incarnation's stamp: 0 for the first, the local clock it recovered at after that.
   * A recovered process has lost its counters, so without it its new rounds and episodes
   * would reuse ids the others remember from its last life and be dropped as copies.
   */
  inc: number;
  /** The announced winner we last found dead and held a new election against, and when (local ms). */
  suspected: { leader: NodeId; at: number } | null;
}

const SEEN_LIMIT = 32;

/** The incarnation stamp on a candidate's messages; left out for the first life, so preset traces stay as they were. */
const incOf = (from: { inc?: number | undefined }): { inc?: number } => (from.inc ? { inc: from.inc } : {});

type Ctx = NodeContext<RingSettings>;
type RingStep = Step<RingState, RingMessage>;
type Effects = Effect<RingMessage>[];

export const TIMER_ELECTION = 'election-timeout';
export const ACK_TIMER_PREFIX = 'ack:';
const ackTimer = (hop: number): string => `${ACK_TIMER_PREFIX}${hop}`;

/** Ring orders by peer list: a node's peers never change, so it sorts them once, not per message. */
const defaultOrders = new WeakMap<object, NodeId[]>();

export function ringOrder(ctx: Ctx): readonly NodeId[] {
  if (ctx.config.order) return ctx.config.order;
  let order = defaultOrders.get(ctx.peers);
  if (!order) {
    order = [...ctx.peers, ctx.self].sort((a, b) => a - b);
    defaultOrders.set(ctx.peers, order);
  }
  return order;
}

/** The process after `id` on the ring. */
export function successorOf(id: NodeId, ctx: Ctx): NodeId {
  const order = ringOrder(ctx);
  const i = order.indexOf(id);
  return order[(i + 1) % order.length] as NodeId;
}

/** Sends a ring message to `to` and waits for its ACK. */
function forward(state: RingState, msg: RingForward, to: NodeId, ctx: Ctx): RingStep {
  const hop = state.nextHop;
  const stamped = { ...msg, hop } as RingForward;
  return {
    state: { ...state, nextHop: hop + 1, pending: { ...state.pending, [hop]: { msg: stamped, to } } },
    effects: [
      { type: 'send', to, msg: stamped },
      { type: 'timer', key: ackTimer(hop), afterMs: ctx.config.ackTimeoutMs },
    ],
  };
}

/** Passes a message on to our successor, or handles it ourselves if we are alone on the ring. */
function passOn(state: RingState, msg: RingForward, ctx: Ctx, after: NodeId = ctx.self): RingStep {
  const to = successorOf(after, ctx);
  if (to === ctx.self) return receive(state, msg, ctx);
  return forward(state, msg, to, ctx);
}

function then(first: RingStep, next: (s: RingState) => RingStep): RingStep {
  const second = next(first.state);
  return { state: second.state, effects: [...first.effects, ...second.effects] };
}

function startElection(state: RingState, ctx: Ctx, why: string): RingStep {
  const round = state.round + 1;
  const ep = episodeId(ctx.self, state.started + 1, state.inc);
  const started: RingState = { ...state, participant: true, round, started: state.started + 1 };
  const effects: Effects = [
    {
      type: 'note',
      topic: 'election-start',
      text: `P${ctx.self} starts a ring election (${why}), round ${round}`,
      data: { round, ep, initiator: true },
    },
    { type: 'timer', key: TIMER_ELECTION, afterMs: ctx.config.electionTimeoutMs },
  ];
  const sent = passOn(started, { kind: 'ELECTION', ids: [ctx.self], round, hop: 0, ep, ...incOf(state) }, ctx);
  return { state: sent.state, effects: [...effects, ...sent.effects] };
}

/** Chang-Roberts: put our own id forward in a new round (instead of a smaller or dead candidate). */
function standForElection(state: RingState, ctx: Ctx, ep: string, after: NodeId = ctx.self): RingStep {
  const round = state.round + 1;
  const armed: RingStep = {
    state: { ...state, participant: true, round },
    effects: [{ type: 'timer', key: TIMER_ELECTION, afterMs: ctx.config.electionTimeoutMs }],
  };
  return then(armed, (s) => passOn(s, { kind: 'ELECTION', ids: [ctx.self], round, hop: 0, ep, ...incOf(state) }, ctx, after));
}

function adopt(state: RingState, leader: NodeId, ep: string, ctx: Ctx): RingStep {
  const effects: Effects = [{ type: 'cancel', key: TIMER_ELECTION }, ...heartbeatTimers(leader, ctx)];
  if (leader === ctx.self && state.leader !== ctx.self) {
    effects.unshift({
      type: 'note',
      topic: 'elected',
      text: `P${ctx.self} is the new coordinator`,
      data: { round: state.round, leader, ep },
    });
  }
  return { state: { ...state, leader, participant: false }, effects };
}

/** Handles a ring message that has reached this process (from a peer, or from itself when alone). */
function receive(current: RingState, msg: RingForward, ctx: Ctx): RingStep {
  let state = current;
  const self = ctx.self;
  switch (msg.kind) {
    case 'ELECTION': {
      if (ctx.config.variant === 'list') {
        // A lost ACK makes the sender skip a successor that did get the message, so two
        // copies go on; each process handles an episode's ELECTION (and its return) once.
        const copy = msg.ids.includes(self) ? `R:${msg.ep}` : `E:${msg.ep}`;
        if (state.seen.includes(copy)) return { state, effects: [] };
        state = { ...state, seen: [...state.seen, copy].slice(-SEEN_LIMIT) };
        if (msg.ids.includes(self)) {
          const leader = Math.max(...msg.ids);
          const noted: RingStep = {
            state,
            effects: [
              {
                type: 'note',
                topic: 'ring-complete',
                text: `P${self} got the election back: [${msg.ids.join(', ')}], P${leader} wins`,
                data: { ids: msg.ids, leader, ep: msg.ep },
              },
            ],
          };
          return then(
            then(noted, (s) => adopt(s, leader, msg.ep, ctx)),
            (s) => passOn(s, { kind: 'COORDINATOR', leader, visited: [self], hop: 0, ep: msg.ep }, ctx),
          );
        }
        const joined: RingState = { ...state, participant: true };
        return then({ state: joined, effects: [{ type: 'timer', key: TIMER_ELECTION, afterMs: ctx.config.electionTimeoutMs }] }, (s) =>
          passOn(s, { kind: 'ELECTION', ids: [...msg.ids, self], round: msg.round, hop: 0, ep: msg.ep }, ctx),
        );
      }
      const candidate = msg.ids[0] ?? self;
      const key = `${candidate}@${msg.inc ?? 0}:${msg.round}`;
      if (state.seen.includes(key)) return { state, effects: [] }; // a copy made by a lost ACK
      const seenState: RingState = { ...state, seen: [...state.seen, key].slice(-SEEN_LIMIT) };
      if (candidate === self) {
        // An older candidacy of ours, in this life or the last.
        if (msg.round !== state.round || (msg.inc ?? 0) !== state.inc) return { state: seenState, effects: [] };
        return then(adopt(seenState, self, msg.ep, ctx), (s) =>
          passOn(s, { kind: 'ELECTED', leader: self, round: s.round, hop: 0, ep: msg.ep, ...incOf(s) }, ctx),
        );
      }
      const armed: Effects = [{ type: 'timer', key: TIMER_ELECTION, afterMs: ctx.config.electionTimeoutMs }];
      if (candidate > self) {
        return then({ state: { ...seenState, participant: true }, effects: armed }, (s) =>
          passOn(s, { kind: 'ELECTION', ids: [candidate], round: msg.round, hop: 0, ep: msg.ep, ...incOf(msg) }, ctx),
        );
      }
      if (state.participant) return { state: seenState, effects: [] }; // a smaller candidate while we already compete: drop it
      return standForElection(seenState, ctx, msg.ep);
    }
    case 'COORDINATOR': {
      if (msg.visited.includes(self)) return { state, effects: [] }; // the announcement has been all the way round
      const copy = `C:${msg.ep}`;
      if (state.seen.includes(copy)) return { state, effects: [] }; // a copy made by a lost ACK
      state = { ...state, seen: [...state.seen, copy].slice(-SEEN_LIMIT) };
      const passed = then(adopt(state, msg.leader, msg.ep, ctx), (s) =>
        passOn(s, { kind: 'COORDINATOR', leader: msg.leader, visited: [...msg.visited, self], hop: 0, ep: msg.ep }, ctx),
      );
      return challengeIfLower(passed, msg.leader, ctx);
    }
    case 'ELECTED': {
      // Our own announcement back: Chang & Roberts' winner discards it (it stopped
      // participating when it won, Coulouris §15.3.1). It must not end an election we have
      // since joined: an old round's ELECTED, delayed by a lost ACK, once arrived after this
      // process had seen a lower winner announced and stood again, and left it following
      // that lower winner for good.
      if (msg.leader === self) return { state, effects: [] };
      const key = `E${msg.leader}@${msg.inc ?? 0}:${msg.round}`;
      if (state.seen.includes(key)) return { state, effects: [] };
      const seenState: RingState = { ...state, seen: [...state.seen, key].slice(-SEEN_LIMIT) };
      const passed = then(adopt(seenState, msg.leader, msg.ep, ctx), (s) =>
        passOn(s, { kind: 'ELECTED', leader: msg.leader, round: msg.round, hop: 0, ep: msg.ep, ...incOf(msg) }, ctx),
      );
      return challengeIfLower(passed, msg.leader, ctx);
    }
    default:
      return assertNever(msg, 'ring message');
  }
}

/**
 * An election that missed us (we were down, or cut off, when it passed) announces a lower
 * winner. We pass the announcement on so its round completes, then start an election that
 * includes us, so the ring still converges on the highest live id.
 */
function challengeIfLower(passed: RingStep, leader: NodeId, ctx: Ctx): RingStep {
  if (leader >= ctx.self) return passed;
  return then(passed, (s) => startElection(s, ctx, `P${leader} was announced but P${ctx.self} is higher`));
}

export const ringMachine: NodeMachine<RingState, RingMessage, RingSettings> = {
  algorithm: 'ring',

  init(ctx, recovered) {
    const fresh: RingState = {
      leader: null,
      participant: false,
      pending: {},
      nextHop: 1,
      round: 0,
      seen: [],
      started: 0,
      inc: recovered ? incarnationStamp(ctx.now) : 0,
      suspected: null,
    };
    if (recovered) return startElection(fresh, ctx, 'recovered');
    const leader = ctx.config.initialCoordinator;
    if (leader === null) return startElection(fresh, ctx, 'no coordinator at start');
    return { state: { ...fresh, leader }, effects: heartbeatTimers(leader, ctx) };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'ACK': {
        if (!(msg.hop in state.pending)) return { state, effects: [] };
        const pending = { ...state.pending };
        delete pending[msg.hop];
        return { state: { ...state, pending }, effects: [{ type: 'cancel', key: ackTimer(msg.hop) }] };
      }
      case 'HEARTBEAT': {
        if (from === state.leader) return { state, effects: heartbeatTimers(from, ctx) };
        if (state.participant) return { state, effects: [] };
        // Someone else claims to lead (after a partition heals, say): settle it with an election.
        return startElection(state, ctx, `heartbeat from P${from}, who is not our coordinator`);
      }
      case 'ELECTION':
      case 'COORDINATOR':
      case 'ELECTED': {
        const acked: RingStep = { state, effects: [{ type: 'send', to: from, msg: { kind: 'ACK', hop: msg.hop, ep: msg.ep } }] };
        return then(acked, (s) => receive(s, msg, ctx));
      }
      default:
        return assertNever(msg, 'ring message');
    }
  },

  onTimer(state, key, ctx) {
    if (key.startsWith('ack:')) {
      const hop = key.slice(4);
      const waiting = state.pending[hop];
      if (!waiting) return { state, effects: [] };
      const pending = { ...state.pending };
      delete pending[hop];
      const skipped: RingStep = {
        state: { ...state, pending },
        effects: [
          {
            type: 'note',
            topic: 'ring-skip',
            text: `P${ctx.self}: no ACK from P${waiting.to}, skipping it`,
            data: { skipped: waiting.to },
          },
        ],
      };
      const msg = waiting.msg;
      // Chang-Roberts messages name one process; if that is the one found dead, the message
      // would circulate for ever with nobody to stop it. Put ourselves forward instead, or,
      // for a dead winner's announcement, hold a new election.
      if (ctx.config.variant === 'chang-roberts' && msg.kind === 'ELECTION' && msg.ids[0] === waiting.to) {
        return then(skipped, (s) => standForElection(s, ctx, msg.ep, waiting.to));
      }
      // Either variant's announcement naming the process found dead: passing it on would
      // make everyone follow a dead coordinator for ever. Hold a new election instead, once:
      // if that election names the same process again it was alive (only an ACK was lost),
      // and a second election would just breed more copies on a lossy ring.
      const recent = state.suspected;
      const again = recent !== null && recent.leader === waiting.to && ctx.now - recent.at < ctx.config.electionTimeoutMs;
      if ((msg.kind === 'ELECTED' || msg.kind === 'COORDINATOR') && msg.leader === waiting.to && !again) {
        return then({ ...skipped, state: { ...skipped.state, suspected: { leader: waiting.to, at: ctx.now } } }, (s) =>
          startElection(s, ctx, `the announced winner P${waiting.to} is down`),
        );
      }
      return then(skipped, (s) => passOn(s, { ...msg, hop: 0 }, ctx, waiting.to));
    }
    switch (key) {
      case TIMER_ELECTION:
        return state.participant ? startElection(state, ctx, 'the last election did not finish') : { state, effects: [] };
      case TIMER_HEARTBEAT:
        if (state.leader !== ctx.self) return { state, effects: [] };
        return {
          state,
          effects: beat<RingMessage>(ctx, { kind: 'HEARTBEAT' }),
        };
      case TIMER_WATCH:
        if (state.participant || state.leader === ctx.self) return { state, effects: [] };
        return startElection(state, ctx, `no heartbeat from P${state.leader ?? '?'}`);
      default:
        return { state, effects: [] };
    }
  },

  onNotice(state, ctx) {
    return startElection(state, ctx, `told that P${state.leader ?? '?'} failed`);
  },

  view(state, ctx): NodeView {
    if (state.participant) return { role: 'candidate', leader: state.leader };
    return { role: state.leader === ctx.self ? 'coordinator' : 'follower', leader: state.leader };
  },

  describe(state, ctx) {
    const waiting = Object.values(state.pending).map((p) => `${p.msg.kind} to ${ctx.nameOf(p.to)}`);
    const base =
      state.leader === ctx.self
        ? `${ctx.nameOf(ctx.self)} is coordinator`
        : state.leader === null
          ? `${ctx.nameOf(ctx.self)} knows no coordinator`
          : `${ctx.nameOf(ctx.self)} follows ${ctx.nameOf(state.leader)}`;
    const taking = state.participant ? `, taking part in election round ${state.round}` : '';
    const acks = waiting.length ? `; awaiting ACK for ${waiting.join(', ')}` : '';
    return `${base}${taking}${acks} (successor ${ctx.nameOf(successorOf(ctx.self, ctx))})`;
  },
};
