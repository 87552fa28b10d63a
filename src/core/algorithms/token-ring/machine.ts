// Token ring mutual exclusion (Le Lann 1977; Tanenbaum & van Steen §6.3; Coulouris §15.2):
// processes sit on a logical ring ordered by id and one TOKEN goes round it. A process may
// enter the critical section only while it holds the token; it keeps it for `holdMs` inside,
// then passes it on; a process that does not want it keeps it `passMs` and passes it on. An
// entry costs 0 messages (the token is here) to n (it has just left): the token circulates
// even when nobody wants it.
//
// The textbook leaves lost tokens open ("detecting that it is lost is difficult"). This
// machine detects and regenerates them under the synchronous assumptions the timeouts rest
// on (a hop takes at most `hopMs`: a stay of pass + hold with 10% for a slow clock, plus the
// slowest link):
// - Detection: a process that has not held the token for `lostMs` (a full circulation with
//   every process inside) takes it for lost.
// - Regeneration, by a claim that goes round like Ring's election message: the process sends
//   CLAIM(gen, id) round the whole ring, each process acknowledging it and a sender skipping
//   a process that does not (ACK). A process that holds the token swallows the claim and adds
//   the claimant to the token's ring. Every other process passes it on: beaten if it knows a
//   newer token or backs a newer claim; backed (its id added to the claim's path) unless it
//   has a claim of its own out or already backs another (a process backs one claim at a time,
//   as an acceptor in Paxos promises one proposal). A backer refuses tokens older than the
//   claim while its promise lasts. The claim that comes back unbeaten and backed by a majority
//   becomes the new token of its generation, going round every process it found awake: two
//   claims cannot both do that, since two majorities share a process and that process backed
//   only one. Every process refuses a token older than the newest it has held, so an old token
//   dies where it meets one. A claim that fails is withdrawn (WITHDRAW to all, freeing its
//   backers) and retried after a random wait, so rivals rarely meet again.
// - What the textbook does not need and faults do: a claim not backed by everyone waits a
//   fence (a hop per process that did not back it) before its token exists, so an old token
//   held among them (a holder cut off by a partition) is used up and dies first; a claimant
//   gives up a claim that has not made a token within `claimMs`, and a promise lasts longer
//   than that plus the new token's first round; a recovered process, which has forgotten what
//   it backed, backs nothing and takes no token for `quiet` (longer than any promise) and then
//   asks its predecessor to let it back in (JOIN: added when the token next passes there); a
//   token carries a hop count (seq) so a duplicated TOKEN is refused.

import { assertNever } from '../../assert.ts';
import type { Effect, NodeContext, NodeMachine, NodeView, Step } from '../../machine.ts';
import type { NodeId } from '../../time.ts';

export interface TokenRingSettings {
  /** Local ms a process stays in the critical section. */
  holdMs: number;
  /** Local ms a process that does not want the critical section keeps the token before passing it. */
  passMs: number;
  /** Local ms a process waits for a CLAIM's ACK before skipping the process it sent it to. */
  ackMs: number;
  /** The most one hop of the token can take (a stay, 10% for a slow clock, and the slowest link); fences derive from it. */
  hopMs: number;
  /** Local ms without holding the token after which a process takes it for lost. */
  lostMs: number;
}

export type TokenRingMessage =
  /** The token of generation `gen`, made by `origin`; `seq` counts its hops; `ring` is who it goes round. */
  | { kind: 'TOKEN'; gen: number; origin: NodeId; seq: number; ring: NodeId[] }
  /** A claim to make generation `gen`; `path` is who backed it, `via` who passed it on awake; `top` the newest generation heard of on the way. */
  | { kind: 'CLAIM'; gen: number; id: NodeId; path: NodeId[]; via: NodeId[]; beaten: boolean; top: number }
  | { kind: 'ACK'; gen: number; id: NodeId }
  /** A recovered process asks its predecessor to let it back into the token's ring. */
  | { kind: 'JOIN' }
  /** A claimant has given its claim up: its backers are free to back another. */
  | { kind: 'WITHDRAW'; gen: number; id: NodeId };

type Claim = Extract<TokenRingMessage, { kind: 'CLAIM' }>;

/** A token's or a claim's name: generation first, then the process that made it. */
export interface Key {
  gen: number;
  origin: NodeId;
}

