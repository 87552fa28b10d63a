// Running a lesson over a trace: finding each step's cue in order, the context a step's
// narration and prediction read, the verdict on an answer, and a stateful matcher the live
// runner can test each new event with so it pauses exactly at a cue at any speed.

import type { TraceEvent } from '../trace.ts';
import type { ChallengeResult, Lesson, Outcome, RunContext, StepContext } from './types.ts';

/**
 * Trace indices of the cues of steps 0..(last found), continuing from `found` (a prefix
 * found before; step 0 is the run's start, -1). Stops at the first cue not yet in the trace,
 * or at step `upTo` (0-based, inclusive).
 */
export function locateCues(lesson: Lesson, run: RunContext, found: readonly number[] = [], upTo = lesson.steps.length - 1): number[] {
  const cues = found.length > 0 ? [...found] : [-1];
  let scanned = 0;
  while (cues.length <= upTo) {
    const step = lesson.steps[cues.length];
    if (!step) break;
    const since = (cues[cues.length - 1] ?? -1) + 1;
    const cue = step.cue;
    if (cue === null) {
      cues.push(cues[cues.length - 1] ?? -1);
      continue;
    }
    let hit = -1;
    for (let i = Math.max(since, scanned); i < run.events.length; i++) {
      if (cue.matches(run.events[i] as TraceEvent, { ...run, index: i, since })) {
        hit = i;
        break;
      }
    }
    if (hit < 0) break;
    cues.push(hit);
    scanned = hit + 1;
  }
  return cues;
}

/** The context step `step` (0-based) is narrated in; its cue must have been found. */
export function stepContext(run: RunContext, cues: readonly number[], step: number): StepContext {
  const at = cues[step] ?? -1;
  return { ...run, events: run.events, at, cues };
}

export interface Verdict {
  readonly right: boolean;
  readonly text: string;
  readonly outcome: Outcome;
}

/** Right or wrong, and why, once the run has shown the outcome; null before. */
export function verdictFor(outcome: Outcome | null, answer: string | null, labelOf: (id: string) => string): Verdict | null {
  if (outcome === null) return null;
  if (answer === null) return { right: false, text: `No prediction made. The run: ${labelOf(outcome.choice)}. ${outcome.why}`, outcome };
  const right = answer === outcome.choice;
  const text = right
    ? `Right: ${labelOf(outcome.choice)}. ${outcome.why}`
    : `Not this time: you said ${labelOf(answer)}, the run did ${labelOf(outcome.choice)}. ${outcome.why}`;
  return { right, text, outcome };
}

/**
 * A matcher for the live runner: fed every new event in trace order, it says true at the
 * event where step `target` (0-based) begins, following the cues of the steps before it.
 * `found` is what is already known (cue indices from step 0).
 */
export function cueMatcher(
  lesson: Lesson,
  context: Omit<RunContext, 'events'>,
  found: readonly number[],
  target: number,
): (events: readonly TraceEvent[], index: number) => boolean {
  const cues = [...found];
  /** Steps without a cue happen at the previous step's moment. */
  const absorbNulls = (): void => {
    while (lesson.steps[cues.length]?.cue === null) cues.push(cues[cues.length - 1] ?? -1);
  };
  absorbNulls();
  return (events, index) => {
    const step = lesson.steps[cues.length];
    if (!step?.cue || cues.length > target) return false;
    const since = (cues[cues.length - 1] ?? -1) + 1;
    if (index < since) return false;
    const e = events[index] as TraceEvent;
    if (!step.cue.matches(e, { ...context, events, index, since })) return false;
    cues.push(index);
    absorbNulls();
    return cues.length > target;
  };
}

/** Each challenge's state over the run from `since` on. */
export function challengeResults(lesson: Lesson, run: RunContext, since: number): (ChallengeResult | null)[] {
  return lesson.challenges.map((c) => c.check({ ...run, since }));
}
