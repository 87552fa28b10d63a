import { describe, expect, it } from 'vitest';
import { lessonRun } from '../../hosts/testing/lesson-run.ts';
import { findPreset } from '../../scenarios/index.ts';
import type { UserAction } from '../scenario.ts';
import { challengeResults, cueMatcher, locateCues, stepContext, verdictFor } from './engine.ts';
import { allLessons, lessonFor } from './index.ts';
import type { Lesson, RunContext } from './types.ts';

const SEEDS = [1, 2, 3, 7, 42];

function run(lesson: Lesson, seed: number, actions: readonly UserAction[] = [], until?: number): RunContext {
  const scenario = findPreset(lesson.preset);
  if (!scenario) throw new Error(`no preset ${lesson.preset}`);
  return lessonRun(scenario, seed, actions, until);
}

function outcomes(lesson: Lesson, ctx: RunContext): Record<string, string> {
  const cues = locateCues(lesson, ctx);
  const out: Record<string, string> = {};
  lesson.steps.forEach((step, i) => {
    if (!step.predict) return;
    const o = step.predict.outcome(stepContext(ctx, cues, i));
    if (o) out[step.predict.id] = o.choice;
  });
  return out;
}

describe('every lesson, on several seeds', () => {
  it('there is one lesson per lab question, Q1 to Q6, first; lessons beyond the lab follow', () => {
    const lab = allLessons.filter((l) => /^Q\d+$/.test(l.question));
    expect(allLessons.slice(0, lab.length)).toEqual(lab);
    expect(lab.map((l) => l.question)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
    expect(lab.map((l) => l.preset)).toEqual([
      'cristian-basic',
      'berkeley-basic',
      'berkeley-canteen',
      'cristian-manipal-buddy',
      'bully-10',
      'ring-8',
    ]);
    for (const l of allLessons) {
      expect(l.steps.length).toBeGreaterThanOrEqual(6);
      expect(l.steps.filter((s) => s.predict).length).toBeGreaterThanOrEqual(2);
      expect(l.challenges.length).toBeGreaterThanOrEqual(1);
      expect(lessonFor(l.preset)).toBe(l);
    }
  });

  for (const lesson of allLessons) {
    it.each(SEEDS)(`${lesson.preset}: every cue is found in order and every step narrates the run's numbers (seed %i)`, (seed) => {
      const ctx = run(lesson, seed);
      const cues = locateCues(lesson, ctx);
      expect(cues).toHaveLength(lesson.steps.length);
      for (let i = 1; i < cues.length; i++) expect(cues[i]).toBeGreaterThanOrEqual(cues[i - 1] as number);
      lesson.steps.forEach((step, i) => {
        const n = step.narrate(stepContext(ctx, cues, i));
        expect(n.text.length).toBeGreaterThan(20);
        expect(`${n.text} ${n.formula ?? ''} ${n.watch}`).not.toMatch(/NaN|undefined|Infinity|\[object/);
        if (step.predict) {
          const sc = stepContext(ctx, cues, i);
          const choices = step.predict.choices(sc);
          expect(choices.length).toBeGreaterThanOrEqual(2);
          const o = step.predict.outcome(sc);
          expect(o, `${step.predict.id} has an outcome`).not.toBeNull();
          expect(choices.map((c) => c.id)).toContain(o?.choice);
          expect(o?.why).not.toMatch(/NaN|undefined/);
        }
      });
      // The live runner's matcher pauses at the same events.
      for (let target = 1; target < lesson.steps.length; target++) {
        const match = cueMatcher(lesson, ctx, [-1], target);
        let hit = -1;
        for (let i = 0; i < ctx.events.length && hit < 0; i++) if (match(ctx.events, i)) hit = i;
        expect(hit, `step ${target + 1}`).toBe(cues[target]);
      }
      expect(lesson.lab.ours(ctx).length).toBeGreaterThan(10);
    });
  }
});

describe('answers are read from the run, not constants', () => {
  it('bully-10: P9 wins after 10 OKs; a wrong answer is told why', () => {
    const lesson = lessonFor('bully-10') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))).toEqual({ winner: '9', oks: '10' });
    const ctx = run(lesson, 1);
    const cues = locateCues(lesson, ctx);
    const step = lesson.steps[0]?.predict;
    const o = step?.outcome(stepContext(ctx, cues, 0)) ?? null;
    expect(verdictFor(o, '9', (id) => `P${id}`)?.right).toBe(true);
    const wrong = verdictFor(o, '10', (id) => `P${id}`);
    expect(wrong?.right).toBe(false);
    expect(wrong?.text).toMatch(/P10 .*crashed/);
  });

  it('bully-10 with P9 also crashed before the notice: the answers change with the run', () => {
    const lesson = lessonFor('bully-10') as Lesson;
    const ctx = run(lesson, 1, [{ at: 1200, type: 'crash', node: 9 }]);
    expect(outcomes(lesson, ctx)).toEqual({ winner: '8', oks: '6' });
  });
});

describe('challenges are recognised from the trace', () => {
  it('bully-10: crash the new coordinator P9 and tell P2: P8 won, correct', () => {
    const lesson = lessonFor('bully-10') as Lesson;
    const before = run(lesson, 1);
    const since = before.events.length;
    expect(challengeResults(lesson, before, since)[0]).toBeNull();
    const ctx = run(
      lesson,
      1,
      [
        { at: 5000, type: 'crash', node: 9 },
        { at: 5200, type: 'notice', node: 2 },
      ],
      9000,
    );
    const [first] = challengeResults(lesson, ctx, since);
    expect(first).toEqual({ done: true, text: 'P8 won: correct, the highest process alive.' });
  });

  it('bully-10: recover P10 and it takes over', () => {
    const lesson = lessonFor('bully-10') as Lesson;
    const since = run(lesson, 1).events.length;
    const ctx = run(lesson, 1, [{ at: 5000, type: 'recover', node: 10 }], 9000);
    expect(challengeResults(lesson, ctx, since)[1]?.done).toBe(true);
  });
});