interface Held {
  gen: number;
  origin: NodeId;
  seq: number;
  ring: NodeId[];
}

interface Pending {
  claim: Claim;
  to: NodeId;
}

export interface TokenRingState {
  want: boolean;
  inside: boolean;
  holding: Held | null;
  /** The newest token this process has held: it refuses older ones for good (and, while it backs a claim, tokens older than that). */
  best: Key;
  /** Hops of `best`'s token seen here (a duplicate has no more). */
  lastSeq: number;
  /** The newest generation heard of (from beaten claims): the next claim goes above it. */
  known: number;
  /** This process's own claim, and whether it is waiting out its fence (with the ring it passed). */
  claim: { gen: number; fence: NodeId[] | null } | null;
  /** Another process's claim this one passed on unbeaten: it backs no other until a token comes or the promise runs out. */
  promise: Key | null;
  /** The last claim of each claimant passed on, and whether it went on beaten. */
  passed: Record<NodeId, { gen: number; beaten: boolean }>;
  /** Claims sent and not yet acknowledged. */
  pending: Pending[];
  /** Recovered and not yet trusted with a token. */
  quiet: boolean;
  /** Processes that asked (JOIN) to be let back into the ring: added when the token next comes. */
  joiners: NodeId[];
}

type Ctx = NodeContext<TokenRingSettings>;
type TrStep = Step<TokenRingState, TokenRingMessage>;
type Fx = Effect<TokenRingMessage>;

const TIMER_HOLD = 'hold';
const TIMER_PASS = 'pass';
export const TIMER_LOST = 'lost';
const TIMER_FENCE = 'fence';
/** A recovered process's wait before it asks to rejoin (its timeouts list it, and it follows the network: settings.ts). */
export const TIMER_QUIET = 'quiet';
const TIMER_PROMISE = 'promise';
const TIMER_DEADLINE = 'deadline';
const ackTimer = (c: { id: NodeId; gen: number }): string => `ack:${c.id}:${c.gen}`;

/** Orders keys: by generation, then by the id that made it. */
export const compareKeys = (a: Key, b: Key): number => a.gen - b.gen || a.origin - b.origin;

const ringSize = (ctx: Ctx): number => ctx.peers.length + 1;

/** The most one hop takes, never less than a stay (with 10% for a slow clock) whatever the settings say. */
const hopOf = (config: TokenRingSettings): number => Math.max(config.hopMs, Math.ceil(1.1 * (config.holdMs + config.passMs)));

/** The fence after a claim that skipped `skipped` processes: long enough for a token among them to be used up. */
export const fenceMs = (config: TokenRingSettings, skipped: number): number => Math.ceil(1.1 * skipped * hopOf(config)) + config.ackMs;

/**
 * The longest a claim may take to become a token: a round (each hop at most a third of an ACK
 * wait, since that is three trips) with as many ACK waits as a majority can skip, then the
 * longest fence, all on a clock 10% slow.
 */
export const claimMs = (config: TokenRingSettings, n: number): number => {
  const skips = Math.floor((n - 1) / 2);
  return Math.ceil(1.1 * ((n * config.ackMs) / 3 + skips * config.ackMs + fenceMs(config, skips)));
};

/**
 * How long a backer keeps its promise: longer than the claim may take to become a token and
 * that token to come round to it, on a clock 20% slower.
 */
export const promiseMs = (config: TokenRingSettings, n: number): number =>
  Math.ceil(1.25 * (claimMs(config, n) + n * hopOf(config))) + config.ackMs;

/** How long a recovered process backs nothing and takes no token: past any promise it forgot and any old token's life. */
export const quietMs = (config: TokenRingSettings, n: number): number => promiseMs(config, n) + fenceMs(config, Math.floor((n - 1) / 2));

/** The next process after `from` on the whole ring (every id ascending, wrapping); self when it is alone. */
function nextOnRing(ctx: Ctx, from: NodeId): NodeId {
  let up: NodeId | null = ctx.self > from ? ctx.self : null;
  for (const p of ctx.peers)
    if (p > from) {
      if (up === null || p < up) up = p;
      break;
    }
  if (up !== null) return up;
  const first = ctx.peers.at(0);
  return first === undefined || ctx.self < first ? ctx.self : first;
}

