// The discrete-event simulation. It owns true time, the event queue, every node's hardware
// clock, the network and the trace. It does not run node machines itself: `next()` hands
// out the next thing a host must do (call a node, or kill one), and `apply()` takes the
// node's reply and turns its effects into sends, timers and clock changes. That split lets
// the same simulation drive machines in-process (inline host) or in Web Workers.

import { bump, emptyCounts } from './counts.ts';
import { assertNever } from './assert.ts';
import { type ClockState, makeClock, readClock, setDrift, slewClock, stepClock, trueDelayFor } from './clock.ts';
import type { Effect, Message, NodeInput, NodeView } from './machine.ts';
import { type Fate, Network } from './network.ts';
import { Rng } from './rng.ts';
import type { Scenario, UserAction, UserCommand } from './scenario.ts';
import { EventQueue } from './queue.ts';
import { ArraySink, type TraceSink } from './trace.ts';
import { justAfter, type LocalTime, type NodeId, type TrueTime } from './time.ts';

/** Stream labels for deriveSeed: the network's, and one per node incarnation (see nodeSeed). */
export const NETWORK_STREAM = 0x6e6574;

type Pending =
  | { kind: 'boot'; node: NodeId; recovered: boolean }
  | { kind: 'deliver'; node: NodeId; from: NodeId; msgId: number; msg: Message; fate: Fate }
  | { kind: 'timer'; node: NodeId; key: string; gen: number }
  | { kind: 'action'; action: UserAction };

export interface NodeCall {
  node: NodeId;
  /** Which life of the node this is for; a fresh one starts at every recovery. */
  incarnation: number;
  now: LocalTime;
  input: NodeInput;
}

export interface NodeReply {
  effects: Effect[];
  view: NodeView;
}

export type HostCommand = { type: 'call'; call: NodeCall } | { type: 'crash'; node: NodeId };

export interface NodeRecord {
  readonly id: NodeId;
  readonly name: string;
  alive: boolean;
  incarnation: number;
  clock: ClockState;
  /** Live timer generations by key; a fired timer whose generation is not here is stale. */
  timers: Map<string, number>;
  view: NodeView | null;
}

export interface MessageStats {
  sent: number;
  delivered: number;
  dropped: number;
  byKind: Record<string, number>;
}

export interface SimulationOptions {
  seed: number;
  /** Extra user actions on top of the scenario's own. */
  actions?: readonly UserAction[];
  trace?: TraceSink;
}

