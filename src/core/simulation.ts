// The discrete-event simulation. It owns true time, the event queue, every node's hardware
// clock, the network and the trace. It does not run node machines itself: `next()` hands
// out the next thing a host must do (call a node, or kill one), and `apply()` takes the
// node's reply and turns its effects into sends, timers and clock changes. That split lets
// the same simulation drive machines in-process (inline host) or in Web Workers.

import { bump, emptyCounts } from './counts.ts';
import { assertNever } from './assert.ts';
import { algorithmFor } from './algorithms/registry.ts';
import type { TimeoutRules } from './algorithms/definition.ts';
import { type ClockState, makeClock, rateOf, readClock, setDrift, setOffset, slewClock, stepClock, trueDelayFor } from './clock.ts';
import type { Effect, JsonValue, Message, NodeInput, NodeView } from './machine.ts';
import { Network, type Route } from './network.ts';
import { ACTION, BOOT, DELIVER, emptyEvent, FATE_OK, FATES, fateCode, type QueuedEvent, TIMER } from './pending.ts';
import { PeerList } from './peers.ts';
import { Rng } from './rng.ts';
import { canonicalAction, type Scenario, type UserAction, type UserCommand } from './scenario.ts';
import { EventQueue } from './queue.ts';
import { ArraySink, type TraceSink } from './trace.ts';
import { type LocalTime, type NodeId, onMicrosecond, type TrueTime } from './time.ts';
import { timeoutDelay } from './timeouts.ts';

/** Stream labels for deriveSeed: the network's, and one per node incarnation (see nodeSeed). */
export const NETWORK_STREAM = 0x6e6574;

export interface NodeCall {
  node: NodeId;
  /** Which life of the node this is for; a fresh one starts at every recovery. */
  incarnation: number;
  now: LocalTime;
  input: NodeInput;
  /** The network's largest one-way delay now (true ms), times this node's clock rate when fast: its timeouts scale with it (timeouts.ts). */
  delayMs: number;
}

export interface NodeReply {
  effects: Effect[];
  view: NodeView;
}

export type HostCommand = { type: 'call'; call: NodeCall } | { type: 'crash'; node: NodeId };

export interface NodeRecord {
  readonly id: NodeId;
  /** Position in the scenario's node list. */
  readonly index: number;
  readonly name: string;
  /** A real process behind the relay: never called, its sends come in as actions. */
  readonly external: boolean;
  alive: boolean;
  incarnation: number;
  clock: ClockState;
  /** Live timer generations by key; a fired timer whose generation is not here is stale. */
  timers: Map<string, number>;
  /** True time each live timer fires at, by key (a slower network moves it on: followNetwork). */
  deadlines: Map<string, number>;
  view: NodeView | null;
}

export interface MessageStats {
  sent: number;
  delivered: number;
  dropped: number;
  byKind: Record<string, number>;
}

/** A message that reached an external node: the relay hands it to the real process. */
export interface ExternalDelivery {
  node: NodeId;
  from: NodeId;
  msgId: number;
  msg: Message;
}

export interface SimulationOptions {
  seed: number;
  /** Called when a message reaches a live external node (a replay passes none: nothing else changes). */
  onExternal?: (delivery: ExternalDelivery) => void;
  /** Extra user actions on top of the scenario's own. */
  actions?: readonly UserAction[];
  trace?: TraceSink;
}

const BOOT_INPUT: NodeInput = { type: 'boot', recovered: false };
const RECOVER_INPUT: NodeInput = { type: 'boot', recovered: true };
const NOTICE_INPUT: NodeInput = { type: 'notice' };
const REQUEST_INPUT: NodeInput = { type: 'request' };