/** The process before this one on the whole ring (every id ascending, wrapping); self when it is alone. */
function prevOnRing(ctx: Ctx): NodeId {
  let down: NodeId | null = null;
  for (const p of ctx.peers) if (p < ctx.self) down = p;
  return down ?? ctx.peers.at(-1) ?? ctx.self;
}

/** The next member of `ring` after `self` (wrapping), or self when it is alone. */
export function nextInRing(ring: readonly NodeId[], self: NodeId): NodeId {
  const sorted = [...ring].sort((a, b) => a - b);
  return sorted.find((id) => id > self) ?? sorted.find((id) => id !== self) ?? self;
}

const tokenNote = (ctx: Ctx, at: NodeId | null, held: Held, to: NodeId | null, text: string): Fx => ({
  type: 'note',
  topic: 'token',
  text,
  data: { at, to, generation: held.gen, origin: held.origin, ring: held.ring },
});

function enter(state: TokenRingState, ctx: Ctx, effects: Fx[]): TrStep {
  return {
    state: { ...state, inside: true },
    effects: [
      ...effects,
      { type: 'cancel', key: TIMER_PASS },
      { type: 'note', topic: 'cs-enter', text: `${ctx.nameOf(ctx.self)} holds the token and enters the critical section` },
      { type: 'timer', key: TIMER_HOLD, afterMs: ctx.config.holdMs },
    ],
  };
}

const joinNote = (ctx: Ctx, joined: readonly NodeId[], ring: NodeId[]): Fx => ({
  type: 'note',
  topic: 'token-join',
  text: `${ctx.nameOf(ctx.self)} holds the token and lets ${joined.map(ctx.nameOf).join(', ')} into the ring`,
  data: { nodes: [...joined], ring },
});

/** Takes a token into hand: enter if this process wants to, else keep it `passMs`. */
function take(state: TokenRingState, held: Held, ctx: Ctx, effects0: Fx[]): TrStep {
  const ring = [...new Set([...held.ring, ctx.self, ...state.joiners])].sort((a, b) => a - b);
  const mine: Held = { ...held, ring };
  const joined = state.joiners.filter((id) => !held.ring.includes(id));
  const effects = joined.length > 0 ? [...effects0, joinNote(ctx, joined, ring)] : effects0;
  const next: TokenRingState = {
    ...state,
    holding: mine,
    best: { gen: held.gen, origin: held.origin },
    lastSeq: held.seq,
    known: Math.max(state.known, held.gen),
    claim: null,
    promise: null,
    joiners: [],
  };
  // The note comes first, so a regeneration's own note is the last word on what happened.
  const fx: Fx[] = [
    tokenNote(ctx, ctx.self, mine, null, `${ctx.nameOf(ctx.self)} holds the token (generation ${held.gen})`),
    ...effects,
    { type: 'cancel', key: TIMER_FENCE },
    { type: 'cancel', key: TIMER_DEADLINE },
    { type: 'cancel', key: TIMER_PROMISE },
    { type: 'timer', key: TIMER_LOST, afterMs: lostWait(ctx) },
  ];
  if (state.inside) return { state: next, effects: fx };
  if (state.want) return enter(next, ctx, fx);
  return { state: next, effects: [...fx, { type: 'timer', key: TIMER_PASS, afterMs: ctx.config.passMs }] };
}

/** Passes the token to the next member of its ring (keeps it when alone). */
function pass(state: TokenRingState, ctx: Ctx, effects: Fx[]): TrStep {
  const held = state.holding;
  if (!held) return { state, effects };
  const to = nextInRing(held.ring, ctx.self);
  if (to === ctx.self) return { state, effects: [...effects, { type: 'timer', key: TIMER_PASS, afterMs: ctx.config.passMs }] };
  const seq = held.seq + 1;
  return {
    state: { ...state, holding: null, lastSeq: seq },
    effects: [
      ...effects,
      // Noted before it is sent: the token leaves this hand before it is on the wire.
      tokenNote(ctx, null, held, to, `${ctx.nameOf(ctx.self)} passes the token to ${ctx.nameOf(to)}`),
      { type: 'send', to, msg: { kind: 'TOKEN', gen: held.gen, origin: held.origin, seq, ring: held.ring } },
    ],
  };
}

