// The lab page's one store, in slices: the session (which runner, scenario and seed), the
// playback (playing, speed, true time, finished), the trace-derived view of the nodes and
// messages, and the UI selection. Runner frames arrive at most once per animation frame
// and each becomes exactly one `set`, so the views re-render at most once per frame.

import type { StateCreator } from 'zustand/vanilla';
import type { Scenario } from '../core/scenario.ts';
import type { NodeId, TrueTime } from '../core/time.ts';
import type { LiveFrame, LiveRunner, Speed, UserCommand } from '../hosts/live.ts';
import { applyEvents, initialTraceView, type TraceView } from './trace-view.ts';

/** Makes the runner for a scenario and seed: the worker-backed live runner on the page, a fake in unit tests. */
export type RunnerFactory = (scenario: Scenario, seed: number) => LiveRunner;

export interface SessionSlice {
  runner: LiveRunner | null;
  /** Counts loads, so views can start fresh for each run. */
  runId: number;
  scenario: Scenario | null;
  seed: number;
  /** Starts a fresh run (disposing the previous one). `autoplay` starts it playing at the current speed. */
  load(scenario: Scenario, seed: number, autoplay?: boolean): void;
  /** Starts the same scenario and seed again from time 0, paused. */
  reset(): void;
  act(command: UserCommand): void;
  dispose(): void;
}

export interface PlaybackSlice {
  playing: boolean;
  speed: Speed;
  now: number;
  finished: boolean;
  /** Runner frames received since the run was loaded. */
  frame: number;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): Promise<void>;
  setSpeed(speed: Speed): void;
}

export interface TraceSlice {
  view: TraceView | null;
}

export interface LogFilter {
  node: NodeId | null;
  kind: string | null;
}

export interface SelectionSlice {
  selected: NodeId | null;
  helpOpen: boolean;
  logFilter: LogFilter;
  select(node: NodeId | null): void;
  setHelpOpen(open: boolean): void;
  setLogFilter(filter: Partial<LogFilter>): void;
}

export type LabState = SessionSlice & PlaybackSlice & TraceSlice & SelectionSlice;
type Slice<T> = StateCreator<LabState, [], [], T>;

export const createSessionSlice =
  (createRunner: RunnerFactory): Slice<SessionSlice & TraceSlice> =>
  (set, get) => {
    let unsubscribe: (() => void) | null = null;
    /** Highest trace seq folded in: a frame that repeats events (or the early catch-up) cannot count them twice. */
    let lastSeq = -1;

    const onFrame = (frame: LiveFrame): void => {
      const last = frame.events[frame.events.length - 1];
      const events = last === undefined || last.seq <= lastSeq ? [] : frame.events.filter((e) => e.seq > lastSeq);
      if (last !== undefined) lastSeq = Math.max(lastSeq, last.seq);
      set((s) => {
        if (!s.view) return s;
        const count = s.frame + 1;
        return {
          view: applyEvents(s.view, events, frame.now, count),
          now: frame.now,
          playing: frame.playing,
          finished: frame.finished,
          frame: count,
        };
      });
    };

    const stop = (): void => {
      unsubscribe?.();
      unsubscribe = null;
      get().runner?.dispose();
    };

    return {
      runner: null,
      runId: 0,
      scenario: null,
      seed: 1,
      view: null,
      load(scenario, seed, autoplay = false) {
        stop();
        const runner = createRunner(scenario, seed);
        lastSeq = -1;
        const { speed, selected } = get();
        const keepSelection = selected !== null && scenario.nodes.some((n) => n.id === selected);
        set({
          runner,
          runId: get().runId + 1,
          scenario,
          seed,
          view: initialTraceView(scenario),
          now: 0,
          playing: false,
          finished: false,
          frame: 0,
          selected: keepSelection ? selected : null,
        });
        unsubscribe = runner.subscribe(onFrame);
        // Events the runner produced before we subscribed (the t=0 node records) are in its trace.
        const early = runner.trace();
        if (early.length > 0) onFrame({ now: 0 as TrueTime, events: early, playing: false, finished: false });
        runner.setSpeed(speed);
        if (autoplay) runner.play();
      },
      reset() {
        const { scenario, seed } = get();
        if (scenario) get().load(scenario, seed, false);
      },
      act(command) {
        get().runner?.act(command);
      },
      dispose() {
        stop();
        set({ runner: null });
      },
    };
  };

export const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => ({
  playing: false,
  speed: 1,
  now: 0,
  finished: false,
  frame: 0,
  play() {
    get().runner?.play();
    set({ playing: true });
  },
  pause() {
    get().runner?.pause();
    set({ playing: false });
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  async step() {
    const runner = get().runner;
    if (!runner) return;
    set({ playing: false });
    await runner.step();
  },
  setSpeed(speed) {
    get().runner?.setSpeed(speed);
    set({ speed });
  },
});

export const createSelectionSlice: Slice<SelectionSlice> = (set) => ({
  selected: null,
  helpOpen: false,
  logFilter: { node: null, kind: null },
  select(node) {
    set({ selected: node });
  },
  setHelpOpen(open) {
    set({ helpOpen: open });
  },
  setLogFilter(filter) {
    set((s) => ({ logFilter: { ...s.logFilter, ...filter } }));
  },
});
