// What the core knows of one algorithm, in one object: its node machine, its settings (a
// valibot schema, the defaults for n nodes, the presets), the roles it gives nodes, what the
// page's round panel reads from the trace, its predicted cost, and the user verbs it
// answers. `registry.ts` lists every definition; nothing outside an algorithm's folder
// switches on its id: it asks the definition instead.

import type * as v from 'valibot';
import type { ClockInit, ClockState } from '../clock.ts';
import type { ClockReplay } from '../check/clock-replay.ts';
import type { IncrementalChecker } from '../check/clock-sync.ts';
import type { Violation } from '../check/violations.ts';
import type { JsonValue, NodeMachine, Role } from '../machine.ts';
import type { Scenario, UserAction } from '../scenario.ts';
import type { Simulation } from '../simulation.ts';
import type { NodeId } from '../time.ts';
import type { Peers } from '../peers.ts';
import type { Pseudocode } from '../lesson/pseudocode.ts';
import type { Lesson } from '../lesson/types.ts';
import type { TraceEvent } from '../trace.ts';
import type { NetworkTiming } from '../timeouts.ts';
import type { RunDerivation } from '../derive/run-outcome.ts';

/** What a user can make one node do besides crash, recover and drift. */
export type NodeVerb = 'notice' | 'request';

/** How the stage draws a role: its shape and colour family (every role also shows its name). */
export type RoleFamily = 'leader' | 'candidate' | 'member' | 'idle';

/** What a run of the algorithm achieved, as arrays the CLI's --json adds (elections, syncs, criticalSections...). */
export type Outcomes = Readonly<Record<string, readonly JsonValue[]>>;

/** The latest round (an election, a Berkeley cycle, the syncs...) as the page shows it, folded from the trace. */
export interface RoundModel<R> {
  readonly initial: R;
  /** Folds one event in; returns the same object when nothing changed. `clockOf` gives clocks after this event. */
  apply(round: R, e: TraceEvent, clockOf: (node: NodeId) => ClockState | undefined): R;
  /** Note topics read out to screen readers when they happen. */
  readonly announced: readonly string[];
}

/** One burst of an algorithm's traffic, as the metrics compare it with theory. */
export interface Episode {
  /** Processes that started it, in order. */
  initiators: NodeId[];
  /** Processes that won it (declared themselves coordinator). */
  winners: NodeId[];
}

/** A mark the clock chart puts at a sync or adjustment: whose, and the band its error bound allows around the clock it followed. */
export interface ClockMark {
  node: NodeId;
  band: { around: NodeId; halfWidthMs: number } | null;
}

/** Reads an algorithm's syncs off the trace for the clock chart; fed every event, after the clocks took it in. */
export interface ClockMarker {
  mark(e: TraceEvent, clockOf: (node: NodeId) => ClockState | undefined): ClockMark | null;
}

/** The node a timer belongs to, for waits that depend on who waits (a rank, the ring's size). */
export interface TimerOwner {
  readonly self: NodeId;
  /** Every other node id, ascending (as NodeContext.peers). */
  readonly peers: Peers;
}

/** The part of a run's derivation (derive/run-outcome.ts) an algorithm fills: its elections, cycles or syncs. */
export type OutcomePart = Partial<Omit<RunDerivation, 'violations'>>;

/** Folds a run's trace into an algorithm's outcome part, one event at a time. */
export interface OutcomeFold {
  /** Feeds one event; `clocks` has already taken it in. */
  push(e: TraceEvent, clocks: ClockReplay): void;
  /** What it has found so far; `lastT` is the time of the last event fed. */
  part(lastT: number, clocks: ClockReplay): OutcomePart;
  /**
   * A long run's page keeps its rounds like its events (ARCHITECTURE.md §10): drop those that
   * ended before true time t, but never the latest `keep`; positions stay absolute.
   */
  forget?(t: number, keep: number): void;
}

/** How many entries from the front of `list` are `old`, leaving at least the last `keep`: what `forget` drops. */
export function forgettable<T>(list: readonly T[], old: (x: T) => boolean, keep: number): number {
  let n = 0;
  while (n < list.length - keep && old(list[n] as T)) n++;
  return n;
}