/** Sends a claim on to `to`, waiting `ackMs` for its ACK. */
function send(state: TokenRingState, claim: Claim, to: NodeId, ctx: Ctx, effects: Fx[]): TrStep {
  const pending = [...state.pending.filter((p) => p.claim.id !== claim.id || p.claim.gen !== claim.gen), { claim, to }];
  return {
    state: { ...state, pending },
    effects: [...effects, { type: 'send', to, msg: claim }, { type: 'timer', key: ackTimer(claim), afterMs: ctx.config.ackMs }],
  };
}

/** Makes the claimed generation's token, going round the processes the claim passed. */
function regenerate(state: TokenRingState, gen: number, ring: NodeId[], ctx: Ctx, effects: Fx[]): TrStep {
  const held: Held = { gen, origin: ctx.self, seq: 0, ring };
  return take(state, held, ctx, [
    ...effects,
    {
      type: 'note',
      topic: 'token-regenerated',
      text: `${ctx.nameOf(ctx.self)} makes a new token, generation ${gen}, going round ${ring.map(ctx.nameOf).join(', ')}`,
      data: { generation: gen, ring },
    },
  ]);
}

/** The token is taken for lost: claim the next generation. */
function startClaim(state: TokenRingState, ctx: Ctx, why: string): TrStep {
  const gen = Math.max(state.best.gen, state.known, state.claim?.gen ?? 0) + 1;
  const next: TokenRingState = {
    ...state,
    known: gen,
    claim: { gen, fence: null },
    passed: { ...state.passed, [ctx.self]: { gen, beaten: false } },
  };
  const effects: Fx[] = [
    { type: 'cancel', key: TIMER_FENCE },
    { type: 'note', topic: 'token-lost', text: `${ctx.nameOf(ctx.self)} ${why}: claims generation ${gen}`, data: { generation: gen } },
    // The claim's deadline: a claim that has not become a token by then never will.
    { type: 'timer', key: TIMER_DEADLINE, afterMs: claimMs(ctx.config, ringSize(ctx)) },
  ];
  if (ctx.peers.length === 0) return regenerate(next, gen, [ctx.self], ctx, effects);
  const claim: Claim = { kind: 'CLAIM', gen, id: ctx.self, path: [ctx.self], via: [ctx.self], beaten: false, top: gen };
  return send(next, claim, nextOnRing(ctx, ctx.self), ctx, effects);
}

/** A claim of this process's failed: it tries again after a random wait (rivals then rarely meet again). */
function failed(state: TokenRingState, ctx: Ctx, msg: Claim, why: Failure): TrStep {
  // Its backers would keep their promises a long while: tell everyone it is given up.
  const withdraw = ctx.peers.map((to): Fx => ({ type: 'send', to, msg: { kind: 'WITHDRAW', gen: msg.gen, id: ctx.self } }));
  return {
    state: { ...state, claim: null, known: Math.max(state.known, msg.top) },
    effects: [
      { type: 'cancel', key: TIMER_FENCE },
      { type: 'cancel', key: TIMER_DEADLINE },
      claimNote(ctx, msg, why),
      ...withdraw,
      { type: 'timer', key: TIMER_LOST, afterMs: retryMs(ctx) },
    ],
  };
}

/** A random wait before claiming again, so rivals rarely claim at once again. */
const retryMs = (ctx: Ctx): number => Math.ceil(ctx.config.ackMs + ctx.random() * ctx.config.lostMs);

/** The lost-token timeout, with a little randomness so processes that last saw the token together do not all claim together. */
const lostWait = (ctx: Ctx): number => ctx.config.lostMs + Math.floor(ctx.random() * ringSize(ctx) * ctx.config.ackMs);

