// The contract between an algorithm and whoever runs it. A node machine is a set of pure
// functions: given the node's state and a context (its id, its local clock reading, its
// peers, its settings, a seeded random stream), each returns the new state and a list of
// effects. Machines never read true time, never mutate their input, and keep their state
// plain JSON so a worker can hold it and a checkpoint can copy it.

import type { Peers } from './peers.ts';
import type { LocalTime, NodeId } from './time.ts';

/**
 * What the views show a node as: 'idle' before it has one, else one its algorithm's
 * definition lists (coordinator, master, server, in-cs...), with how the stage draws it.
 */
export type Role = string;

export interface Message {
  readonly kind: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type Effect<M extends Message = Message> =
  | { type: 'send'; to: NodeId; msg: M }
  /** Arm (or re-arm) the timer named `key` to fire after `afterMs` of this node's local clock. */
  | { type: 'timer'; key: string; afterMs: number }
  | { type: 'cancel'; key: string }
  /** Adjust this node's clock by a relative amount, at once (step) or gradually (slew). */
  | { type: 'adjust'; mode: ClockMode; deltaMs: number }
  /** A structured annotation for the log and the views (a sync's RTT, a Berkeley cycle's readings...). */
  | { type: 'note'; topic: string; text: string; data?: { [key: string]: JsonValue } };

export type ClockMode = 'step' | 'slew';

export interface NodeView {
  role: Role;
  /** The node this one believes leads (coordinator, master or time server), or null. */
  leader: NodeId | null;
}

export interface NodeContext<Config> {
  readonly self: NodeId;
  readonly now: LocalTime;
  /** Every other node id, ascending (a view over the run's one shared id list). */
  readonly peers: Peers;
  readonly config: Config;
  /** This node's own seeded stream, uniform in [0, 1). */
  readonly random: () => number;
  /** A node's display name (MIT, MOBILE, P5...), for the sentences a machine writes. */
  readonly nameOf: (id: NodeId) => string;
  /**
   * Which life of this process this is: 0 at the first boot, one more at each recovery. The
   * crash-recovery model's epoch number, kept in stable storage and incremented at every
   * recovery (Guerraoui & Rodrigues, Reliable Distributed Programming §2.2.4), so lives are
   * told apart and ordered even when the clock was stepped back in between.
   */
  readonly incarnation?: number;
  /** The rate at which this node's clock slews (the scenario's; 0.05 when not given), so a machine can tell when a slew cannot keep up. */
  readonly slewRate?: number;
}

export interface Step<S, M extends Message> {
  state: S;
  effects: Effect<M>[];
}

/** What a host hands a node. `boot` starts a fresh incarnation (at t=0 or on recovery). */
export type NodeInput<M extends Message = Message> =
  | { type: 'boot'; recovered: boolean }
  | { type: 'message'; from: NodeId; msg: M }
  | { type: 'timer'; key: string }
  /** The user tells this node that the coordinator (or master) has failed. */
  | { type: 'notice' }
  /** The user makes this process ask for the critical section. */
  | { type: 'request' };

export interface NodeMachine<S, M extends Message, Config> {
  /** The registry id of the algorithm it runs. */
  readonly algorithm: string;
  init(ctx: NodeContext<Config>, recovered: boolean): Step<S, M>;
  onMessage(state: S, from: NodeId, msg: M, ctx: NodeContext<Config>): Step<S, M>;
  onTimer(state: S, key: string, ctx: NodeContext<Config>): Step<S, M>;
  onNotice(state: S, ctx: NodeContext<Config>): Step<S, M>;
  /** A request for the critical section (mutual exclusion); machines without one ignore it. */
  onRequest?(state: S, ctx: NodeContext<Config>): Step<S, M>;
  view(state: S, ctx: NodeContext<Config>): NodeView;
  /** A sentence on what the node is doing, for the inspector. */
  describe(state: S, ctx: NodeContext<Config>): string;
}

// Machines are stored in registries and called generically; their own types stay precise.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMachine = NodeMachine<any, any, any>;

export function runInput<S, M extends Message, C>(
  machine: NodeMachine<S, M, C>,
  state: S | undefined,
  input: NodeInput<M>,
  ctx: NodeContext<C>,
): Step<S, M> {
  if (input.type === 'boot') return machine.init(ctx, input.recovered);
  if (state === undefined) throw new Error(`node ${ctx.self} got ${input.type} before boot`);
  switch (input.type) {
    case 'message':
      return machine.onMessage(state, input.from, input.msg, ctx);
    case 'timer':
      return machine.onTimer(state, input.key, ctx);
    case 'notice':
      return machine.onNotice(state, ctx);
    case 'request':
      return machine.onRequest ? machine.onRequest(state, ctx) : { state, effects: [] };
  }
}
