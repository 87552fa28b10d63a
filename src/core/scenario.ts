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
   * A real process reached through the relay (ARCHITECTURE.md §6): no machine runs for it here.
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
  | { at: number; type: 'request'; node: NodeId }
  | { at: number; type: 'drift'; node: NodeId; ppm: number }
  /** Steps the node's clock so that it reads true time + offsetMs (a clock that jumps). */
  | { at: number; type: 'offset'; node: NodeId; offsetMs: number }
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
  /**
   * By default every timeout the algorithm waits on grows with the network's slowest delay
   * (timeouts.ts); 'fixed' keeps them as configured, to show false suspicion on purpose.
   */
  timeouts?: 'scaled' | 'fixed';
  /** How long a run lasts by default, in true ms. */
  durationMs: number;
}

/**
 * How far a run goes before it counts as finished: the scenario's duration, and at least one
 * duration past every user action, so the consequence of an action is always seen. The page
 * and the CLI both use it, so a run opened from a URL and `npm run sim` with the same
 * actions stop at the same time.
 */
export function runHorizon(scenario: Scenario, actions: readonly UserAction[] = []): number {
  let horizon = scenario.durationMs;
  for (const a of actions) horizon = Math.max(horizon, a.at + scenario.durationMs);
  return horizon;
}

/**
 * The action with its fields in one fixed order (at, type, then its own), whatever object it
 * came from: a trace written from a click, a URL or the CLI is then the same text.
 */
export function canonicalAction(a: UserAction): UserAction {
  switch (a.type) {
    case 'crash':
    case 'recover':
    case 'notice':
    case 'request':
      return { at: a.at, type: a.type, node: a.node };
    case 'drift':
      return { at: a.at, type: a.type, node: a.node, ppm: a.ppm };
    case 'offset':
      return { at: a.at, type: a.type, node: a.node, offsetMs: a.offsetMs };
    case 'link':
      return { at: a.at, type: a.type, from: a.from, to: a.to, patch: canonicalPatch(a.patch) };
    case 'network':
      return { at: a.at, type: a.type, patch: canonicalPatch(a.patch) };
    case 'partition':
      return { at: a.at, type: a.type, groups: a.groups.map((g) => [...g]) };
    case 'heal':
      return { at: a.at, type: a.type };
    case 'attach':
      return { at: a.at, type: a.type, node: a.node, address: a.address, role: a.role, leader: a.leader };
    case 'detach':
      return { at: a.at, type: a.type, node: a.node, reason: a.reason };
    case 'external':
      return { at: a.at, type: a.type, node: a.node, sends: a.sends, note: a.note };
  }
}

const PATCH_ORDER: readonly (keyof LinkSettings)[] = ['latencyMs', 'jitterMs', 'jitter', 'loss', 'duplicate', 'fifo', 'up'];

function canonicalPatch(patch: Partial<LinkSettings>): Partial<LinkSettings> {
  const out: Partial<LinkSettings> = {};
  for (const key of PATCH_ORDER) if (patch[key] !== undefined) (out as Record<string, unknown>)[key] = patch[key];
  return out;
}
