// The open lesson (ARCHITECTURE.md §6): which one, the step the user asked for, the cue of every
// step reached so far (trace indices found by the lesson's predicates), and the answers
// given. Moving on plays the live run until the next step's cue, where the runner pauses
// itself (LiveRunner.pauseAt), so a lesson stops at the same event at any speed. Moving
// back shows an earlier step's moment by time travel. Everything else is derived by the
// panel from the trace: narration, verdicts, challenges.

import type { StateCreator } from 'zustand/vanilla';
import { cueMatcher, type Lesson, lessonFor, locateCues, type NodeId, type RunContext } from '../core/index.ts';
import type { Speed } from '../hosts/live.ts';
import { findPreset } from '../scenarios/index.ts';
import type { LabState } from './slices.ts';

export interface LessonProgress {
  /** The lesson's preset id (`?lesson=`). */
  readonly id: string;
  /** The step shown or being played towards, 0-based. */
  readonly step: number;
  /** Trace index of each step's cue found so far (step 0, the start, is -1). */
  readonly cues: readonly number[];
  /** Choice ids by prediction id; the first click counts. */
  readonly answers: Readonly<Record<string, string>>;
  /** The speed to go back to once a jump (`?step=n`, played as fast as possible) arrives. */
  readonly resumeSpeed: Speed | null;
  /** The run the cues were found in; a reset or a fork in the past starts another. */
  readonly runId: number;
}

export interface LessonSlice {
  lesson: LessonProgress | null;
  /** The lesson picker is showing. */
  pickerOpen: boolean;
  setPickerOpen(open: boolean): void;
  /** Opens a lesson on its preset (a fresh run with `seed`), at step `step` (0-based; later steps play there at once). */
  openLesson(id: string, seed: number, step?: number): void;
  closeLesson(): void;
  lessonNext(): void;
  lessonPrev(): void;
  /** Restarts the open lesson from its first step on a fresh run. */
  restartLesson(): void;
  lessonAnswer(prediction: string, choice: string): void;
  /** Finds cues the run has reached since (the panel calls it as frames arrive). */
  trackLesson(): void;
}

/** The lesson and the run as the lesson's functions read them, or null when none is open. */
export function lessonRun(s: LabState): { def: Lesson; run: RunContext; progress: LessonProgress } | null {
  const progress = s.lesson;
  const def = progress ? lessonFor(progress.id) : undefined;
  if (!progress || !def || !s.runner || !s.scenario || s.scenario.id !== def.preset) return null;
  const names = new Map(s.scenario.nodes.map((n) => [n.id, n.name]));
  const run: RunContext = { events: s.runner.trace(), scenario: s.scenario, nameOf: (id: NodeId) => names.get(id) ?? `P${id}` };
  return { def, run, progress };
}

const sameCues = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export const createLessonSlice: StateCreator<LabState, [], [], LessonSlice> = (set, get) => {
  /** Plays the run until step `target`'s cue (the runner pauses there). */
  const playTo = (target: number): void => {
    const open = lessonRun(get());
    if (!open) return;
    const { def, run, progress } = open;
    get().runner?.pauseAt?.(cueMatcher(def, { scenario: run.scenario, nameOf: run.nameOf }, progress.cues, target));
    get().play();
  };

  /** Shows the moment step `step`'s cue left the run at: the present for the latest, else time travel. */
  const showStep = (step: number): void => {
    const s = get();
    const progress = s.lesson;
    if (!progress) return;
    const latest = progress.cues.length - 1;
    if (step >= latest) {
      if (s.cursor) s.goLive();
      return;
    }
    const at = progress.cues[step] ?? -1;
    if (at < 0) s.seek(0);
    else s.seekIndex(at + 1);
  };

  return {
    lesson: null,
    pickerOpen: false,
    setPickerOpen(open) {
      set({ pickerOpen: open });
    },
    openLesson(id, seed, step = 0) {
      const def = lessonFor(id);
      const scenario = findPreset(id);
      if (!def || !scenario) return;
      const target = Math.max(0, Math.min(step, def.steps.length - 1));
      get().load(scenario, seed, false);
      set({ lesson: { id, step: target, cues: [-1], answers: {}, resumeSpeed: null, runId: get().runId }, pickerOpen: false });
      get().trackLesson();
      const found = get().lesson?.cues.length ?? 0;
      if (target === 0) {
        // Show the system as it starts (roles, leaders): play through the boot at t = 0 only.
        const last = Math.max(...scenario.nodes.map((n) => n.id));
        get().runner?.pauseAt?.((events, i) => {
          const e = events[i];
          return e !== undefined && (e.t > 0 || (e.type === 'role' && e.node === last));
        });
        get().play();
      } else if (found <= target) {
        // A jump to a later step: play there as fast as the host allows, then back to this speed.
        set((s) => ({ lesson: s.lesson && { ...s.lesson, resumeSpeed: s.speed } }));
        get().setSpeed('max');
        playTo(target);
      }
    },
    closeLesson() {
      get().runner?.pauseAt?.(null);
      const resume = get().lesson?.resumeSpeed;
      if (resume) get().setSpeed(resume);
      set({ lesson: null });
    },
    restartLesson() {
      const progress = get().lesson;
      if (progress) get().openLesson(progress.id, get().seed, 0);
    },
    lessonNext() {
      const open = lessonRun(get());
      if (!open) return;
      const { def, run, progress } = open;
      const next = progress.step + 1;
      if (next >= def.steps.length) return;
      const cues = locateCues(def, run, progress.cues, next);
      set({ lesson: { ...progress, step: next, cues } });
      if (cues.length > next) showStep(next);
      else playTo(next);
    },
    lessonPrev() {
      const progress = get().lesson;
      if (!progress || progress.step === 0) return;
      get().runner?.pauseAt?.(null);
      const step = Math.min(progress.step, progress.cues.length) - 1;
      set({ lesson: { ...progress, step } });
      if (get().playing) get().pause();
      showStep(step);
    },
    lessonAnswer(prediction, choice) {
      const progress = get().lesson;
      if (!progress || prediction in progress.answers) return;
      set({ lesson: { ...progress, answers: { ...progress.answers, [prediction]: choice } } });
    },
    trackLesson() {
      const open = lessonRun(get());
      if (!open) return;
      const { def, run } = open;
      let progress = open.progress;
      if (progress.runId !== get().runId) {
        // A new run of the same preset: a reset keeps nothing, a fork in the past keeps the cues before it (its past is the same).
        const kept = progress.cues.filter((i) => i < run.events.length);
        const cues = kept.length > 0 ? kept : [-1];
        progress = { ...progress, cues, step: Math.min(progress.step, cues.length - 1), runId: get().runId };
        set({ lesson: progress });
      }
      const cues = locateCues(def, run, progress.cues, progress.step);
      if (sameCues(cues, progress.cues)) return;
      const arrived = cues.length > progress.step;
      const resume = arrived ? progress.resumeSpeed : null;
      set({ lesson: { ...progress, cues, resumeSpeed: arrived ? null : progress.resumeSpeed } });
      if (resume) get().setSpeed(resume);
    },
  };
};