/** This process's claim has come back round (or everyone else was skipped). */
function claimReturned(state: TokenRingState, msg: Claim, ctx: Ctx): TrStep {
  const claim = state.claim;
  if (!claim || claim.gen !== msg.gen) return { state, effects: [] };
  if (claim.fence !== null) {
    // A beaten copy coming after an unbeaten one: someone on the way knew better.
    return msg.beaten ? failed(state, ctx, msg, 'beaten') : { state, effects: [] };
  }
  if (msg.beaten) return failed(state, ctx, msg, 'beaten');
  const n = ringSize(ctx);
  const backers = new Set(msg.path).size;
  // The new token goes round every process the claim found awake, backers or not.
  const ring = [...new Set([...msg.via, ...msg.path])].sort((a, b) => a - b);
  if (2 * backers <= n) return failed(state, ctx, msg, 'minority');
  if (backers === n) return regenerate(state, msg.gen, ring, ctx, []);
  const unbacked = n - backers;
  const wait = fenceMs(ctx.config, unbacked);
  return {
    state: { ...state, claim: { gen: claim.gen, fence: ring } },
    effects: [
      {
        type: 'note',
        topic: 'token-fence',
        text: `${ctx.nameOf(ctx.self)}'s claim came back without the backing of ${unbacked} process${unbacked > 1 ? 'es' : ''}: waits ${wait} ms for any token among them to be used up`,
        data: { generation: msg.gen, ring },
      },
      { type: 'timer', key: TIMER_FENCE, afterMs: wait },
    ],
  };
}

type Failure = 'beaten' | 'minority' | 'late';

function claimNote(ctx: Ctx, msg: Claim, why: Failure): Fx {
  const who = `${ctx.nameOf(ctx.self)}'s claim for generation ${msg.gen}`;
  const text =
    why === 'beaten'
      ? `${who} came back beaten (a newer token, or a process backing another claim)`
      : why === 'minority'
        ? `${who} was backed by only ${msg.path.length} of ${ctx.peers.length + 1}: no token from a minority`
        : `${who} made no token in time and is given up`;
  return { type: 'note', topic: 'claim-failed', text, data: { generation: msg.gen, reason: why } };
}

function onClaim(state: TokenRingState, from: NodeId, msg: Claim, ctx: Ctx): TrStep {
  const ack: Fx = { type: 'send', to: from, msg: { kind: 'ACK', gen: msg.gen, id: msg.id } };
  if (msg.id === ctx.self) {
    const back = claimReturned(state, msg, ctx);
    return { state: back.state, effects: [ack, ...back.effects] };
  }
  if (state.holding) {
    // The token is not lost: it is here. The claim ends, and its sender joins the token's ring.
    if (state.holding.ring.includes(msg.id)) return { state, effects: [ack] };
    const ring = [...state.holding.ring, msg.id].sort((a, b) => a - b);
    return { state: { ...state, holding: { ...state.holding, ring } }, effects: [ack, joinNote(ctx, [msg.id], ring)] };
  }
  const prior = state.passed[msg.id];
  if (prior && (prior.gen > msg.gen || (prior.gen === msg.gen && (prior.beaten || !msg.beaten)))) return { state, effects: [ack] };
  const key: Key = { gen: msg.gen, origin: msg.id };
  const own: Key | null = state.claim ? { gen: state.claim.gen, origin: ctx.self } : null;
  const beaten =
    msg.beaten ||
    compareKeys(state.best, key) > 0 ||
    (state.promise !== null && compareKeys(state.promise, key) > 0) ||
    (own !== null && compareKeys(own, key) > 0);
  // It backs the claim (joins its path) unless it is beaten, or this process has a claim of
  // its own out or already backs another, or it has just recovered (it may have backed one
  // before it crashed).
  const backs = !beaten && !state.quiet && state.claim === null && (state.promise === null || compareKeys(state.promise, key) === 0);
  let next: TokenRingState = { ...state, passed: { ...state.passed, [msg.id]: { gen: msg.gen, beaten } } };
  const effects: Fx[] = [ack];
  if (backs) {
    // From now on it refuses older tokens and backs no other claim until a token comes or
    // the promise runs out.
    next = { ...next, known: Math.max(next.known, msg.gen), promise: key };
    effects.push({ type: 'timer', key: TIMER_PROMISE, afterMs: promiseMs(ctx.config, ringSize(ctx)) });
  }
  const on: Claim = {
    ...msg,
    path: backs ? [...msg.path, ctx.self] : msg.path,
    via: state.quiet ? msg.via : [...msg.via, ctx.self],
    beaten,
    top: Math.max(msg.top, next.known),
  };
  return send(next, on, nextOnRing(ctx, ctx.self), ctx, effects);
}