/** How an algorithm's timeouts follow the network (timeouts.ts). */
export interface TimeoutRules<Settings> {
  /** The settings with every timeout raised to what a network this slow needs; the configured values are the floor. */
  scale(settings: Settings, timing: NetworkTiming): Settings;
  /** Its timeouts as the page names them, read from (scaled) settings, for `nodes` processes. */
  list(settings: Settings, nodes: number): { label: string; ms: number }[];
  /**
   * The length (local ms) a timer named `key` is armed with under these (scaled) settings, or
   * the part of it that follows the network; undefined for a timer that waits for no message
   * (a period, a stay in the critical section). When the network slows while such a timer
   * runs, the simulation moves its deadline on by how much longer it would now be armed.
   */
  armedFor?(key: string, settings: Settings, owner: TimerOwner): number | undefined;
}

export interface AlgorithmDefinition<Id extends string = string, Settings = unknown, Round = unknown> {
  readonly id: Id;
  /** How the picker names it ("Bully election"). */
  readonly label: string;
  // Machines are called generically; their own state and message types stay inside their folder.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly machine: NodeMachine<any, any, Settings>;
  readonly settingsSchema: v.GenericSchema<unknown, Settings>;
  /** Settings for a custom setup of n processes (ids 1..n). */
  defaults(n: number): Settings;
  /** How far apart custom setups start their clocks (0 when clocks do not matter to it). */
  readonly customClocks: { offsetSpreadMs: number; driftSpreadPpm: number };
  readonly presets: readonly Scenario[];
  /** Every role its machine gives a node, and how the stage draws it. */
  readonly roles: Readonly<Record<Role, RoleFamily>>;
  /** Every message kind its machine sends (an imported trace may use no other). */
  readonly messageKinds: readonly string[];
  /** The node whose clock the others follow (a time server, a master), if any: the clock chart's reference. */
  reference(settings: Settings): NodeId | null;
  /** Whether the page draws the clock chart for it. */
  readonly drawsClocks: boolean;
  /** Which of the lab's real programs the relay can connect to it (their wire format, ARCHITECTURE.md §6); its hub is `reference`. */
  readonly relayService?: 'cristian' | 'berkeley';
  /** The names the relay should give the lab's programs for one of its presets, when not its default ones (Q4's MOBILE and LAPTOP). */
  readonly relayNames?: (scenario: Scenario) => readonly string[] | null;
  /** Its syncs as the clock chart marks them (a fresh marker per chart); none when absent. */
  readonly clockMarks?: () => ClockMarker;
  /** Which links the stage draws: every pair, or only ring neighbours. */
  readonly topology: 'mesh' | 'ring';
  readonly verbs: readonly NodeVerb[];
  /** The heading of the round panel. */
  readonly roundTitle: string;
  readonly round: RoundModel<Round>;
  /** The message counts theory predicts for an episode of this algorithm, by kind, or null when no formula applies. */
  predictedCost(episode: Episode, settings: Settings, n: number): Record<string, number> | null;
  /** Message kinds its metrics count apart (acknowledgements). */
  readonly uncountedKinds: readonly string[];
  /** Its part of what a run achieved, as the page, the run report and the CLI read it (a fresh fold per run); none when absent. */
  readonly outcomeFold?: (settings: Settings, nodeCount: number) => OutcomeFold;
  /** What else a run achieved (the CLI's --json arrays beyond the derivation's); none when absent. */
  outcomes?(events: readonly TraceEvent[], scenario: Scenario): Outcomes;
  /**
   * The invariants a trace of it must keep (its checker). From `calmFrom` on nothing fails
   * (no crash, loss or partition), so liveness is asked of what starts then; null: safety only.
   */
  check?(events: readonly TraceEvent[], scenario: Scenario, options: { calmFrom: number | null }): Violation[];
  /**
   * Its safety invariants as checkers fed the trace one event at a time: the page's live
   * monitors and the CLI's violations run them. Algorithms that share an invariant share the
   * factory (one instance runs for all of them); a checker ignores other algorithms' events.
   */
  readonly monitors?: readonly (() => IncrementalChecker)[];
  /** Random fault schedules for its property tests (src/fuzz/registry-cases.ts reads these). */
  readonly fuzz?: FuzzSpec<Settings>;
  /** Random fault schedules of the first fuzzer (src/fuzz/cases.ts): how it draws and judges them for this algorithm. */
  readonly faultCases?: FaultCaseSpec<Settings>;
  readonly timeouts: TimeoutRules<Settings>;
  /** Its textbook pseudocode, with the trace events that show each line running. */
  readonly pseudocode?: Pseudocode;
  /** Guided lessons over its presets (ARCHITECTURE.md §6). */
  readonly lessons?: readonly Lesson[];
}

