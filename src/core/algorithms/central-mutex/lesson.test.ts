// The mutex-central lesson on the real run: its predictions are answered by the run (3
// messages for the first entry; the lease, not a crash notice, frees the crashed holder's
// grant) on every seed tried, a lost REQUEST changes the first answer, the narration carries
// the run's own bill, and both challenges are recognised from the trace.

import { describe, expect, it } from 'vitest';
import { lessonRun, predictedAnswers } from '../../../hosts/testing/lesson-run.ts';
import { challengeResults, locateCues, stepContext } from '../../lesson/engine.ts';
import type { RunContext } from '../../lesson/types.ts';
import type { UserAction } from '../../scenario.ts';
import { mutexCentralLesson as lesson } from './lesson.ts';
import { mutexCentral } from './presets.ts';

const SEEDS = [1, 2, 3, 7, 42];

const run = (seed: number, actions: readonly UserAction[] = [], until?: number): RunContext =>
  lessonRun(mutexCentral, seed, actions, until);

describe('the mutex-central lesson', () => {
  it('has 8 steps, two predictions and two challenges', () => {
    expect(lesson.steps).toHaveLength(8);
    expect(lesson.steps.filter((s) => s.predict)).toHaveLength(2);
    expect(lesson.challenges).toHaveLength(2);
  });

  it('the first entry costs 3 messages and the lease frees the crashed holder’s grant, on every seed', () => {
    for (const seed of SEEDS) expect(predictedAnswers(lesson, run(seed))).toEqual({ cost: '3', 'after-crash': 'lease' });
  });

  it('a lost REQUEST is repeated: the same question then has the answer 4', () => {
    const ctx = run(1, [
      { at: 0, type: 'link', from: 2, to: 1, patch: { loss: 1 } },
      { at: 2500, type: 'link', from: 2, to: 1, patch: { loss: 0 } },
    ]);
    expect(predictedAnswers(lesson, ctx)['cost']).toBe('4');
  });

  it('every step’s claims hold on the run: the queue, the grant order, the lease and the bill', () => {
    for (const seed of SEEDS) {
      const ctx = run(seed);
      const cues = locateCues(lesson, ctx);
      const say = (i: number) => lesson.steps[i]?.narrate(stepContext(ctx, cues, i));
      expect(say(1)?.text).toMatch(/^P2 wants the critical section at 1\.000 s: it sends REQUEST to the coordinator P1/);
      expect(say(2)?.text).toMatch(/sent GRANT to P2 at once/);
      expect(say(3)?.text).toMatch(/appended them to its queue, \[P3, P4\]/);
      expect(say(4)?.formula).toBe("P2's entry: 1 REQUEST + 1 GRANT + 1 RELEASE = 3 messages (theory: 3)");
      expect(say(4)?.text).toMatch(/GRANT to the head of its queue, P3; the queue is now \[P4\]/);
      expect(say(5)?.text).toMatch(/^P3 crashed at 2\.000 s while inside the critical section/);
      expect(say(6)?.text).toMatch(/took the grant back and granted the head of its queue, P4/);
      expect(say(6)?.formula).toMatch(/^lease = 2000\.0 ms > stay 600 ms/);
      expect(say(7)?.text).toMatch(/^6 entries, in order, with the messages each cost: P2: 3, P3: 2, P4: 3, P5: 3, P2: 3, P3: 3\./);
      expect(say(7)?.formula).toBe('theory: 3 × 6 entries = 18; this run: 6 REQUEST + 6 GRANT + 5 RELEASE = 17');
    }
  });

  it('crashing the coordinator while P2 asks, then recovering it, is recognised step by step', () => {
    const since = run(1, [], 8000).events.length;
    expect(challengeResults(lesson, run(1, [], 20_000), since)).toEqual([null, null]);
    const crashed = run(1, [{ at: 8000, type: 'crash', node: 1 }], 9000);
    expect(challengeResults(lesson, crashed, since)[0]?.text).toMatch(/P1 is down\. Now make a process ask/);
    const asked = run(
      1,
      [
        { at: 8000, type: 'crash', node: 1 },
        { at: 8200, type: 'request', node: 2 },
      ],
      9000,
    );
    expect(challengeResults(lesson, asked, since)[0]?.text).toMatch(/Now recover P1/);
    const done = run(
      1,
      [
        { at: 8000, type: 'crash', node: 1 },
        { at: 8200, type: 'request', node: 2 },
        { at: 8600, type: 'recover', node: 1 },
      ],
      20_000,
    );
    const [down] = challengeResults(lesson, done, since);
    expect(down?.done).toBe(true);
    expect(down?.text).toMatch(/^P2 sent REQUEST \d+ times and entered at \d+\.\d{3} s, \d+\.\d ms after P1 came back: correct/);
  });

  it('the coordinator’s own entry costs no messages', () => {
    const since = run(1, [], 8000).events.length;
    const own = run(1, [{ at: 8000, type: 'request', node: 1 }], 10_000);
    expect(challengeResults(lesson, own, since)[1]).toEqual({
      done: true,
      text: expect.stringMatching(/^P1 entered at 8\.000 s with 0 messages: it grants itself\. Correct\.$/) as unknown as string,
    });
  });
});