export class Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly trace: TraceSink;
  readonly network: Network;
  readonly stats: MessageStats = { sent: 0, delivered: 0, dropped: 0, byKind: emptyCounts() };
  private readonly nodes = new Map<NodeId, NodeRecord>();
  /** The same records by position (queued events name nodes by position). */
  private readonly records: NodeRecord[] = [];
  private readonly queue = new EventQueue();
  /** The event being handled (or looked at), rewritten by each pop. */
  private readonly taken: QueuedEvent = emptyEvent();
  private readonly netRng: Rng;
  private traceSeq = 0;
  private msgSeq = 0;
  private timerGen = 0;
  /** Every node id, ascending, made the first time a wait follows the network (TimeoutRules.armedFor's owner). */
  private sortedIds: NodeId[] | null = null;
  private time = 0;
  /** How the algorithm's timeouts follow the network (none for a machine the registry does not list). */
  private readonly timeoutRules: TimeoutRules<unknown> | undefined;
  /** True time of the last event taken from the queue (see scheduleNow). */
  private dispatchedAt = -Infinity;
  private awaiting: NodeCall | null = null;
  private awaitingNode: NodeRecord | null = null;
  private readonly onExternal: ((delivery: ExternalDelivery) => void) | undefined;
  // One call, command, input and route, rewritten for every event: a call from `next()` is
  // valid until the next `next()` (hosts copy what they keep; a worker's postMessage does).
  private readonly current: NodeCall = { node: 0, incarnation: 0, now: 0 as LocalTime, input: BOOT_INPUT, delayMs: 0 };
  private readonly command: HostCommand = { type: 'call', call: this.current };
  private readonly messageInput: { type: 'message'; from: NodeId; msg: Message } = { type: 'message', from: 0, msg: { kind: '' } };
  private readonly timerInput: { type: 'timer'; key: string } = { type: 'timer', key: '' };
  private readonly route: Route = { fate: 'ok', arrive: 0, duplicateAt: null };

  constructor(scenario: Scenario, options: SimulationOptions) {
    this.scenario = scenario;
    this.seed = options.seed;
    this.trace = options.trace ?? new ArraySink();
    this.onExternal = options.onExternal;
    this.network = new Network(
      scenario.nodes.map((n) => n.id),
      scenario.network.defaults,
      scenario.network.links,
    );
    this.netRng = Rng.fromSeed(options.seed, NETWORK_STREAM);
    scenario.nodes.forEach((spec, index) => {
      const clock = makeClock(spec.clock, scenario.slewRate);
      const record: NodeRecord = {
        id: spec.id,
        index,
        name: spec.name,
        external: spec.external === true,
        alive: true,
        incarnation: 0,
        clock,
        timers: new Map(),
        deadlines: new Map(),
        view: null,
      };
      this.nodes.set(spec.id, record);
      this.records.push(record);
      this.trace.push({
        seq: this.traceSeq++,
        t: this.now,
        type: 'node',
        node: spec.id,
        local: readClock(clock, 0 as TrueTime),
        name: spec.name,
        clock: spec.clock,
        slewRate: clock.slewRate,
      });
    });
    this.timeoutRules = algorithmFor(scenario.algorithm.id)?.timeouts as TimeoutRules<unknown> | undefined;
    for (const record of this.records) {
      // An external node is down until its real process connects (an attach action).
      if (record.external) this.down(record);
      else this.pushBoot(0, record.index, false);
    }
    const actions = [...scenario.actions, ...(options.actions ?? [])];
    for (const action of actions) this.pushAction(action.at, canonicalAction(action));
  }

  get now(): TrueTime {
    return this.time as TrueTime;
  }

  /**
   * True time of the next queued event, or null when nothing is left. Timers cancelled or
   * outlived by their node are discarded on the way: they would do nothing and trace
   * nothing, and a run whose last real event has passed is then seen to have finished.
   */
  peekTime(): TrueTime | null {
    const e = this.taken;
    while (this.queue.peek(e)) {
      if (e.kind === TIMER) {
        const n = this.records[e.node] as NodeRecord;
        if (!n.alive || n.timers.get(e.ref as string) !== e.num) {
          this.queue.pop(e);
          continue;
        }
      }
      return e.at as TrueTime;
    }
    return null;
  }

  node(id: NodeId): NodeRecord | undefined {
    return this.nodes.get(id);
  }

  nodeIds(): NodeId[] {
    return this.records.map((n) => n.id);
  }

  localTimeOf(id: NodeId): LocalTime {
    const n = this.mustNode(id);
    return readClock(n.clock, this.now);
  }

  /**
   * Schedules a user action for now and returns it with the time it got: the first whole
   * microsecond from now (onMicrosecond), after any events at this very time that have run
   * (a step stops on one) or are queued, and on no time an event is queued for. A run that
   * replays the returned actions (listed actions run before other events of their time)
   * then orders it exactly as this one did.
   */
  scheduleNow(command: UserCommand): UserAction {
    const tie = this.peekTime() === this.time || this.dispatchedAt === this.time;
    let at = onMicrosecond(this.time, tie);
    while (this.queue.hasAt(at)) at = onMicrosecond(at, true);
    const action = canonicalAction({ at, ...command } as UserAction);
    this.schedule(action);
    return action;
  }

  /**
   * Gives back idle time: moves true time back to t, the time of the last traced event,
   * when the run has nothing left to do (a finished run then ends where its last event did,
   * at whatever pace it was played). Nothing observable happened after t, so the run is the
   * same; an action taken now goes after the events of t, as it would on a replay.
   */
  settleAt(t: number): void {
    if (this.awaiting || t > this.time || t < 0) return;
    this.time = t;
    this.dispatchedAt = t;
  }

  /** Schedules a user action; one in the past runs at the current time. */
  schedule(action: UserAction): void {
    const at = Math.max(action.at, this.time);
    this.pushAction(at, { ...action, at });
  }

  // A queued event's code is its kind + 8 × flag (pending.ts).
  private pushBoot(at: number, node: number, recovered: boolean): void {
    this.queue.push(at, BOOT + 8 * (recovered ? 1 : 0), node, 0, 0, undefined);
  }

  private pushAction(at: number, action: UserAction): void {
    this.queue.push(at, ACTION, 0, 0, 0, action);
  }

  private pushDeliver(at: number, to: number, from: number, msgId: number, msg: Message, fate: number): void {
    this.queue.push(at, DELIVER + 8 * fate, to, from, msgId, msg);
  }

  private pushTimer(at: number, node: number, key: string, gen: number): void {
    this.queue.push(at, TIMER, node, 0, gen, key);
  }

  /**
   * The node calls `next()` is about to hand out, predicted without changing state or
   * writing trace, so a host can run them in parallel (ARCHITECTURE.md §1). For each node not in
   * `busy`, its first event that will call it, due before head + network.minLatency() and
   * at or before `until`; at most `max` calls; the scan stops at the first user action or
   * boot (they change what later events mean). These calls cannot change: a message sent at
   * or after the head arrives no earlier than head + minLatency, and only a node's own calls
   * change its state, timers and clock. Drops and stale timers call no one and are skipped.
   * Each returned call is a new object the caller may keep.
   */
  lookahead(until: number, busy: { has(node: NodeId): boolean }, max: number): NodeCall[] {
    return this.firstCalls(until, busy, max, false);
  }

  /**
   * Calls beyond the lookahead's window: for each node not in `busy` and with no event in
   * that window, its first event that will call it, at or before `until`, in time order; at
   * most `max`; the scan stops where the lookahead's does. Unlike the lookahead's, these calls
   * may yet change or be preceded by another (a message sent in the meantime), so a host that
   * runs one ahead must be able to undo it; the lockstep driver checks each against what
   * `next()` hands out (hosts/lockstep.ts). Each returned call is a new object.
   */
  speculate(until: number, busy: { has(node: NodeId): boolean }, max: number): NodeCall[] {
    return this.firstCalls(until, busy, max, true);
  }

  private firstCalls(until: number, busy: { has(node: NodeId): boolean }, max: number, beyond: boolean): NodeCall[] {
    const head = this.queue.peekTime();
    if (head === undefined || this.awaiting || max <= 0) return [];
    const out: NodeCall[] = [];
    const taken = new Set<NodeId>();
    const window = head + this.network.minLatency();
    // Looking further than a few events per node finds little and would make a long queue quadratic.
    let budget = 2 * this.records.length + 32;
    this.queue.visitInOrder(beyond ? Infinity : window, until, (e) => {
      const { at, kind } = e;
      if (kind === ACTION || kind === BOOT || --budget < 0) return false;
      const n = this.records[e.node] as NodeRecord;
      if (busy.has(n.id) || taken.has(n.id)) return true;
      if (!n.alive || n.external) return true;
      let input: NodeInput;
      if (kind === DELIVER) {
        if (e.flag !== FATE_OK) return true;
        input = { type: 'message', from: (this.records[e.from] as NodeRecord).id, msg: e.ref as Message };
      } else {
        const key = e.ref as string;
        if (n.timers.get(key) !== e.num) return true;
        input = { type: 'timer', key };
      }
      taken.add(n.id);
      // A node with an event in the window is the lookahead's, whether or not it took it.
      if (beyond && at < window) return true;
      out.push({
        node: n.id,
        incarnation: n.incarnation,
        now: readClock(n.clock, at as TrueTime),
        input,
        delayMs: this.delayForTimeouts(n),
      });
      return out.length < max;
    });
    return out;
  }

  /**
   * Advances to the next thing a host must do, handling everything that needs no node
   * (user actions, drops, stale timers) on the way. Returns null, with the clock moved to
   * `until`, once no event is left at or before `until`. A call it returns is valid until
   * the next `next()`.
   */
  next(until = Infinity): HostCommand | null {
    if (this.awaiting) throw new Error(`apply() the reply for node ${this.awaiting.node} before asking for the next event`);
    const e = this.taken;
    for (;;) {
      const at = this.queue.peekTime();
      if (at === undefined || at > until) {
        if (Number.isFinite(until) && until > this.time) this.time = until;
        return null;
      }
      this.queue.pop(e);
      this.time = at;
      this.dispatchedAt = at;
      const command = this.dispatch(e);
      if (command) return command;
    }
  }

  /** Handles the event just taken from the queue. */
  private dispatch(e: QueuedEvent): HostCommand | null {
    const { kind, ref, num, flag } = e;
    const n = this.records[e.node] as NodeRecord;
    const fromIndex = e.from;
    if (kind === ACTION) return this.act(ref as UserAction);
    switch (kind) {
      case BOOT:
        return n.alive ? this.boot(n, flag === 1) : null;
      case DELIVER: {
        const msg = ref as Message;
        const from = (this.records[fromIndex] as NodeRecord).id;
        const msgId = num;
        const fate = flag;
        this.network.arrived(fromIndex, n.index, this.time);
        if (fate !== FATE_OK || !n.alive) {
          this.stats.dropped++;
          this.trace.push({
            seq: this.traceSeq++,
            t: this.now,
            type: 'drop',
            node: n.id,
            msgId,
            from,
            kind: msg.kind,
            reason: fate === FATE_OK ? 'crashed' : (FATES[fate] as Exclude<(typeof FATES)[number], 'ok'>),
          });
          return null;
        }
        this.stats.delivered++;
        const local = readClock(n.clock, this.now);
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'deliver',
          node: n.id,
          local,
          msgId,
          from,
          kind: msg.kind,
        });
        if (n.external) {
          this.onExternal?.({ node: n.id, from, msgId, msg });
          return null;
        }
        const input = this.messageInput;
        input.from = from;
        input.msg = msg;
        return this.call(n, input, local);
      }
      case TIMER: {
        const key = ref as string;
        if (!n.alive || n.timers.get(key) !== num) return null;
        n.timers.delete(key);
        n.deadlines.delete(key);
        const local = readClock(n.clock, this.now);
        this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'timer', node: n.id, local, key });
        const input = this.timerInput;
        input.key = key;
        return this.call(n, input, local);
      }
      default:
        throw new Error(`unknown queued event kind ${kind}`);
    }
  }

  private act(action: UserAction): HostCommand | null {
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'action', action });
    switch (action.type) {
      case 'crash': {
        const n = this.nodes.get(action.node);
        if (!n || !n.alive) return null;
        this.down(n);
        return n.external ? null : { type: 'crash', node: n.id };
      }
      case 'recover': {
        const n = this.nodes.get(action.node);
        if (!n || n.alive || n.external) return null;
        n.alive = true;
        n.incarnation++;
        return this.boot(n, true);
      }
      case 'notice':
      case 'request': {
        const n = this.nodes.get(action.node);
        if (!n || !n.alive || n.external) return null;
        return this.call(n, action.type === 'notice' ? NOTICE_INPUT : REQUEST_INPUT, readClock(n.clock, this.now));
      }
      case 'drift': {
        const n = this.nodes.get(action.node);
        // Its next waits follow the new rate (delayForTimeouts); those running keep their true end.
        if (n) n.clock = setDrift(n.clock, this.now, action.ppm);
        return null;
      }
      case 'offset': {
        const n = this.nodes.get(action.node);
        if (n) n.clock = setOffset(n.clock, this.now, action.offsetMs);
        return null;
      }
      case 'link':
      case 'network': {
        const before = this.records.map((n) => this.delayForTimeouts(n));
        if (action.type === 'link') this.network.setLink(action.from, action.to, action.patch);
        else this.network.setDefaults(action.patch);
        for (const n of this.records) this.followNetwork(n, before[n.index] as number);
        return null;
      }
      case 'partition':
        this.network.partition(action.groups);
        return null;
      case 'heal':
        this.network.heal();
        return null;
      case 'attach': {
        const n = this.nodes.get(action.node);
        if (!n || !n.external || n.alive) return null;
        n.alive = true;
        n.incarnation++;
        const local = readClock(n.clock, this.now);
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'boot',
          node: n.id,
          local,
          incarnation: n.incarnation,
          recovered: n.incarnation > 1,
        });
        n.view = { role: action.role, leader: action.leader };
        this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'role', node: n.id, local, role: action.role, leader: action.leader });
        return null;
      }
      case 'detach': {
        const n = this.nodes.get(action.node);
        if (n && n.external && n.alive) this.down(n);
        return null;
      }
      case 'external': {
        const n = this.nodes.get(action.node);
        if (!n || !n.external || !n.alive) return null;
        for (const send of action.sends) {
          const toIndex = this.network.ids.of(send.to);
          // A real process may name a node that is not there (or itself): that send goes nowhere.
          if (toIndex >= 0 && toIndex !== n.index) this.send(n, toIndex, send.to, send.msg, send.extraMs);
        }
        const note = action.note;
        if (note)
          this.applyEffect(n, {
            type: 'note',
            topic: note.topic,
            text: note.text,
            ...(note.data ? { data: note.data as { [key: string]: JsonValue } } : {}),
          });
        return null;
      }
      default:
        return assertNever(action, 'user action');
    }
  }

  /** Hands `n` its next call (the one reused call object) and waits for its reply. */
  private call(n: NodeRecord, input: NodeInput, now: LocalTime): HostCommand {
    const call = this.current;
    call.node = n.id;
    call.incarnation = n.incarnation;
    call.now = now;
    call.input = input;
    call.delayMs = this.delayForTimeouts(n);
    this.awaiting = call;
    this.awaitingNode = n;
    return this.command;
  }

  /** The one-way delay node n's timeouts scale with now (timeouts.ts): 0 leaves them as configured. */
  delayForTimeouts(n: NodeRecord): number {
    return this.scenario.timeouts === 'fixed' ? 0 : timeoutDelay(this.network.maxDelay(), rateOf(n.clock));
  }

  /**
   * After a network or link change: when node n's timeouts now need more time, every wait
   * it has running is moved on by how much
   * longer it would be armed now (TimeoutRules.armedFor), as if armed under the new settings.
   * Otherwise a wait armed for 30 ms links runs out on the first answer sent at 500 ms, and a
   * Bully process crowns itself. Waits are never shortened: a message already on a slow link
   * still takes that long. Bookkeeping on true time only, so the trace is the same inline, in
   * workers and on a replay of the action list.
   */
  private followNetwork(n: NodeRecord, before: number): void {
    const after = this.delayForTimeouts(n);
    const rules = this.timeoutRules;
    if (!(after > before) || !rules?.armedFor || !n.alive || n.external || n.deadlines.size === 0) return;
    const settings = this.scenario.algorithm.settings;
    const nodes = this.records.length;
    const was = before > 0 ? rules.scale(settings, { oneWayMs: before, nodes }) : settings;
    const now = rules.scale(settings, { oneWayMs: after, nodes });
    this.sortedIds ??= this.records.map((r) => r.id).sort((a, b) => a - b);
    const owner = { self: n.id, peers: new PeerList(this.sortedIds, n.id) };
    for (const [key, at] of n.deadlines) {
      const longer = (rules.armedFor(key, now, owner) ?? 0) - (rules.armedFor(key, was, owner) ?? 0);
      if (!(longer > 0)) continue;
      const gen = ++this.timerGen;
      const later = at + trueDelayFor(n.clock, longer);
      n.timers.set(key, gen);
      n.deadlines.set(key, later);
      this.pushTimer(later, n.index, key, gen);
    }
  }

  /** Applies a node's reply to the call `next()` handed out. */
  apply(call: NodeCall, reply: NodeReply): void {
    if (this.awaiting !== call) throw new Error(`reply for node ${call.node} does not match the call in progress`);
    const n = this.awaitingNode as NodeRecord;
    this.awaiting = null;
    this.awaitingNode = null;
    const effects = reply.effects;
    for (let i = 0; i < effects.length; i++) this.applyEffect(n, effects[i] as Effect);
    const before = n.view;
    if (before !== reply.view && (!before || before.role !== reply.view.role || before.leader !== reply.view.leader)) {
      n.view = reply.view;
      this.trace.push({
        seq: this.traceSeq++,
        t: this.now,
        type: 'role',
        node: n.id,
        local: readClock(n.clock, this.now),
        role: reply.view.role,
        leader: reply.view.leader,
      });
    }
  }

  /** The host could not run this node's call: the node is treated as crashed and the run goes on. */
  fault(call: NodeCall, error: string): void {
    if (this.awaiting !== call) throw new Error(`fault for node ${call.node} does not match the call in progress`);
    const n = this.awaitingNode as NodeRecord;
    this.awaiting = null;
    this.awaitingNode = null;
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'fault', node: n.id, error });
    this.down(n);
  }

  /** Starts a node's current incarnation: traced, then handed to the host as a boot call. */
  private boot(n: NodeRecord, recovered: boolean): HostCommand {
    const local = readClock(n.clock, this.now);
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'boot', node: n.id, local, incarnation: n.incarnation, recovered });
    return this.call(n, recovered ? RECOVER_INPUT : BOOT_INPUT, local);
  }

  /** Ends a node's incarnation: its timers and view go with it; its hardware clock runs on. */
  private down(n: NodeRecord): void {
    n.alive = false;
    n.timers.clear();
    n.deadlines.clear();
    n.view = null;
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'crash', node: n.id, local: readClock(n.clock, this.now) });
  }

  private applyEffect(n: NodeRecord, effect: Effect): void {
    switch (effect.type) {
      case 'send': {
        const toIndex = this.network.ids.of(effect.to);
        if (toIndex < 0 || toIndex === n.index) throw new Error(`node ${n.id} sent ${effect.msg.kind} to unknown node ${effect.to}`);
        this.send(n, toIndex, effect.to, effect.msg, 0);
        return;
      }
      case 'timer': {
        const gen = ++this.timerGen;
        const at = this.time + trueDelayFor(n.clock, effect.afterMs);
        n.timers.set(effect.key, gen);
        n.deadlines.set(effect.key, at);
        this.pushTimer(at, n.index, effect.key, gen);
        return;
      }
      case 'cancel':
        n.timers.delete(effect.key);
        n.deadlines.delete(effect.key);
        return;
      case 'adjust': {
        const before = readClock(n.clock, this.now);
        n.clock = effect.mode === 'step' ? stepClock(n.clock, this.now, effect.deltaMs) : slewClock(n.clock, this.now, effect.deltaMs);
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'adjust',
          node: n.id,
          local: readClock(n.clock, this.now),
          mode: effect.mode,
          deltaMs: effect.deltaMs,
          before,
        });
        return;
      }
      case 'note':
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'note',
          node: n.id,
          local: readClock(n.clock, this.now),
          topic: effect.topic,
          text: effect.text,
          data: effect.data ?? null,
        });
        return;
      default:
        assertNever(effect, 'effect');
    }
  }

  /** One message onto the network (after `extraMs` of real delay, for a real process's): traced, routed, queued. */
  private send(n: NodeRecord, toIndex: number, to: NodeId, msg: Message, extraMs: number): void {
    const route = this.network.routeAt(n.index, toIndex, this.time + Math.max(0, extraMs), this.netRng, this.route);
    const msgId = ++this.msgSeq;
    const kind = msg.kind;
    this.stats.sent++;
    bump(this.stats.byKind, kind);
    this.trace.push({
      seq: this.traceSeq++,
      t: this.now,
      type: 'send',
      node: n.id,
      local: readClock(n.clock, this.now),
      msgId,
      to,
      kind,
      msg,
      arrive: route.arrive as TrueTime,
    });
    const duplicateAt = route.duplicateAt;
    this.pushDeliver(route.arrive, toIndex, n.index, msgId, msg, route.fate === 'ok' ? FATE_OK : fateCode(route.fate));
    if (duplicateAt !== null) {
      this.trace.push({
        seq: this.traceSeq++,
        t: this.now,
        type: 'duplicate',
        node: n.id,
        msgId,
        arrive: duplicateAt as TrueTime,
      });
      this.pushDeliver(duplicateAt, toIndex, n.index, msgId, msg, FATE_OK);
    }
  }

  private mustNode(id: NodeId): NodeRecord {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`unknown node ${id}`);
    return n;
  }
}
