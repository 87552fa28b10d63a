// The contract between a running simulation and the page: a live runner owns a Simulation
// and a NodeHost (inline or workers), paces true time against the wall clock at a chosen
// speed, lets the user act on the run, and hands the page new trace events at most once
// per animation frame. The page never talks to the simulation or the host directly.

import type { Retention } from './retained-trace.ts';
import type { MessageStats, NodeId, NodeRecord, Scenario, TraceEvent, TrueTime, UserAction, UserCommand } from '../core/index.ts';

/**
 * Simulated ms per wall ms; 'max' runs as fast as the host allows; 'teach' dilates time
 * around messages in flight so that each is on screen for TEACH_VISIBLE_MS of wall time.
 */
export type Speed = number | 'max' | 'teach';

export const MIN_SPEED = 0.01;
export const MAX_SPEED = 100;
/** At the teaching pace, the wall ms every message takes to cross the stage (at least). */
export const TEACH_VISIBLE_MS = 1000;
/** At the teaching pace, simulated ms per wall ms while no message is in flight. */
export const TEACH_IDLE_SPEED = 1;

export interface LiveFrame {
  /** True time the simulation has reached. */
  now: TrueTime;
  /** Events appended since the previous frame (in trace order). */
  events: readonly TraceEvent[];
  playing: boolean;
  /** True once no event is left before the scenario's end. */
  finished: boolean;
}

export type { UserCommand } from '../core/index.ts';
export { justAfter } from '../core/index.ts';

/**
 * Where a forked run starts (time travel: acting in the past), or a prepared run (a shared
 * URL's actions). The new run applies these user actions, at their own times, on top of the
 * scenario's, and starts at true time `startAt` with everything before it already simulated
 * (at 0 when there is no `startAt`).
 */
export interface ForkFrom {
  actions: readonly UserAction[];
  startAt?: number;
}

export interface LiveRunner {
  readonly scenario: Scenario;
  readonly seed: number;
  /** 'inline' or 'worker'. */
  readonly hostKind: string;
  play(): void;
  pause(): void;
  /** Runs exactly one more event (pausing first). */
  step(): Promise<void>;
  setSpeed(speed: Speed): void;
  /** Applies a user action at the current true time. */
  act(command: UserCommand): void;
  /** Node records as the simulation sees them now (status, clock, view). */
  node(id: NodeId): Readonly<NodeRecord> | undefined;
  stats(): Readonly<MessageStats>;
  /** A sentence on what a node is doing, from its own machine (null when crashed). */
  describe(node: NodeId): Promise<string | null>;
  /** Called at most once per animation frame with what changed. Returns an unsubscribe. */
  subscribe(listener: (frame: LiveFrame) => void): () => void;
  /**
   * The events so far that are kept in full: all of them unless the runner has a retention
   * (the page's does), and then `trace()[i]` is event `traceStart() + i` of the run.
   */
  trace(): readonly TraceEvent[];
  /** How many of the run's first events are no longer kept (absent: 0, everything is kept). */
  traceStart?(): number;
  /** The retention the runner keeps its trace to (absent: everything). */
  retention?(): Retention;
  /**
   * The user actions this run has applied (beyond the scenario's own), each at the true time
   * it took effect, in order: with the scenario and seed they reproduce the run, so a fork
   * in the past replays the ones before it.
   */
  actions(): readonly UserAction[];
  /** Why the run stopped, if the runner itself failed (a node's fault is in the trace instead), or null. */
  failure(): string | null;
  dispose(): void;
  /**
   * Pauses the run right after the first new event `cue` accepts (fed every event from now
   * on, in trace order, with the whole trace and its index): a lesson's cue point, so the run
   * stops at the same event at any speed. null removes it.
   */
  pauseAt?(cue: ((events: readonly TraceEvent[], index: number) => boolean) | null): void;
}