export class Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly trace: TraceSink;
  readonly network: Network;
  readonly stats: MessageStats = { sent: 0, delivered: 0, dropped: 0, byKind: emptyCounts() };
  private readonly nodes = new Map<NodeId, NodeRecord>();
  private readonly queue = new EventQueue<Pending>();
  private readonly netRng: Rng;
  private traceSeq = 0;
  private msgSeq = 0;
  private timerGen = 0;
  private time = 0;
  /** True time of the last event taken from the queue (see scheduleNow). */
  private dispatchedAt = -Infinity;
  private awaiting: NodeCall | null = null;

  constructor(scenario: Scenario, options: SimulationOptions) {
    this.scenario = scenario;
    this.seed = options.seed;
    this.trace = options.trace ?? new ArraySink();
    this.network = new Network(
      scenario.nodes.map((n) => n.id),
      scenario.network.defaults,
      scenario.network.links,
    );
    this.netRng = Rng.fromSeed(options.seed, NETWORK_STREAM);
    for (const spec of scenario.nodes) {
      const clock = makeClock(spec.clock, scenario.slewRate);
      this.nodes.set(spec.id, {
        id: spec.id,
        name: spec.name,
        alive: true,
        incarnation: 0,
        clock,
        timers: new Map(),
        view: null,
      });
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
    }
    for (const spec of scenario.nodes) this.queue.push(0, { kind: 'boot', node: spec.id, recovered: false });
    const actions = [...scenario.actions, ...(options.actions ?? [])];
    for (const action of actions) this.queue.push(action.at, { kind: 'action', action });
  }

  get now(): TrueTime {
    return this.time as TrueTime;
  }

  /** True time of the next queued event, or null when nothing is left. */
  peekTime(): TrueTime | null {
    const at = this.queue.peekTime();
    return at === undefined ? null : (at as TrueTime);
  }

  node(id: NodeId): NodeRecord | undefined {
    return this.nodes.get(id);
  }

  nodeIds(): NodeId[] {
    return [...this.nodes.keys()];
  }

  localTimeOf(id: NodeId): LocalTime {
    const n = this.mustNode(id);
    return readClock(n.clock, this.now);
  }

  /**
   * Schedules a user action for now and returns it with the time it got. If events at this
   * very time have already run (a step stops on one) or are still queued, the action goes
   * just after them: a run that replays the returned actions (listed actions run before
   * other events of their time) then orders it exactly as this one did.
   */
  scheduleNow(command: UserCommand): UserAction {
    const tie = this.peekTime() === this.time || this.dispatchedAt === this.time;
    const action = { ...command, at: tie ? justAfter(this.time) : this.time } as UserAction;
    this.schedule(action);
    return action;
  }

  /** Schedules a user action; one in the past runs at the current time. */
  schedule(action: UserAction): void {
    const at = Math.max(action.at, this.time);
    this.queue.push(at, { kind: 'action', action: { ...action, at } });
  }

  /**
   * The node calls `next()` is about to hand out, predicted without changing state or
   * writing trace, so a host can run them in parallel (DESIGN.md §1). For each node not in
   * `busy`, its first event that will call it, due before head + network.minLatency() and
   * at or before `until`; at most `max` calls; the scan stops at the first user action or
   * boot (they change what later events mean). These calls cannot change: a message sent at
   * or after the head arrives no earlier than head + minLatency, and only a node's own calls
   * change its state, timers and clock. Drops and stale timers call no one and are skipped.
   */
  lookahead(until: number, busy: { has(node: NodeId): boolean }, max: number): NodeCall[] {
    const head = this.queue.peekTime();
    if (head === undefined || this.awaiting) return [];
    const out: NodeCall[] = [];
    const taken = new Set<NodeId>();
    // Looking further than a few events per node finds little and would make a long queue quadratic.
    let budget = 2 * this.nodes.size + 32;
    this.queue.visitInOrder(head + this.network.minLatency(), until, (at, item) => {
      if (item.kind === 'action' || item.kind === 'boot' || --budget < 0) return false;
      if (busy.has(item.node) || taken.has(item.node)) return true;
      const n = this.mustNode(item.node);
      if (!n.alive) return true;
      let input: NodeInput;
      if (item.kind === 'deliver') {
        if (item.fate !== 'ok') return true;
        input = { type: 'message', from: item.from, msg: item.msg };
      } else {
        if (n.timers.get(item.key) !== item.gen) return true;
        input = { type: 'timer', key: item.key };
      }
      taken.add(n.id);
      out.push({ node: n.id, incarnation: n.incarnation, now: readClock(n.clock, at as TrueTime), input });
      return out.length < max;
    });
    return out;
  }

  /**
   * Advances to the next thing a host must do, handling everything that needs no node
   * (user actions, drops, stale timers) on the way. Returns null, with the clock moved to
   * `until`, once no event is left at or before `until`.
   */
  next(until = Infinity): HostCommand | null {
    if (this.awaiting) throw new Error(`apply() the reply for node ${this.awaiting.node} before asking for the next event`);
    for (;;) {
      const at = this.queue.peekTime();
      if (at === undefined || at > until) {
        if (Number.isFinite(until) && until > this.time) this.time = until;
        return null;
      }
      const head = this.queue.pop() as Pending;
      this.time = at;
      this.dispatchedAt = at;
      const command = this.dispatch(head);
      if (command) {
        if (command.type === 'call') this.awaiting = command.call;
        return command;
      }
    }
  }

  private dispatch(item: Pending): HostCommand | null {
    switch (item.kind) {
      case 'boot': {
        const n = this.mustNode(item.node);
        return n.alive ? this.boot(n, item.recovered) : null;
      }
      case 'deliver': {
        const n = this.mustNode(item.node);
        if (item.fate !== 'ok' || !n.alive) {
          this.stats.dropped++;
          const reason = item.fate === 'ok' ? 'crashed' : item.fate;
          this.trace.push({
            seq: this.traceSeq++,
            t: this.now,
            type: 'drop',
            node: n.id,
            msgId: item.msgId,
            from: item.from,
            kind: item.msg.kind,
            reason,
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
          msgId: item.msgId,
          from: item.from,
          kind: item.msg.kind,
        });
        return this.call(n, { type: 'message', from: item.from, msg: item.msg }, local);
      }
      case 'timer': {
        const n = this.mustNode(item.node);
        if (!n.alive || n.timers.get(item.key) !== item.gen) return null;
        n.timers.delete(item.key);
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'timer',
          node: n.id,
          local: readClock(n.clock, this.now),
          key: item.key,
        });
        return this.call(n, { type: 'timer', key: item.key });
      }
      case 'action':
        return this.act(item.action);
      default:
        return assertNever(item, 'queue item');
    }
  }

  private act(action: UserAction): HostCommand | null {
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'action', action });
    switch (action.type) {
      case 'crash': {
        const n = this.nodes.get(action.node);
        if (!n || !n.alive) return null;
        this.down(n);
        return { type: 'crash', node: n.id };
      }
      case 'recover': {
        const n = this.nodes.get(action.node);
        if (!n || n.alive) return null;
        n.alive = true;
        n.incarnation++;
        return this.boot(n, true);
      }
      case 'notice': {
        const n = this.nodes.get(action.node);
        if (!n || !n.alive) return null;
        return this.call(n, { type: 'notice' });
      }
      case 'drift': {
        const n = this.nodes.get(action.node);
        if (n) n.clock = setDrift(n.clock, this.now, action.ppm);
        return null;
      }
      case 'link':
        this.network.setLink(action.from, action.to, action.patch);
        return null;
      case 'network':
        this.network.setDefaults(action.patch);
        return null;
      case 'partition':
        this.network.partition(action.groups);
        return null;
      case 'heal':
        this.network.heal();
        return null;
      default:
        return assertNever(action, 'user action');
    }
  }

  private call(n: NodeRecord, input: NodeInput, now: LocalTime = readClock(n.clock, this.now)): HostCommand {
    return { type: 'call', call: { node: n.id, incarnation: n.incarnation, now, input } };
  }

  /** Applies a node's reply to the call `next()` handed out. */
  apply(call: NodeCall, reply: NodeReply): void {
    if (this.awaiting !== call) throw new Error(`reply for node ${call.node} does not match the call in progress`);
    this.awaiting = null;
    const n = this.mustNode(call.node);
    for (const effect of reply.effects) this.applyEffect(n, effect);
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
    this.awaiting = null;
    const n = this.mustNode(call.node);
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'fault', node: n.id, error });
    this.down(n);
  }

  /** Starts a node's current incarnation: traced, then handed to the host as a boot call. */
  private boot(n: NodeRecord, recovered: boolean): HostCommand {
    const local = readClock(n.clock, this.now);
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'boot', node: n.id, local, incarnation: n.incarnation, recovered });
    return this.call(n, { type: 'boot', recovered }, local);
  }

  /** Ends a node's incarnation: its timers and view go with it; its hardware clock runs on. */
  private down(n: NodeRecord): void {
    n.alive = false;
    n.timers.clear();
    n.view = null;
    this.trace.push({ seq: this.traceSeq++, t: this.now, type: 'crash', node: n.id, local: readClock(n.clock, this.now) });
  }

  private applyEffect(n: NodeRecord, effect: Effect): void {
    switch (effect.type) {
      case 'send': {
        const to = this.nodes.get(effect.to);
        if (!to || to.id === n.id) throw new Error(`node ${n.id} sent ${effect.msg.kind} to unknown node ${effect.to}`);
        const route = this.network.route(n.id, to.id, this.time, this.netRng);
        const msgId = ++this.msgSeq;
        const kind = effect.msg.kind;
        this.stats.sent++;
        bump(this.stats.byKind, kind);
        this.trace.push({
          seq: this.traceSeq++,
          t: this.now,
          type: 'send',
          node: n.id,
          local: readClock(n.clock, this.now),
          msgId,
          to: to.id,
          kind,
          msg: effect.msg,
          arrive: route.arrive as TrueTime,
        });
        this.queue.push(route.arrive, { kind: 'deliver', node: to.id, from: n.id, msgId, msg: effect.msg, fate: route.fate });
        if (route.duplicateAt !== null) {
          this.trace.push({
            seq: this.traceSeq++,
            t: this.now,
            type: 'duplicate',
            node: n.id,
            msgId,
            arrive: route.duplicateAt as TrueTime,
          });
          this.queue.push(route.duplicateAt, { kind: 'deliver', node: to.id, from: n.id, msgId, msg: effect.msg, fate: 'ok' });
        }
        return;
      }
      case 'timer': {
        const gen = ++this.timerGen;
        n.timers.set(effect.key, gen);
        this.queue.push(this.time + trueDelayFor(n.clock, effect.afterMs), { kind: 'timer', node: n.id, key: effect.key, gen });
        return;
      }
      case 'cancel':
        n.timers.delete(effect.key);
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

  private mustNode(id: NodeId): NodeRecord {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`unknown node ${id}`);
    return n;
  }
}