function onToken(state: TokenRingState, msg: Extract<TokenRingMessage, { kind: 'TOKEN' }>, ctx: Ctx): TrStep {
  const key: Key = { gen: msg.gen, origin: msg.origin };
  const order = compareKeys(key, state.best);
  const refuse = (why: string): TrStep => ({
    state,
    effects: [
      {
        type: 'note',
        topic: 'token-discarded',
        text: `${ctx.nameOf(ctx.self)} discards a token of generation ${msg.gen} (${why})`,
        data: { generation: msg.gen },
      },
    ],
  });
  if (state.quiet) return refuse('it has just recovered and trusts no token yet');
  if (order < 0) return refuse(`it has held generation ${state.best.gen}`);
  if (state.promise && compareKeys(key, state.promise) < 0) return refuse(`it backs a claim for generation ${state.promise.gen}`);
  if (order === 0 && (msg.seq <= state.lastSeq || state.holding)) return refuse('a duplicate');
  return take(state, { gen: msg.gen, origin: msg.origin, seq: msg.seq, ring: msg.ring }, ctx, []);
}

export const tokenRingMachine: NodeMachine<TokenRingState, TokenRingMessage, TokenRingSettings> = {
  algorithm: 'token-ring',

  init(ctx, recovered) {
    const state: TokenRingState = {
      want: false,
      inside: false,
      holding: null,
      best: { gen: 0, origin: 0 },
      lastSeq: 0,
      known: 0,
      claim: null,
      promise: null,
      passed: {},
      pending: [],
      quiet: recovered,
      joiners: [],
    };
    if (recovered) {
      const wait = quietMs(ctx.config, ringSize(ctx));
      return {
        state,
        effects: [
          {
            type: 'note',
            topic: 'token-quiet',
            text: `${ctx.nameOf(ctx.self)} is back: it takes no token for ${wait} ms, then asks to rejoin the ring`,
          },
          { type: 'timer', key: TIMER_QUIET, afterMs: wait },
        ],
      };
    }
    const lowest = ctx.peers.length === 0 || (ctx.peers.at(0) as NodeId) > ctx.self;
    if (!lowest) return { state, effects: [{ type: 'timer', key: TIMER_LOST, afterMs: lostWait(ctx) }] };
    // The lowest id starts with generation 1's token, going round everyone.
    const ring = [...ctx.peers, ctx.self].sort((a, b) => a - b);
    return take(state, { gen: 1, origin: ctx.self, seq: 0, ring }, ctx, []);
  },

  onRequest(state, ctx) {
    if (state.want) return { state, effects: [] };
    const asked: Fx = { type: 'note', topic: 'cs-request', text: `${ctx.nameOf(ctx.self)} asks for the critical section` };
    const next = { ...state, want: true };
    if (state.holding && !state.inside) return enter(next, ctx, [asked]);
    return { state: next, effects: [asked] };
  },

  onMessage(state, from, msg, ctx) {
    switch (msg.kind) {
      case 'TOKEN':
        return onToken(state, msg, ctx);
      case 'CLAIM':
        return onClaim(state, from, msg, ctx);
      case 'JOIN': {
        if (state.joiners.includes(from) || state.holding?.ring.includes(from)) return { state, effects: [] };
        if (!state.holding) return { state: { ...state, joiners: [...state.joiners, from] }, effects: [] };
        const ring = [...state.holding.ring, from].sort((a, b) => a - b);
        return { state: { ...state, holding: { ...state.holding, ring } }, effects: [joinNote(ctx, [from], ring)] };
      }
      case 'WITHDRAW': {
        if (!state.promise || state.promise.gen !== msg.gen || state.promise.origin !== msg.id) return { state, effects: [] };
        return {
          state: { ...state, promise: null },
          effects: [
            { type: 'cancel', key: TIMER_PROMISE },
            { type: 'timer', key: TIMER_LOST, afterMs: retryMs(ctx) },
          ],
        };
      }
      case 'ACK': {
        const kept = state.pending.filter((p) => !(p.claim.id === msg.id && p.claim.gen === msg.gen && p.to === from));
        if (kept.length === state.pending.length) return { state, effects: [] };
        return { state: { ...state, pending: kept }, effects: [{ type: 'cancel', key: ackTimer(msg) }] };
      }
      default:
        return assertNever(msg, 'token ring message');
    }
  },

  onTimer(state, key, ctx) {
    switch (key) {
      case TIMER_HOLD: {
        if (!state.inside) return { state, effects: [] };
        const out = { ...state, inside: false, want: false };
        return pass(out, ctx, [{ type: 'note', topic: 'cs-exit', text: `${ctx.nameOf(ctx.self)} leaves the critical section` }]);
      }
      case TIMER_PASS:
        return state.inside ? { state, effects: [] } : pass(state, ctx, []);
      case TIMER_LOST:
        if (state.holding) return { state, effects: [{ type: 'timer', key: TIMER_LOST, afterMs: lostWait(ctx) }] };
        // Waiting on a claim, its own or one it backs: that decides first.
        if (state.quiet || state.claim || state.promise) return { state, effects: [] };
        return startClaim(state, ctx, `has not held the token for ${ctx.config.lostMs} ms`);
      case TIMER_PROMISE:
        if (!state.promise) return { state, effects: [] };
        // The claim it backed made no token that came here: retry after a random wait.
        return { state: { ...state, promise: null }, effects: [{ type: 'timer', key: TIMER_LOST, afterMs: retryMs(ctx) }] };
      case TIMER_DEADLINE: {
        if (!state.claim) return { state, effects: [] };
        const msg: Claim = { kind: 'CLAIM', gen: state.claim.gen, id: ctx.self, path: [], via: [], beaten: true, top: state.known };
        return failed(state, ctx, msg, 'late');
      }
      case TIMER_FENCE: {
        const ring = state.claim?.fence;
        if (!state.claim || !ring) return { state, effects: [] };
        return regenerate(state, state.claim.gen, ring, ctx, []);
      }
      case TIMER_QUIET: {
        // Back in: ask the predecessor to add it when the token next passes; if none does, the
        // token-lost timeout makes it claim its way in.
        const to = prevOnRing(ctx);
        if (to === ctx.self) return startClaim({ ...state, quiet: false }, ctx, 'is alone');
        return {
          state: { ...state, quiet: false },
          effects: [
            { type: 'send', to, msg: { kind: 'JOIN' } },
            {
              type: 'note',
              topic: 'token-rejoin',
              text: `${ctx.nameOf(ctx.self)} asks ${ctx.nameOf(to)} to let it back into the ring`,
              data: { to },
            },
            { type: 'timer', key: TIMER_LOST, afterMs: lostWait(ctx) },
          ],
        };
      }
      default: {
        const p = state.pending.find((x) => ackTimer(x.claim) === key);
        if (!p) return { state, effects: [] };
        // No ACK: skip that process and try the next one on the ring.
        const rest = { ...state, pending: state.pending.filter((x) => x !== p) };
        const to = nextOnRing(ctx, p.to);
        const skipped: Fx = {
          type: 'note',
          topic: 'claim-skip',
          text: `${ctx.nameOf(ctx.self)} gets no ACK from ${ctx.nameOf(p.to)} and skips it`,
          data: { node: p.to },
        };
        if (to !== ctx.self) return send(rest, p.claim, to, ctx, [skipped]);
        // Round to this process again with nobody answering: only its own claim is still worth anything.
        if (p.claim.id !== ctx.self) return { state: rest, effects: [skipped] };
        const back = claimReturned(rest, p.claim, ctx);
        return { state: back.state, effects: [skipped, ...back.effects] };
      }
    }
  },

  onNotice(state) {
    return { state, effects: [] };
  },

  view(state): NodeView {
    const role = state.inside ? 'in-cs' : state.holding ? 'holder' : state.want ? 'waiting' : 'released';
    return { role, leader: null };
  },

  describe(state, ctx) {
    const token = state.holding
      ? `Holds the token (generation ${state.holding.gen}, ring ${state.holding.ring.map(ctx.nameOf).join(', ')}).`
      : `Has seen generation ${state.best.gen}.`;
    const claim = state.claim
      ? state.claim.fence
        ? ` Its claim for generation ${state.claim.gen} is waiting out its fence.`
        : ` Claims generation ${state.claim.gen}.`
      : '';
    const quiet = state.quiet ? ' Just recovered: takes no token yet.' : '';
    if (state.inside) return `Inside the critical section. ${token}`;
    if (state.want) return `Waits for the token. ${token}${claim}${quiet}`;
    return `Not asking for the critical section. ${token}${claim}${quiet}`;
  },
};
