// The token-ring lesson on the real run: its predictions are answered by the run (the
// requests enter in the token's order round the ring, P2 waits 2 hops, the lost token is
// made again) on every seed tried; an earlier request by P1 changes the hops; the narration
// carries the run's own hops, detection time, claim and bill; both challenges are recognised.

import { describe, expect, it } from 'vitest';
import { lessonRun, predictedAnswers } from '../../../hosts/testing/lesson-run.ts';
import { challengeResults, locateCues, stepContext } from '../../lesson/engine.ts';
import type { RunContext } from '../../lesson/types.ts';
import type { UserAction } from '../../scenario.ts';
import { tokenRingLesson as lesson } from './lesson.ts';
import { tokenRingPreset as preset } from './presets.ts';

const SEEDS = [1, 2, 3, 7, 42];

const run = (seed: number, actions: readonly UserAction[] = [], until?: number): RunContext => lessonRun(preset, seed, actions, until);

describe('the token-ring lesson', () => {
  it('has 8 steps, three predictions and two challenges', () => {
    expect(lesson.steps).toHaveLength(8);
    expect(lesson.steps.filter((s) => s.predict)).toHaveLength(3);
    expect(lesson.challenges).toHaveLength(2);
  });

  it('the token’s order, 2 hops for P2, and a new generation after the crash, on every seed', () => {
    for (const seed of SEEDS) expect(predictedAnswers(lesson, run(seed))).toEqual({ order: 'ring', hops: '2', lost: 'regenerate' });
  });

  it('P1 asking first, just after the token passed it, waits 1 hop: the answer follows the run', () => {
    const ctx = run(1, [{ at: 950, type: 'request', node: 1 }]);
    const cues = locateCues(lesson, ctx);
    const hops = lesson.steps[2]?.predict?.outcome(stepContext(ctx, cues, 2));
    expect(hops?.choice).toBe('1');
    expect(hops?.why).toMatch(/^The token was at P5 when P1 asked; it went P5 → P1: 1 hop/);
  });

  it('every step’s claims hold on the run: hops, the token at the crash, detection, claim and bill', () => {
    for (const seed of SEEDS) {
      const ctx = run(seed);
      const cues = locateCues(lesson, ctx);
      const say = (i: number) => lesson.steps[i]?.narrate(stepContext(ctx, cues, i));
      expect(say(1)?.text).toMatch(/^Nobody wants the critical section yet, so at 0\.200 s P1 passes the token to P2/);
      expect(say(2)?.text).toMatch(
        /^P2 wants in at 1\.000 s\. It sends nothing: it waits for the token, now (held by|on its way to) P5\.$/,
      );
      expect(say(3)?.text).toMatch(/^P2 → P3 → P4 entered, each when the token reached it, after 2, 3, 4 hops\./);
      expect(say(4)?.text).toMatch(/^P3 crashed at 4\.000 s\. It held the token: the token is gone with it\./);
      expect(say(5)?.text).toMatch(
        /^P4 last held the token at \d\.\d{3} s; \d\.\d{3} s later it takes it for lost and claims generation 2\./,
      );
      expect(say(5)?.formula).toMatch(/^lost after n × hop \+ 2 × ACK wait = 5 × 911 \+ 2 × 150 = 4855 ms/);
      expect(say(6)?.text).toMatch(/^The claim skipped P3 \(no ACK\) and came back to P4 backed by 4 of 5: a majority/);
      expect(say(6)?.text).toMatch(/it made generation 2, going round P1, P2, P4 and P5\.$/);
      expect(say(7)?.text).toMatch(
        /^Entries so far and the hops each waited: P2: 2, P3: 3, P4: 4, P5: \d, P1: \d\. \d+ TOKEN messages for 5 entries/,
      );
      expect(say(7)?.formula).toMatch(/^theory: 0 to n = 0 to 5 hops per entry; this run: \d to \d$/);
    }
  });

  it('crashing the holder makes a new generation; a request waits 0 to n hops', () => {
    const since = run(1, [], 12_000).events.length;
    expect(challengeResults(lesson, run(1, [], 27_000), since)).toEqual([null, null]);
    // At 12.000 s on seed 1 the token is at P4 (it holds it from 11.873 s to 12.073 s).
    const crashed = run(1, [{ at: 12_000, type: 'crash', node: 4 }], 14_000);
    expect(challengeResults(lesson, crashed, since)[0]).toEqual({
      done: false,
      text: 'P4 is down and the token with it; waiting for a process to miss it for a full circulation…',
    });
    const made = run(1, [{ at: 12_000, type: 'crash', node: 4 }], 30_000);
    const [result] = challengeResults(lesson, made, since);
    expect(result?.done).toBe(true);
    expect(result?.text).toMatch(/^P\d made generation 3 \d+\.\d{3} s after P4 crashed, going round .*: correct\.$/);
    const asked = run(1, [{ at: 12_000, type: 'request', node: 2 }], 15_000);
    expect(challengeResults(lesson, asked, since)[1]?.done).toBe(true);
    expect(challengeResults(lesson, asked, since)[1]?.text).toMatch(/^P2 waited [0-5] hops? \(.*\), between 0 and n = 5: correct\.$/);
  });
});
