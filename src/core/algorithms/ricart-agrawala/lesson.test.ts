// The ricart-agrawala lesson on the real run: its predictions are answered by the run (8 =
// 2(n−1) messages for the first entry, P4's earlier timestamp before P3's, the request after
// P5's crash waiting for P5) on every seed tried; a slow link that gives P3 the same timestamp
// as P4 puts P3 first; the narration carries the run's own timestamps, deferrals and bill;
// both challenges are recognised from the trace.

import { describe, expect, it } from 'vitest';
import { lessonRun, predictedAnswers } from '../../../hosts/testing/lesson-run.ts';
import { challengeResults, locateCues, stepContext } from '../../lesson/engine.ts';
import type { RunContext } from '../../lesson/types.ts';
import type { UserAction } from '../../scenario.ts';
import { ricartAgrawalaLesson as lesson } from './lesson.ts';
import { ricartAgrawalaPreset as preset } from './presets.ts';

const SEEDS = [1, 2, 3, 7, 42];

const run = (seed: number, actions: readonly UserAction[] = [], until?: number): RunContext => lessonRun(preset, seed, actions, until);

describe('the ricart-agrawala lesson', () => {
  it('has 8 steps, three predictions and two challenges', () => {
    expect(lesson.steps).toHaveLength(8);
    expect(lesson.steps.filter((s) => s.predict)).toHaveLength(3);
    expect(lesson.challenges).toHaveLength(2);
  });

  it('8 messages for the first entry, P4 before P3, and the request after the crash waits for P5, on every seed', () => {
    for (const seed of SEEDS) expect(predictedAnswers(lesson, run(seed))).toEqual({ cost: '8', next: '4', crashed: 'waits' });
  });

  it('when P4’s REQUEST reaches P3 late, both ask at Lamport time 3 and the lower id, P3, goes first', () => {
    const ctx = run(1, [{ at: 0, type: 'link', from: 4, to: 3, patch: { latencyMs: 100, jitterMs: 0 } }]);
    const cues = locateCues(lesson, ctx);
    const next = lesson.steps[3]?.predict?.outcome(stepContext(ctx, cues, 3));
    expect(next?.choice).toBe('3');
    expect(next?.why).toMatch(/^\(3, P3\) comes before \(3, P4\)/);
  });

  it('every step’s claims hold on the run: timestamps, deferrals, the order and the bill', () => {
    for (const seed of SEEDS) {
      const ctx = run(seed);
      const cues = locateCues(lesson, ctx);
      const say = (i: number) => lesson.steps[i]?.narrate(stepContext(ctx, cues, i));
      expect(say(1)?.text).toMatch(
        /^P2 wants in at 1\.000 s\. Its Lamport clock ticks to T = 1 and it sends REQUEST\(1, P2\) to P1, P3, P4 and P5: 4 messages/,
      );
      expect(say(2)?.text).toMatch(/^P2 had REPLY from .*: all 4\./);
      expect(say(3)?.text).toMatch(/^Requests so far: \(1, P2\), \(3, P4\), \(5, P3\)\./);
      expect(say(3)?.text).toMatch(/P2 owes P4 and P3; P4 owes P3\./);
      expect(say(4)?.text).toMatch(/sends the replies it held back, to P4 and P3/);
      expect(say(4)?.formula).toBe("P2's entry: 4 REQUEST + 4 REPLY = 8; theory 2(n − 1) = 8");
      expect(say(5)?.text).toMatch(/^They entered P2 → P4 → P3, in the order of their requests \(1, P2\) < \(3, P4\) < \(5, P3\)/);
      expect(say(5)?.formula).toBe('3 entries × 2(n − 1) = 3 × 8 = 24; this run: 24');
      expect(say(6)?.text).toMatch(/^P5 crashed at 3\.500 s\./);
      expect(say(7)?.text).toMatch(/It repeated its REQUEST to P5 at \d+\.\d{3} s; the recovered process, in a new life, replied\./);
      expect(say(7)?.formula).toBe("P1's entry: 5 REQUEST + 4 REPLY = 9; theory 2(n − 1) = 8");
    }
  });

  it('one more entry costs 2(n − 1); a crashed replier holds a request until it recovers', () => {
    const since = run(1, [], 9000).events.length;
    expect(challengeResults(lesson, run(1, [], 20_000), since)).toEqual([null, null]);
    const one = run(1, [{ at: 9000, type: 'request', node: 3 }], 12_000);
    expect(challengeResults(lesson, one, since)[0]).toEqual({
      done: true,
      text: 'P3 entered after 4 REQUEST + 4 REPLY = 8 = 2(n − 1): correct.',
    });
    const waiting = run(
      1,
      [
        { at: 9000, type: 'crash', node: 4 },
        { at: 9200, type: 'request', node: 2 },
      ],
      12_000,
    );
    expect(challengeResults(lesson, waiting, since)[1]).toEqual({ done: false, text: "P2 waits for P4's reply. Now recover P4." });
    const back = run(
      1,
      [
        { at: 9000, type: 'crash', node: 4 },
        { at: 9200, type: 'request', node: 2 },
        { at: 10_000, type: 'recover', node: 4 },
      ],
      20_000,
    );
    const [, result] = challengeResults(lesson, back, since);
    expect(result?.done).toBe(true);
    expect(result?.text).toMatch(/^P2 waited from 9\.200 s until P4 was back and replied, and entered at \d+\.\d{3} s: correct\./);
  });
});
