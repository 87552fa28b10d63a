// Runs one node's machine: holds its state and its random stream and answers calls.
// The inline host keeps one of these per node in-process; a worker keeps exactly one.

import { runtimeFor } from './algorithms/runtimes.ts';
import type { AnyMachine, NodeContext, NodeView } from './machine.ts';
import { runInput } from './machine.ts';
import { PeerList } from './peers.ts';
import { Rng, type RngState } from './rng.ts';
import type { AlgorithmSpec } from './scenario.ts';
import type { NodeCall, NodeReply } from './simulation.ts';
import type { LocalTime, NodeId } from './time.ts';
import type { NetworkTiming } from './timeouts.ts';

/** Stream label for node random streams: (seed, NODE_STREAM, node id, incarnation). */
export const NODE_STREAM = 0x6e6f6465;

export interface NodeRuntimeInit {
  self: NodeId;
  /** Every node id of the run, ascending, self included: one array the inline host shares among all its nodes. */
  ids: readonly NodeId[];
  algorithm: AlgorithmSpec;
  seed: number;
  /** Display names by node id (plain data, so it can be posted to a worker). */
  names?: Readonly<Record<number, string>>;
  /** The scenario's clock slew rate. */
  slewRate?: number;
}

/** Everything a runtime holds between calls, as plain JSON (a worker can post it). */
export interface NodeCheckpoint {
  incarnation: number;
  state: unknown;
  view: NodeView | null;
  rng: RngState;
}

export class NodeRuntime {
  private readonly machine: AnyMachine;
  private state: unknown = undefined;
  private view: NodeView | null = null;
  private incarnation = -1;
  private rng: Rng;
  /** One reply object, rewritten by every call: the simulation reads it before this node's next call. */
  private readonly reply: NodeReply = { effects: [], view: { role: 'idle', leader: null } };
  private readonly ctx: { -readonly [K in keyof NodeContext<unknown>]: NodeContext<unknown>[K] };
  private readonly scale: (settings: unknown, timing: NetworkTiming) => unknown;
  /** The network delay the context's settings were last scaled for. */
  private delayMs = -1;

  constructor(private readonly init: NodeRuntimeInit) {
    const definition = runtimeFor(init.algorithm.id);
    if (!definition) throw new Error(`no algorithm ${init.algorithm.id}`);
    this.machine = definition.machine;
    this.scale = definition.scale as (settings: unknown, timing: NetworkTiming) => unknown;
    this.rng = Rng.fromSeed(init.seed, NODE_STREAM, init.self, 0);
    const random = (): number => this.rng.next();
    const names = init.names ?? {};
    const nameOf = (id: NodeId): string => names[id] ?? `P${id}`;
    this.ctx = {
      self: init.self,
      now: 0 as LocalTime,
      peers: new PeerList(init.ids, init.self),
      config: init.algorithm.settings,
      random,
      nameOf,
    };
    if (init.slewRate !== undefined) this.ctx.slewRate = init.slewRate;
  }

  call(call: NodeCall): NodeReply {
    if (call.input.type === 'boot' || call.incarnation !== this.incarnation) {
      if (call.input.type !== 'boot') throw new Error(`node ${call.node} incarnation ${call.incarnation} was never booted`);
      this.incarnation = call.incarnation;
      this.ctx.incarnation = call.incarnation;
      this.view = null;
      this.rng = Rng.fromSeed(this.init.seed, NODE_STREAM, this.init.self, call.incarnation);
    }
    this.ctx.now = call.now;
    if (call.delayMs !== this.delayMs) {
      // The network changed (or this is the first call): the timeouts follow it (timeouts.ts).
      this.delayMs = call.delayMs;
      const settings = this.init.algorithm.settings;
      this.ctx.config = call.delayMs > 0 ? this.scale(settings, { oneWayMs: call.delayMs, nodes: this.init.ids.length }) : settings;
    }
    const step = runInput(this.machine, this.state, call.input, this.ctx);
    // Handlers return the same state object when nothing changed: the view cannot have either.
    if (step.state !== this.state || this.view === null) this.view = this.machine.view(step.state, this.ctx);
    this.state = step.state;
    const reply = this.reply;
    reply.effects = step.effects;
    reply.view = this.view;
    return reply;
  }

  describe(): string {
    return this.state === undefined ? 'not started' : this.machine.describe(this.state, this.ctx);
  }

  checkpoint(): NodeCheckpoint {
    return { incarnation: this.incarnation, state: this.state, view: this.view, rng: this.rng.state };
  }

  restore(checkpoint: NodeCheckpoint): void {
    this.incarnation = checkpoint.incarnation;
    this.ctx.incarnation = checkpoint.incarnation;
    this.state = checkpoint.state;
    this.view = checkpoint.view;
    this.rng = new Rng(checkpoint.rng);
  }
}
