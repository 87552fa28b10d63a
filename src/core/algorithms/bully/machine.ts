// The Bully election (Garcia-Molina 1982; Tanenbaum & van Steen §6.4.1; Coulouris §15.3).
// Assumptions: ids are totally ordered and every process knows every id; the highest live
// process should lead. A process that notices the coordinator is gone (told by the user, or
// a missed heartbeat) sends ELECTION to every higher id. A live higher process answers OK
// and starts its own election (once: not again while it is already electing). A process
// that gets no OK within its timeout declares itself coordinator and sends COORDINATOR to
// every lower id; one that got an OK but no COORDINATOR in time starts over. A recovered
// process starts an election. A COORDINATOR or HEARTBEAT from a lower id than oneself means
// a lower process thinks it leads, so a higher one bullies it with an election.
// Not safe under partitions or false suspicion: two coordinators can appear, by design.

import { assertNever } from '../../assert.ts';
import { beat, heartbeatTimers, type HeartbeatSettings, TIMER_HEARTBEAT, TIMER_WATCH } from '../heartbeat.ts';
import type { Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';
import { episodeId, incarnationStamp } from '../episode.ts';

export interface BullySettings extends HeartbeatSettings {
  /** Local ms to wait for an OK after sending ELECTION before declaring victory. */
  okTimeoutMs: number;
  /** Local ms to wait for COORDINATOR after an OK before starting over. */
  coordinatorTimeoutMs: number;
  /** Whom every process believes leads at start; null makes every process elect at boot. */
  initialCoordinator: NodeId | null;
}

/** Every election message carries its episode id (`ep`): the id the noticing process gave the election it started. */
export type BullyMessage =
  { kind: 'ELECTION'; ep: string } | { kind: 'OK'; ep: string } | { kind: 'COORDINATOR'; ep: string } | { kind: 'HEARTBEAT' };

export type BullyPhase = 'normal' | 'electing' | 'waiting';

export interface BullyState {
  /** normal: follows `leader`; electing: sent ELECTION, awaiting OK; waiting: got OK, awaiting COORDINATOR. */
  phase: BullyPhase;
  leader: NodeId | null;
  /** Elections this incarnation has started (the round number shown on the page). */
  round: number;
  /** Episode of the election we take part in, or of the announcement we last followed or made. */
  ep: string | null;
  /** Episodes whose COORDINATOR we have followed or sent (newest last): their late ELECTIONs are answered, not restarted. */
  closed: string[];
  /** Local time at which we adopted `leader` from its COORDINATOR (null: at start, or it was us). */
  adoptedAt: number | null;
  /** Episodes this incarnation started, so the ids of its own elections never repeat. */
  started: number;
  /** This incarnation's stamp (episode.ts): 0 for the first life, so a later life's episode ids are new. */
  inc: number;
}

type Ctx = NodeContext<BullySettings>;
type BullyStep = Step<BullyState, BullyMessage>;

export const TIMER_OK = 'ok-timeout';
export const TIMER_COORDINATOR = 'coordinator-timeout';
/** Episodes remembered as closed: enough for every election still in flight. */
const CLOSED_LIMIT = 16;

function higher(ctx: Ctx): NodeId[] {
  return ctx.peers.filter((p) => p > ctx.self);
}

function lower(ctx: Ctx): NodeId[] {
  return ctx.peers.filter((p) => p < ctx.self);
}

const close = (closed: readonly string[], ep: string | null): string[] =>
  ep === null || closed.includes(ep) ? [...closed] : [...closed, ep].slice(-CLOSED_LIMIT);

/**
 * Starts (or, with `join`, takes part in) an election. A process that notices a failure, has
 * recovered, or timed out opens a new episode `P<self>.<n>`; one answering a lower process's
 * ELECTION joins that process's episode, so every message of one notice carries one id.
 */
function startElection(state: BullyState, ctx: Ctx, why: string, join: string | null = null): BullyStep {
  const round = state.round + 1;
  const started = join === null ? state.started + 1 : state.started;
  const ep = join ?? episodeId(ctx.self, started, state.inc);
  const targets = higher(ctx);
  const note: Effect<BullyMessage> = {
    type: 'note',
    topic: 'election-start',
    text: `P${ctx.self} starts an election (${why}), round ${round}`,
    data: { round, targets, ep, initiator: join === null },
  };
  const next: BullyState = { ...state, round, started, ep };
  if (targets.length === 0) return becomeCoordinator(next, ctx, [note]);
  const election: BullyMessage = { kind: 'ELECTION', ep };
  return {
    state: { ...next, phase: 'electing' },
    effects: [
      note,
      { type: 'cancel', key: TIMER_COORDINATOR },
      // One message object for every target: messages are never mutated, and a 1,000-process
      // election sends half a million of them.
      ...targets.map((to): Effect<BullyMessage> => ({ type: 'send', to, msg: election })),
      { type: 'timer', key: TIMER_OK, afterMs: ctx.config.okTimeoutMs },
    ],
  };
}

/** One announcement per episode: a process that has announced for `state.ep` does not do it again. */
function becomeCoordinator(state: BullyState, ctx: Ctx, before: Effect<BullyMessage>[] = []): BullyStep {
  const ep = state.ep ?? episodeId(ctx.self, state.started, state.inc);
  const announcement: BullyMessage = { kind: 'COORDINATOR', ep };
  return {
    state: { ...state, phase: 'normal', leader: ctx.self, ep, closed: close(state.closed, ep), adoptedAt: null },
    effects: [
      ...before,
      { type: 'cancel', key: TIMER_OK },
      { type: 'cancel', key: TIMER_COORDINATOR },
      { type: 'note', topic: 'elected', text: `P${ctx.self} is the new coordinator`, data: { round: state.round, leader: ctx.self, ep } },
      ...lower(ctx).map((to): Effect<BullyMessage> => ({ type: 'send', to, msg: announcement })),
      ...heartbeatTimers(ctx.self, ctx),
    ],
  };
}

function follow(state: BullyState, leader: NodeId, ep: string | null, ctx: Ctx): BullyStep {
  return {
    state: {
      ...state,
      phase: 'normal',
      leader,
      ep: ep ?? state.ep,
      closed: close(state.closed, ep),
      adoptedAt: ep === null ? state.adoptedAt : ctx.now,
    },
    effects: [{ type: 'cancel', key: TIMER_OK }, { type: 'cancel', key: TIMER_COORDINATOR }, ...heartbeatTimers(leader, ctx)],
  };
}

const inElection = (state: BullyState): boolean => state.phase !== 'normal';

/**
 * Two announcements that crossed (a recovered higher process announced while a lower one's
 * election was ending) reach a process within two message delays of each other; the higher
 * one wins. A lower process's genuine new election takes at least one OK timeout after the
 * higher one fell silent, so it arrives later than this window (given okTimeoutMs ≥ 3 × the
 * largest one-way delay, which the defaults keep: 150 ms against 30 ms).
 */
const crossedWindow = (ctx: Ctx): number => (2 * ctx.config.okTimeoutMs) / 3;

function crossedAnnouncement(state: BullyState, from: NodeId, ctx: Ctx): boolean {
  return (
    state.phase === 'normal' &&
    state.leader !== null &&
    state.leader !== ctx.self &&
    from < state.leader &&
    state.adoptedAt !== null &&
    ctx.now - state.adoptedAt < crossedWindow(ctx)
  );
}

export const bullyMachine: NodeMachine<BullyState, BullyMessage, BullySettings> = {
  algorithm: 'bully',

  init(ctx, recovered) {
    const inc = recovered ? incarnationStamp(ctx.now) : 0;
    const fresh: BullyState = { phase: 'normal', leader: null, round: 0, ep: null, closed: [], adoptedAt: null, started: 0, inc };
    if (recovered) return startElection(fresh, ctx, 'recovered');
    const leader = ctx.config.initialCoordinator;
    if (leader === null) return startElection(fresh, ctx, 'no coordinator at start');
    return { state: { ...fresh, leader }, effects: heartbeatTimers(leader, ctx) };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'ELECTION': {
        if (from > ctx.self) return { state, effects: [] }; // only lower ids send us ELECTION
        const ok: Effect<BullyMessage> = { type: 'send', to: from, msg: { kind: 'OK', ep: msg.ep } };
        // Already electing, or this episode's COORDINATOR has been sent or followed: the
        // ELECTION was in flight when the result was known. Answer it; do not start over.
        if (inElection(state) || state.closed.includes(msg.ep)) return { state, effects: [ok] };
        const started = startElection(state, ctx, `ELECTION from P${from}`, msg.ep);
        return { state: started.state, effects: [ok, ...started.effects] };
      }
      case 'OK': {
        if (state.phase !== 'electing') return { state, effects: [] };
        return {
          state: { ...state, phase: 'waiting' },
          effects: [
            { type: 'cancel', key: TIMER_OK },
            { type: 'timer', key: TIMER_COORDINATOR, afterMs: ctx.config.coordinatorTimeoutMs },
          ],
        };
      }
      case 'COORDINATOR':
      case 'HEARTBEAT': {
        if (from < ctx.self) {
          // A lower process claims to lead while we are alive: bully it.
          if (inElection(state)) return { state, effects: [] };
          return startElection(state, ctx, `P${from} claims to lead but P${ctx.self} is higher`);
        }
        if (msg.kind === 'HEARTBEAT' && state.leader === from && state.phase === 'normal') {
          return { state, effects: heartbeatTimers(from, ctx) };
        }
        if (crossedAnnouncement(state, from, ctx)) {
          // A lower process's announcement crossed a higher one's: keep the higher.
          return { state: msg.kind === 'COORDINATOR' ? { ...state, closed: close(state.closed, msg.ep) } : state, effects: [] };
        }
        return follow(state, from, msg.kind === 'COORDINATOR' ? msg.ep : null, ctx);
      }
      default:
        return assertNever(msg, 'bully message');
    }
  },

  onTimer(state, key, ctx) {
    switch (key) {
      case TIMER_OK:
        return state.phase === 'electing' ? becomeCoordinator(state, ctx) : { state, effects: [] };
      case TIMER_COORDINATOR:
        return state.phase === 'waiting' ? startElection(state, ctx, 'no COORDINATOR after OK') : { state, effects: [] };
      case TIMER_HEARTBEAT:
        if (state.leader !== ctx.self || state.phase !== 'normal') return { state, effects: [] };
        return {
          state,
          effects: beat<BullyMessage>(ctx, { kind: 'HEARTBEAT' }),
        };
      case TIMER_WATCH:
        if (inElection(state) || state.leader === ctx.self) return { state, effects: [] };
        return startElection(state, ctx, `no heartbeat from P${state.leader ?? '?'}`);
      default:
        return { state, effects: [] };
    }
  },

  onNotice(state, ctx) {
    if (inElection(state)) return { state, effects: [] };
    return startElection(state, ctx, `told that P${state.leader ?? '?'} failed`);
  },

  view(state, ctx): NodeView {
    if (state.phase !== 'normal') return { role: 'candidate', leader: state.leader };
    return { role: state.leader === ctx.self ? 'coordinator' : 'follower', leader: state.leader };
  },

  describe(state, ctx) {
    switch (state.phase) {
      case 'normal':
        return state.leader === ctx.self
          ? `${ctx.nameOf(ctx.self)} is coordinator`
          : state.leader === null
            ? `${ctx.nameOf(ctx.self)} knows no coordinator`
            : `${ctx.nameOf(ctx.self)} follows ${ctx.nameOf(state.leader)}`;
      case 'electing':
        return `${ctx.nameOf(ctx.self)} sent ELECTION to ${higher(ctx).length} higher processes (round ${state.round}) and waits ${ctx.config.okTimeoutMs} ms for an OK`;
      case 'waiting':
        return `${ctx.nameOf(ctx.self)} got an OK and waits ${ctx.config.coordinatorTimeoutMs} ms for COORDINATOR (round ${state.round})`;
      default:
        return assertNever(state.phase, 'bully phase');
    }
  },
};
