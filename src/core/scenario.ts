// A scenario is plain data: the nodes with their clocks, the algorithm and its settings,
// the network, and the user actions scheduled in advance. Presets live in each algorithm's folder (src/core/algorithms/<id>/presets.ts).

import type { AlgorithmSpec } from './algorithms/registry.ts';
import type { ClockInit } from './clock.ts';
import type { Message, Role } from './machine.ts';
import type { LinkOverride, LinkSettings } from './network.ts';
import type { NodeId } from './time.ts';

export interface NodeSpec {
  id: NodeId;
  name: string;
  clock: ClockInit;
  /**
   * A real process reached through the relay (DESIGN.md §12): no machine runs for it here.
   * It starts disconnected (crashed) and its life and sends come in as recorded actions.
   */
  external?: boolean;
}

/** A message a real process sent: it crosses the simulated network after `extraMs` of real, measured latency. */
export interface ExternalSend {
  to: NodeId;
  /** A message of the scenario's algorithm, as plain JSON. */
  msg: Message & { readonly [field: string]: unknown };
  extraMs: number;
}

/** An annotation on what a real process did (the seed master's cycle, a real client's sync). */
export interface ExternalNote {
  topic: string;
  text: string;
  /** JSON (typed loosely here so tools that walk UserAction's type, such as Playwright's evaluate, stay shallow). */
  data: Record<string, unknown> | null;
}

export type { AlgorithmId, AlgorithmSpec } from './algorithms/registry.ts';
export type AlgorithmSettings = AlgorithmSpec['settings'];

/** Things a user (or a test, or the CLI) does to a running system, at a true time in ms. */
export type UserAction =
  | { at: number; type: 'crash'; node: NodeId }
  | { at: number; type: 'recover'; node: NodeId }
  | { at: number; type: 'notice'; node: NodeId }
  | { at: number; type: 'drift'; node: NodeId; ppm: number }
  | { at: number; type: 'link'; from: NodeId; to: NodeId; patch: Partial<LinkSettings> }
  | { at: number; type: 'network'; patch: Partial<LinkSettings> }
  | { at: number; type: 'partition'; groups: NodeId[][] }
  | { at: number; type: 'heal' }
  /** A real process connected as this external node (it comes up, or just changes address). */
  | { at: number; type: 'attach'; node: NodeId; address: string; role: Role; leader: NodeId | null }
  /** The real process behind this external node went away: it is down until one attaches again. */
  | { at: number; type: 'detach'; node: NodeId; reason: string }
  /** What the real process behind this external node did, as the relay saw it. */
  | { at: number; type: 'external'; node: NodeId; sends: ExternalSend[]; note: ExternalNote | null };

export type UserActionType = UserAction['type'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A user action without its time: what a person does "now". */
export type UserCommand = DistributiveOmit<UserAction, 'at'>;

export interface Scenario {
  id: string;
  title: string;
  /** What the scenario shows, in a sentence or two. */
  summary: string;
  /** The lab question it comes from, if any. */
  lab?: string;
  nodes: NodeSpec[];
  algorithm: AlgorithmSpec;
  network: { defaults: LinkSettings; links: LinkOverride[] };
  /** Rate at which slewing clocks absorb adjustments (fraction; 0.05 = 5%). */
  slewRate: number;
  actions: UserAction[];
  /** How long a run lasts by default, in true ms. */
  durationMs: number;
}
