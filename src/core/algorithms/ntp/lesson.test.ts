// The ntp-basic lesson on the real run: its predictions are answered by the run (Client C's
// bound is the widest and its clock ends behind the server's, on every seed tried), its
// narration carries the run's own θ and δ, and both challenges are recognised from the trace.

import { describe, expect, it } from 'vitest';
import { lessonRun } from '../../../hosts/testing/lesson-run.ts';
import { challengeResults, locateCues, stepContext } from '../../lesson/engine.ts';
import type { RunContext } from '../../lesson/types.ts';
import type { UserAction } from '../../scenario.ts';
import { ntpBasicLesson as lesson } from './lesson.ts';
import { ntpBasic } from './presets.ts';

const SEEDS = [1, 2, 3, 7, 42];

const run = (seed: number, actions: readonly UserAction[] = [], until?: number): RunContext => lessonRun(ntpBasic, seed, actions, until);

describe('the ntp-basic lesson', () => {
  it('Client C has the widest bound and ends behind the server, on every seed', () => {
    for (const seed of SEEDS) {
      const ctx = run(seed);
      const cues = locateCues(lesson, ctx);
      const answers = Object.fromEntries(
        lesson.steps.flatMap((step, i) =>
          step.predict ? [[step.predict.id, step.predict.outcome(stepContext(ctx, cues, i))?.choice]] : [],
        ),
      );
      expect(answers).toEqual({ widest: '5', 'which-side': 'behind' });
    }
  });

  it('the narration of the server’s sync carries its own θ and δ', () => {
    const ctx = run(1);
    const cues = locateCues(lesson, ctx);
    const n = lesson.steps[3]?.narrate(stepContext(ctx, cues, 3));
    expect(n?.formula).toMatch(
      /^θ = \(\(T2 − T1\) \+ \(T3 − T4\)\)\/2 = .* = [+−]\d+\.\d ms; δ = \(T4 − T1\) − \(T3 − T2\) = .* = \d+\.\d ms$/,
    );
    expect(n?.text).toContain('stratum 2');
  });

  it('crashing the server and slowing Client A’s answers are recognised', () => {
    const since = run(1, [], 10_000).events.length;
    const crashed = run(1, [{ at: 10_000, type: 'crash', node: 2 }], 16_000);
    expect(challengeResults(lesson, crashed, since)[0]?.done).toBe(true);
    expect(challengeResults(lesson, crashed, since)[0]?.text).toMatch(/got no answer and left its clock alone: correct/);
    const slowed = run(1, [{ at: 10_000, type: 'link', from: 2, to: 3, patch: { latencyMs: 150 } }], 20_000);
    const result = challengeResults(lesson, slowed, since)[1];
    expect(result?.done).toBe(true);
    expect(result?.text).toMatch(/Client A ended −\d+\.\d ms from the server, inside ±\d+\.\d ms/);
    // Nothing done: nothing recognised.
    expect(challengeResults(lesson, run(1, [], 20_000), since)).toEqual([null, null]);
  });
});
