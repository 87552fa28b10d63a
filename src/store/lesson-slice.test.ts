// The lesson slice on a real live runner (inline host, a fake frame clock): Next plays to the
// next step's cue and the run pauses there, Back time-travels to an earlier step's moment,
// answers lock on the first click, and a jump (`?step=n`) plays there and restores the speed.

import { describe, expect, it } from 'vitest';
import { lessonFor, type TraceEvent } from '../core/index.ts';
import { createLiveRunner } from '../hosts/live-runner.ts';
import { createLabStore, type LabStore } from './lab-store.ts';

function fakePage() {
  let wall = 0;
  return {
    requestFrame: (cb: () => void) =>
      setTimeout(() => {
        wall += 16;
        cb();
      }, 0),
    wallClock: () => wall,
  };
}

function lab(): LabStore {
  const store = createLabStore((scenario, seed, fork) =>
    createLiveRunner({ scenario, seed, host: 'inline', ...fakePage(), ...(fork ? { actions: fork.actions, startAt: fork.startAt } : {}) }),
  );
  // What the lesson panel does as frames arrive.
  store.subscribe((s, prev) => {
    if (s.frame !== prev.frame) s.trackLesson();
  });
  return store;
}

/** Resolves once the lesson shows `step` (0-based) and the run has paused there. */
function arrived(store: LabStore, step: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`step ${step + 1} never came`)), 5000);
    const check = (): boolean => {
      const s = store.getState();
      const ok = s.lesson !== null && s.lesson.cues.length > step && s.lesson.step === step && !s.playing;
      if (ok) {
        clearTimeout(timer);
        resolve();
      }
      return ok;
    };
    if (check()) return;
    const off = store.subscribe(() => {
      if (check()) off();
    });
  });
}

describe('lesson slice', () => {
  it('bully-10: Next pauses the run at each cue; Back shows an earlier step by time travel; Next returns to the present', async () => {
    const store = lab();
    store.getState().openLesson('bully-10', 1);
    expect(store.getState().lesson).toMatchObject({ id: 'bully-10', step: 0 });
    store.getState().lessonNext();
    await arrived(store, 1);
    const trace = (): readonly TraceEvent[] => store.getState().runner?.trace() ?? [];
    const crashAt = store.getState().lesson?.cues[1] as number;
    expect(trace()[crashAt]).toMatchObject({ type: 'crash', node: 10 });
    expect(store.getState().now).toBe(1000);
    store.getState().lessonNext();
    await arrived(store, 2);
    const startAt = store.getState().lesson?.cues[2] as number;
    expect(trace()[startAt]).toMatchObject({ type: 'note', topic: 'election-start', node: 5 });
    // Nothing has been delivered after the cue: the run stopped there.
    expect(
      trace()
        .slice(startAt)
        .every((e) => e.t === 1500),
    ).toBe(true);

    store.getState().lessonAnswer('oks', '10');
    store.getState().lessonAnswer('oks', '4');
    expect(store.getState().lesson?.answers).toEqual({ oks: '10' });

    store.getState().lessonPrev();
    expect(store.getState().lesson?.step).toBe(1);
    expect(store.getState().cursor).toEqual({ index: crashAt + 1, t: 1000 });
    store.getState().lessonNext();
    expect(store.getState().lesson?.step).toBe(2);
    expect(store.getState().cursor).toBeNull();

    const def = lessonFor('bully-10');
    expect(def?.steps.length).toBe(8);
    store.getState().closeLesson();
    expect(store.getState().lesson).toBeNull();
  });

  it('a jump to step 6 plays there as fast as possible and then restores the speed', async () => {
    const store = lab();
    store.getState().setSpeed(0.5);
    store.getState().openLesson('ring-8', 1, 5);
    expect(store.getState().speed).toBe('max');
    await arrived(store, 5);
    const at = store.getState().lesson?.cues[5] as number;
    expect(store.getState().runner?.trace()[at]).toMatchObject({ type: 'note', topic: 'ring-complete', node: 5 });
    expect(store.getState().speed).toBe(0.5);
  });

  it('Restart starts the lesson over; a reset of the run takes the lesson back to its first step', async () => {
    const store = lab();
    store.getState().openLesson('cristian-basic', 1);
    store.getState().lessonAnswer('set-to', 'half');
    store.getState().lessonNext();
    await arrived(store, 1);
    store.getState().reset();
    store.getState().trackLesson();
    expect(store.getState().lesson).toMatchObject({ id: 'cristian-basic', step: 0, cues: [-1] });
    store.getState().restartLesson();
    expect(store.getState().lesson).toMatchObject({ id: 'cristian-basic', step: 0, answers: {} });
  });
});