/**
 * The full list of a message union's kinds, checked by the compiler: a kind left out of the
 * list (say, one added to the machine later) fails to type-check where the list is written.
 */
export const kindsOf =
  <M extends { kind: string }>() =>
  <const K extends readonly M['kind'][]>(
    kinds: K & (Exclude<M['kind'], K[number]> extends never ? unknown : { missing: Exclude<M['kind'], K[number]> }),
  ): readonly string[] =>
    kinds;

/**
 * What the fuzzer needs to make random fault schedules for an algorithm: how many processes,
 * which node verbs to throw in, its settings for a case, how long the run needs to settle
 * after the faults stop, and the verbs that end it (every live process asks once, say).
 * Plain functions and data, so the registry stays free of the test library.
 */
export interface FuzzSpec<Settings> {
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Node verbs the fault phase may use (a request, a notice). */
  readonly verbs: readonly NodeVerb[];
  /** Settings for a case of n processes; `flip` is a random boolean the case carries (step or slew, a variant...). */
  settings(n: number, flip: boolean): Settings;
  /** True ms after the heal that the run is given to settle. */
  readonly settleMs: number;
  /** Actions after the heal (at healAt + their `at`), on top of recovering every node. */
  afterHeal(n: number): readonly { at: number; verb: NodeVerb; node: number }[];
}

/** A case of the first fuzzer (src/fuzz/cases.ts), as a failure prints it and `npm run fuzz -- --replay` runs it: plain JSON. */
export interface FaultCase {
  /** The name it is fuzzed under: an algorithm, or one variant of it (Ring's Chang–Roberts). */
  algorithm: string;
  nodes: number;
  seed: number;
  heartbeat: boolean;
  slew: boolean;
  /** Initial clocks by node (index 0 is node 1); absent: the custom setup's. */
  clocks?: ClockInit[];
  /** The safety phase: faults at true times before `healAt`. */
  faults: UserAction[];
  healAt: number;
}

/** A fault case's finished run, as its algorithm judges it. */
export interface FaultCaseRun {
  c: FaultCase;
  scenario: Scenario;
  events: readonly TraceEvent[];
  /** The simulation where the run stopped: its time and its nodes' clocks. */
  sim: Pick<Simulation, 'now' | 'node' | 'nodeIds' | 'scenario'>;
}

/**
 * How the first fuzzer draws and judges an algorithm's cases: 3 to 9 processes told to notice
 * for an election, random initial clocks for a clock algorithm, heartbeats on or off, step or
 * slew; after the heal, how long the run is given and what ends it; then its own checks.
 */
export interface FaultCaseSpec<Settings> {
  /** The names it is fuzzed under, each with its own schedules (Ring: its list variant and Chang–Roberts). */
  readonly names: readonly string[];
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Node verbs thrown in among the faults, alone and several processes at once (an election's notice). */
  readonly verbs: readonly NodeVerb[];
  /** Whether cases may start the clocks anywhere (offsets and drifts over the whole range). */
  readonly drawsClocks: boolean;
  /** Whether every process recovers at the heal (a Cristian client converges only with its server back). */
  readonly recoverAtHeal: boolean;
  /** Its settings for a case, from the custom setup's (`base`). */
  settings(c: FaultCase, base: Settings): Settings;
  /**
   * True ms the run is given to settle after the faults have landed (before stretching for slow
   * clocks): `slowest` is the slowest link the case made (0 for none), `longestTimeoutMs` the
   * longest timeout a node could arm while it was that slow.
   */
  settleMs(settings: Settings, c: { nodes: number; slowest: number; longestTimeoutMs: number }): number;
  /** Actions after the faults have landed (at `landed`; `settleMs` as stretched) that the run needs to end well, if any. */
  closing?(c: FaultCase, at: { landed: number; settleMs: number }): UserAction[];
  /** Its invariants over the run, and that it converged after the heal. */
  judge(run: FaultCaseRun, settings: Settings): Violation[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAlgorithm = AlgorithmDefinition<string, any, any>;
