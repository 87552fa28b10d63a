// What a lesson is (ARCHITECTURE.md §6): data over a preset. Steps with narration computed from the
// run's own numbers, cue points that are predicates over trace events (so a lesson pauses at
// the same moment at any speed and on any seed), prediction prompts whose answers are read
// from what the run then does, and try-this challenges verified from the trace. Pure data and
// functions: no DOM, no clock; the page's lesson panel drives a live run with them.

import type { Scenario } from '../scenario.ts';
import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';

/** The run as a lesson reads it: the trace so far, the scenario, and how to name a node. */
export interface RunContext {
  readonly events: readonly TraceEvent[];
  readonly scenario: Scenario;
  readonly nameOf: (id: NodeId) => string;
}

/** Where a cue looks: `index` is the event being tested, `since` the first event after the previous cue. */
export interface CueContext extends RunContext {
  readonly index: number;
  readonly since: number;
}

/** A moment to pause at: the first event (after the previous cue) that the predicate accepts. */
export interface Cue {
  /** What the run is playing towards, in words ("P5 is told that P10 failed"). */
  readonly label: string;
  matches(e: TraceEvent, ctx: CueContext): boolean;
}

/** A step's context: the run up to and including its cue event (`at`; -1 for the opening step). */
export interface StepContext extends RunContext {
  readonly at: number;
  /** Trace index of every step's cue found so far (-1 for the opening step), by step. */
  readonly cues: readonly number[];
}

export interface Narration {
  /** What just happened and why, in plain words, with the run's own numbers. */
  readonly text: string;
  /** A formula with this run's numbers filled in, shown apart ("Ts + RTT/2 = 1.031 + 0.066 = 1.097 s"). */
  readonly formula?: string;
  /** What to look at next. */
  readonly watch: string;
}

export interface Choice {
  readonly id: string;
  readonly label: string;
}

/** What the run did, as one of the choices, and why (read from the trace). */
export interface Outcome {
  readonly choice: string;
  readonly why: string;
}

/** A question asked at a step, answered by clicking before the run shows what happens. */
export interface Prediction {
  readonly id: string;
  readonly question: string;
  choices(ctx: StepContext): readonly Choice[];
  /**
   * What the run did, read from the trace after the step's cue (`ctx.at`); null while it has
   * not happened yet. Never a constant: the same prompt on another seed or after a user action
   * may have another answer.
   */
  outcome(ctx: StepContext): Outcome | null;
}

export interface LessonStep {
  readonly title: string;
  /** Where the run pauses before this step is shown; null for the opening step (the run at 0). */
  readonly cue: Cue | null;
  narrate(ctx: StepContext): Narration;
  readonly predict?: Prediction;
}

/** Where a challenge reads from: the run, and the index its lesson's last step was shown at. */
export interface ChallengeContext extends RunContext {
  readonly since: number;
}

export interface ChallengeResult {
  readonly done: boolean;
  /** "P8 won: correct", or what is still missing. */
  readonly text: string;
}

export interface Challenge {
  readonly id: string;
  /** What to do, with the controls to use. */
  readonly task: string;
  /** null until the user has done something it can judge. */
  check(ctx: ChallengeContext): ChallengeResult | null;
}

/** The lab report's own program and output (from shared/seed), beside what our run prints. */
export interface LabComparison {
  /** The seed program(s), as named in the lab report. */
  readonly program: string;
  /** Its output as the lab printed it (or as running the seed program prints it). */
  readonly output: string;
  /** Our run's output in the lab's format, from the trace. */
  ours(ctx: RunContext): string;
  /** Where the lab code was wrong, and what we do instead. */
  readonly wrong: readonly string[];
}

export interface Lesson {
  /** The preset it runs (the lesson's id in the URL: `?lesson=<preset id>`). */
  readonly preset: string;
  /** The lab question: "Q5". */
  readonly question: string;
  readonly title: string;
  /** One line for the lesson picker. */
  readonly blurb: string;
  readonly steps: readonly LessonStep[];
  readonly lab: LabComparison;
  readonly challenges: readonly Challenge[];
}
