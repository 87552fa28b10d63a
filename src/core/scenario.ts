// A scenario is plain data: the nodes with their clocks, the algorithm and its settings,
// the network, and the user actions scheduled in advance. Presets live in each algorithm's folder (src/core/algorithms/<id>/presets.ts).

import type { AlgorithmSpec } from './algorithms/registry.ts';
import type { ClockInit } from './clock.ts';
import type { LinkOverride, LinkSettings } from './network.ts';
import type { NodeId } from './time.ts';

export interface NodeSpec {
  id: NodeId;
  name: string;
  clock: ClockInit;
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
  | { at: number; type: 'heal' };

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