describe('ring-8', () => {
  it('the list comes back as [5, 6, 7, 1, 2, 3, 4] and the sender skips the dead P8, on every seed', () => {
    const lesson = lessonFor('ring-8') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))).toEqual({ list: '[5, 6, 7, 1, 2, 3, 4]', skip: 'skip' });
  });

  it('crash P7 and have P3 notice: P6 won, correct', () => {
    const lesson = lessonFor('ring-8') as Lesson;
    const since = run(lesson, 1).events.length;
    const ctx = run(
      lesson,
      1,
      [
        { at: 5000, type: 'crash', node: 7 },
        { at: 5200, type: 'notice', node: 3 },
      ],
      12_000,
    );
    expect(challengeResults(lesson, ctx, since)[0]).toEqual({ done: true, text: 'P6 won: correct, the highest process alive.' });
  });

  it('two processes notice at once: both lists name the same winner', () => {
    const lesson = lessonFor('ring-8') as Lesson;
    const since = run(lesson, 1).events.length;
    const ctx = run(
      lesson,
      1,
      [
        { at: 5000, type: 'crash', node: 7 },
        { at: 5200, type: 'notice', node: 3 },
        { at: 5201, type: 'notice', node: 1 },
      ],
      12_000,
    );
    expect(challengeResults(lesson, ctx, since)[1]?.done).toBe(true);
  });
});

describe('clock lessons', () => {
  it('cristian-basic: the client sets Ts + RTT/2, and the next correction is smaller, on every seed', () => {
    const lesson = lessonFor('cristian-basic') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))).toEqual({ 'set-to': 'half', 'next-correction': 'smaller' });
  });

  it('cristian-basic: the narration carries the run’s own Ts + RTT/2', () => {
    const lesson = lessonFor('cristian-basic') as Lesson;
    const ctx = run(lesson, 1);
    const cues = locateCues(lesson, ctx);
    const n = lesson.steps[3]?.narrate(stepContext(ctx, cues, 3));
    expect(n?.formula).toBe('Ts + RTT/2 = 1.031 + 0.066 = 1.097 s');
  });

  it('cristian-basic: crashing the server and slowing the client are recognised', () => {
    const lesson = lessonFor('cristian-basic') as Lesson;
    const since = run(lesson, 1, [], 12_000).events.length;
    const crashed = run(lesson, 1, [{ at: 12_000, type: 'crash', node: 1 }], 20_000);
    expect(challengeResults(lesson, crashed, since)[0]).toEqual({
      done: true,
      text: 'Client got no reply and left its clock alone: correct.',
    });
    const slow = run(lesson, 1, [{ at: 12_000, type: 'drift', node: 2, ppm: -50_000 }], 25_000);
    expect(challengeResults(lesson, slow, since)[1]?.done).toBe(true);
  });

  it('cristian-manipal-buddy: MOBILE’s bound is wider and each device keeps its smallest RTT, on every seed', () => {
    const lesson = lessonFor('cristian-manipal-buddy') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))).toEqual({ wider: '2', kept: 'smallest' });
  });

  it('cristian-manipal-buddy: cutting MOBILE’s link is recognised (a link cut or a partition)', () => {
    const lesson = lessonFor('cristian-manipal-buddy') as Lesson;
    const since = run(lesson, 1, [], 9000).events.length;
    const cut = run(
      lesson,
      1,
      [
        { at: 9000, type: 'link', from: 1, to: 2, patch: { up: false } },
        { at: 9000, type: 'link', from: 2, to: 1, patch: { up: false } },
      ],
      20_000,
    );
    expect(challengeResults(lesson, cut, since)[0]).toEqual({
      done: true,
      text: 'MOBILE got no reply and left its clock alone, while LAPTOP kept syncing: correct.',
    });
    const part = run(lesson, 1, [{ at: 9000, type: 'partition', groups: [[2], [1, 3]] }], 20_000);
    expect(challengeResults(lesson, part, since)[0]?.done).toBe(true);
    const laptopCut = run(lesson, 1, [{ at: 9000, type: 'link', from: 1, to: 3, patch: { up: false } }], 20_000);
    expect(challengeResults(lesson, laptopCut, since)[0]).toBeNull();
  });

  it('berkeley-basic: relative adjustments, and the clocks closer at the next cycle', () => {
    const lesson = lessonFor('berkeley-basic') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))['what-is-sent']).toBe('relative');
    expect(outcomes(lesson, run(lesson, 1))['spread']).toBe('closer');
  });

  it('berkeley-canteen: SOLS is left out first', () => {
    const lesson = lessonFor('berkeley-canteen') as Lesson;
    for (const seed of SEEDS) expect(outcomes(lesson, run(lesson, seed))['left-out']).toBe('5');
  });

  it('berkeley-canteen: MIT at +50,000 ppm is pulled back', () => {
    const lesson = lessonFor('berkeley-canteen') as Lesson;
    const since = run(lesson, 1, [], 16_000).events.length;
    const fast = run(lesson, 1, [{ at: 16_000, type: 'drift', node: 3, ppm: 50_000 }], 40_000);
    const [mit] = challengeResults(lesson, fast, since);
    expect(mit?.done).toBe(true);
    expect(mit?.text).toMatch(/^Cycle \d+: MIT read \+\d+\.\d ms.* was sent −\d+\.\d ms/);
  });
});
