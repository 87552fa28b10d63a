// The lab page's one store, in slices: the session (which runner, scenario and seed), the
// playback (playing, speed, true time, finished), the trace-derived view of the nodes and
// messages, time travel, and the UI selection. Runner frames arrive at most once per
// animation frame and each becomes exactly one `set`, so the views re-render at most once
// per frame.
//
// Time travel: `cursor` is null while the page shows the present. Scrubbed to an earlier
// moment, `view` and `now` are that moment's (derived from the trace prefix by the
// timeline's checkpoints), the runner is paused, and its frames still fold into the live
// view, kept aside. Playing returns to the present. Acting in the past forks the run: a new
// runner replays the user actions before the cursor plus the new one, from the cursor on.
// An imported trace is replayed read-only: its end is the present and nothing can act.

import type { StateCreator } from 'zustand/vanilla';
import { namer, type NodeId, onMicrosecond, type Scenario, type TraceEvent, type TrueTime, type UserAction } from '../core/index.ts';
import { type ForkFrom, type LiveFrame, type LiveRunner, type Speed, type UserCommand } from '../hosts/live.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { describeMessageStep } from './message-step.ts';
import { createReplayRunner } from './replay-runner.ts';
import { type Cursor, indexAt, TraceTimeline, type TraceWindow } from './timeline.ts';
import type { LessonSlice } from './lesson-slice.ts';
import type { TraceView } from './trace-view.ts';
import { RunIndex } from './run-index.ts';

/**
 * Makes the runner for a scenario and seed: the worker-backed live runner on the page, a fake
 * in unit tests. With `fork`, the run starts at `fork.startAt` with `fork.actions` replayed.
 */
export type RunnerFactory = (scenario: Scenario, seed: number, fork?: ForkFrom) => LiveRunner;

export interface SessionSlice {
  runner: LiveRunner | null;
  /** Counts loads, so views can start fresh for each run. */
  runId: number;
  scenario: Scenario | null;
  seed: number;
  /** The user actions the run was opened with (a shared URL's): Reset replays them. */
  prepared: readonly UserAction[];
  /**
   * Starts a fresh run (disposing the previous one). `autoplay` starts it playing at the
   * current speed; `actions` are user actions at their own times (a prepared run).
   */
  load(scenario: Scenario, seed: number, autoplay?: boolean, actions?: readonly UserAction[]): void;
  /** Starts the same scenario and seed again from time 0, paused, with the actions it was opened with. */
  reset(): void;
  act(command: UserCommand): void;
  /**
   * Switches heartbeat failure detection (elections only) and starts the run again from 0
   * with the same user actions, playing.
   */
  setHeartbeats(on: boolean): void;
  /**
   * The teaching step: shows exactly one more message event (a send, a delivery or a drop),
   * running the simulation as far as needed, and says what it was in `stepNote`.
   */
  stepMessage(): Promise<void>;
  /** What the last message step showed, in words; null once the run moves on by itself. */
  stepNote: string | null;
  /**
   * Commands sent to the live runner whose action has not yet come back in a frame. What a
   * node will be once they land is what the next key press must act on (selectIntendedStatus).
   */
  pendingActs: readonly UserCommand[];
  dispose(): void;
}

export interface PlaybackSlice {
  playing: boolean;
  speed: Speed;
  now: number;
  /**
   * True time as the page's numbers show it (clock readings, the time readout and slider, the
   * chart): `now`, except that while playing it moves on only every READOUT_FRAMES frames, so
   * text a reader cannot follow at 60 Hz is not re-laid out at 60 Hz (however busy the run).
   * What moves (clock hands, messages, the diagram) follows `now`.
   */
  readout: number;
  finished: boolean;
  /** Runner frames received since the run was loaded. */
  frame: number;
  /** Why the run stopped, if the runner itself failed; null while it is fine. */
  failure: string | null;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): Promise<void>;
  setSpeed(speed: Speed): void;
}

export interface TraceSlice {
  view: TraceView | null;
  /** The run's derived indexes (metrics, clock chart, diagram), fed each event once; null before the first load. */
  index: RunIndex | null;
  /** Events folded into the view and the index so far: memoised selectors over the index key on it. */
  traceVersion: number;
  /**
   * What the page keeps of a long run (hosts/retained-trace.ts): the most recent `keep` events
   * in full; once the run outgrows them, the past can be shown from event `start`, at true time
   * `fromT`, on. null while the runner keeps everything.
   */
  retention: { keep: number; start: number; fromT: number } | null;
}

export interface TravelSlice {
  /** null while the page shows the present; else the moment shown. */
  cursor: Cursor | null;
  /** True time the run has reached (what `now` is while not scrubbed). */
  liveNow: number;
  /** An imported trace: it can be scrubbed and inspected, not changed. */
  readOnly: boolean;
  /** Why the last time-travel request did nothing, for the page to say. */
  travelNotice: string | null;
  /**
   * While a large imported trace is still being folded into the view (across tasks, so the
   * page never freezes), the share of its events folded, 0 to 1; null otherwise. Time travel
   * waits until it is done.
   */
  opening: number | null;
  /** Shows the run at true time t (the present if t is at or past it). */
  seek(t: number): void;
  /** Shows the run after its first `index` events. */
  seekIndex(index: number): void;
  stepBack(): void;
  stepForward(): void;
  /** Back to the present (an imported trace: its end). */
  goLive(): void;
  /** Replaces the run by an imported trace, shown read-only at its end. */
  loadReplay(scenario: Scenario, seed: number, events: readonly TraceEvent[]): void;
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
  /** The link clicked on the stage (its two ends, in the order clicked), for the link panel. */
  selectedLink: { a: NodeId; b: NodeId } | null;
  /** Selects a link (and no node), or none. */
  selectLink(link: { a: NodeId; b: NodeId } | null): void;
}

export type LabState = SessionSlice & PlaybackSlice & TraceSlice & TravelSlice & SelectionSlice & LessonSlice;
type Slice<T> = StateCreator<LabState, [], [], T>;

type SetState = Parameters<Slice<LabState>>[0];
type GetState = Parameters<Slice<LabState>>[1];

/** `pending` without the commands whose actions these events show, matched in order. */
function landed(pending: readonly UserCommand[], events: readonly TraceEvent[]): readonly UserCommand[] {
  if (pending.length === 0) return pending;
  let rest = pending;
  for (const e of events) {
    if (e.type !== 'action' || rest.length === 0) continue;
    const { at: _at, ...command } = e.action;
    if (JSON.stringify(command) === JSON.stringify(rest[0])) rest = rest.slice(1);
  }
  return rest;
}

/** The runner's kept events and where they start in the run. */
export function windowOf(runner: LiveRunner): TraceWindow {
  return { events: runner.trace(), start: runner.traceStart?.() ?? 0 };
}

/** Event i of the run, if the runner still keeps it. */
const eventAt = (w: TraceWindow, i: number): TraceEvent | undefined => (i >= w.start ? w.events[i - w.start] : undefined);

/** An imported trace of more events than this is folded in slices across tasks rather than in one. */
const OPEN_AT_ONCE = 4000;
/** Events per fold within a slice (a timeline checkpoint's worth). */
const OPEN_CHUNK = 2000;
/**
 * Wall ms a slice folds before it yields. The render and the live monitors that follow are
 * fed the same new events and cost two to three times as much again, so a slice's task stays
 * near 100 ms on a loaded machine, under the 200 ms the import budget allows.
 */
const OPEN_SLICE_MS = 25;
/** ...and at most this many events, however fast the machine. */
const OPEN_SLICE_EVENTS = 20_000;

/** While playing, the readout time moves on every this many frames (6 at 60 Hz: ten times a second). */
export const READOUT_FRAMES = 6;

/**
 * The page's hold on its runner: subscribing to its frames and folding them into the
 * timeline (each frame one `set`), attaching a new runner, stopping the old one.
 */
function createAttachment(set: SetState, get: GetState) {
  let unsubscribe: (() => void) | null = null;
  /** Highest trace seq folded in: a frame that repeats events (or the early catch-up) cannot count them twice. */
  let lastSeq = -1;
  /** The live view and its checkpoints; null before the first load. */
  let timeline: TraceTimeline | null = null;
  /** The metrics, clock chart and diagram indexes of the same run, fed beside the timeline. */
  let index: RunIndex | null = null;
  /** Counts attachments, so an imported trace still being folded stops when another run replaces it. */
  let generation = 0;

  const onFrame = (frame: LiveFrame): void => {
    const last = frame.events[frame.events.length - 1];
    const events = last === undefined || last.seq <= lastSeq ? [] : frame.events.filter((e) => e.seq > lastSeq);
    if (last !== undefined) lastSeq = Math.max(lastSeq, last.seq);
    const line = timeline;
    const derived = index;
    if (!line || !derived) return;
    const runner = get().runner;
    const failure = runner?.failure() ?? null;
    set((s) => {
      if (!s.view) return s;
      const count = s.frame + 1;
      const steady = frame.playing && s.playing && frame.now >= s.readout && !s.cursor;
      const readout = steady && count % READOUT_FRAMES !== 0 ? s.readout : frame.now;
      // The nodes' offsets are those of the readout time, so they change with the clock readings, not every frame.
      const live = line.append(events, frame.now, count, readout as TrueTime);
      derived.append(events);
      const retention = runner ? retain(runner, line, derived, s.retention) : s.retention;
      const traceVersion = derived.length;
      const pendingActs = landed(s.pendingActs, events);
      // Scrubbed into the past, the present moves on out of sight.
      if (s.cursor)
        return {
          liveNow: frame.now,
          playing: frame.playing,
          finished: frame.finished,
          frame: count,
          failure,
          pendingActs,
          traceVersion,
          retention,
          // A cursor the retention has passed moves to the earliest moment kept.
          ...(s.cursor.index < line.earliest ? { cursor: { index: line.earliest, t: line.earliestT } } : {}),
        };
      return {
        view: live,
        now: frame.now,
        readout,
        liveNow: frame.now,
        playing: frame.playing,
        finished: frame.finished,
        frame: count,
        failure,
        pendingActs,
        traceVersion,
        retention,
      };
    });
  };

  /**
   * Folds a large imported trace into the view a slice at a time, yielding to the page between
   * slices: folded and drawn in one task, an 11 MB trace held the main thread for 1.5 s. The
   * page shows the run moving to its end meanwhile; `opening` says how far it is.
   */
  const openInSlices = (events: readonly TraceEvent[], endAt: number): void => {
    const mine = generation;
    let i = 0;
    const slice = (): void => {
      if (generation !== mine) return;
      const started = performance.now();
      const stop = i + OPEN_SLICE_EVENTS;
      while (i < Math.min(stop, events.length) && performance.now() - started < OPEN_SLICE_MS) {
        const chunk = events.slice(i, i + OPEN_CHUNK);
        i += chunk.length;
        const now = i >= events.length ? endAt : (chunk[chunk.length - 1] as TraceEvent).t;
        onFrame({ now: now as TrueTime, events: chunk, playing: false, finished: true });
      }
      set({ opening: i >= events.length ? null : i / events.length });
      if (i < events.length) setTimeout(slice, 0);
    };
    // The first slice waits a task too: the page first draws the trace's scenario, empty.
    set({ opening: 0 });
    setTimeout(slice, 0);
  };

  return {
    timeline: (): TraceTimeline | null => timeline,
    /** Folds what the runner has traced beyond the last frame now, without waiting for the next frame. */
    catchUp(): void {
      const runner = get().runner;
      if (!runner || !timeline) return;
      const { events, start } = windowOf(runner);
      const fresh = events.slice(timeline.length - start);
      const last = fresh[fresh.length - 1];
      if (last) onFrame({ now: last.t as TrueTime, events: fresh, playing: get().playing, finished: get().finished });
    },
    stop(): void {
      generation++;
      unsubscribe?.();
      unsubscribe = null;
      get().runner?.dispose();
    },
    /** Makes `runner` the page's run; `startAt` is where it starts (a fork starts in the middle). */
    attach(runner: LiveRunner, scenario: Scenario, seed: number, startAt: number, readOnly: boolean): void {
      lastSeq = -1;
      timeline = new TraceTimeline(scenario);
      index = new RunIndex(scenario, () => windowOf(runner));
      const { selected } = get();
      const keepSelection = selected !== null && scenario.nodes.some((n) => n.id === selected);
      set({
        runner,
        runId: get().runId + 1,
        scenario,
        seed,
        view: timeline.view,
        index,
        traceVersion: 0,
        retention: retentionOf(runner, null),
        now: startAt,
        readout: startAt,
        liveNow: startAt,
        playing: false,
        finished: readOnly,
        frame: 0,
        failure: null,
        pendingActs: [],
        selected: keepSelection ? selected : null,
        cursor: null,
        readOnly,
        travelNotice: null,
        opening: null,
        stepNote: null,
      });
      // A throw while folding a frame happens outside React's render, where no error boundary
      // sees it: the run is paused and the page says what went wrong instead of freezing.
      let broken = false;
      unsubscribe = runner.subscribe((frame) => {
        if (broken) return; // pausing emits a frame too: fold nothing more from this run
        try {
          onFrame(frame);
        } catch (err) {
          broken = true;
          runner.pause();
          const why = err instanceof Error ? err.message : String(err);
          set({
            playing: false,
            failure: `the page could not show this frame (${why}); the run is paused — Reset or open a scenario to go on`,
          });
        }
      });
      // Events the runner produced before we subscribed (the t=0 node records, a fork's past) are in its trace.
      const early = runner.trace();
      if (readOnly && early.length > OPEN_AT_ONCE) openInSlices(early, startAt);
      else if (early.length > 0) onFrame({ now: startAt as TrueTime, events: early, playing: false, finished: readOnly });
    },
  };
}
type Attachment = ReturnType<typeof createAttachment>;

/**
 * Keeps the timeline and the indexes to what the runner keeps (they drop what lies before
 * it) and says what is kept; the same object while nothing changed, so nothing re-renders.
 */
function retain(runner: LiveRunner, line: TraceTimeline, index: RunIndex, was: LabState['retention']): LabState['retention'] {
  const { events, start } = windowOf(runner);
  if (start > index.start) {
    line.forget(start);
    index.forget(start, events[0]?.t ?? 0);
  }
  return retentionOf(runner, was, line);
}

function retentionOf(runner: LiveRunner, was: LabState['retention'], line?: TraceTimeline): LabState['retention'] {
  const keep = runner.retention?.().keep ?? Infinity;
  if (!Number.isFinite(keep)) return null;
  const start = line?.earliest ?? 0;
  const fromT = line?.earliestT ?? 0;
  return was && was.keep === keep && was.start === start && was.fromT === fromT ? was : { keep, start, fromT };
}

/** The last event's time among the first `index` of the run, or 0 (the earliest kept moment's before the kept events). */
const timeOf = (w: TraceWindow, index: number, earliestT: number): number =>
  index > w.start ? (eventAt(w, index - 1) as TraceEvent).t : index > 0 ? earliestT : 0;

/** Moving through what happened: seeking, stepping back and forth, and back to the present. */
function travelActions(
  set: SetState,
  get: GetState,
  run: Attachment,
): Omit<TravelSlice, 'cursor' | 'liveNow' | 'readOnly' | 'travelNotice' | 'opening' | 'loadReplay'> {
  /** The moment after the first `index` events, at true time t (the present once it reaches it). */
  const show = (index: number, t: number): void => {
    const { runner, readOnly, opening } = get();
    const timeline = run.timeline();
    if (!runner || !timeline) return;
    if (opening !== null) {
      set({ travelNotice: 'The imported trace is still opening: time travel starts once it is all read in.' });
      return;
    }
    // The live view covers what frames have folded; the trace may be a little ahead of it.
    const end = timeline.length;
    if (index >= end && t >= get().liveNow) {
      get().goLive();
      return;
    }
    // Before what a long run keeps: its earliest kept moment, and the page says why.
    const early = index < timeline.earliest;
    const at = Math.max(timeline.earliest, Math.min(index, end));
    const time = early ? Math.max(t, timeline.earliestT) : t;
    if (!readOnly && get().playing) {
      runner.pause();
      set({ playing: false });
    }
    const notice = early
      ? `Only the last ${get().retention?.keep.toLocaleString('en-US') ?? ''} events of this long run are kept: the earliest moment to go back to is t = ${(timeline.earliestT / 1000).toFixed(3)} s (exports still hold the whole run).`
      : null;
    set({
      cursor: { index: at, t: time },
      view: timeline.viewAt(windowOf(runner), at, time),
      now: time,
      readout: time,
      travelNotice: notice,
    });
  };
  return {
    seek(t) {
      const runner = get().runner;
      if (!runner) return;
      const timeline = run.timeline();
      if (!timeline) return;
      const time = Math.max(0, t);
      const w = windowOf(runner);
      // Before the kept events of a long run: one before the earliest, which show() explains.
      show(w.start > 0 && time < timeline.earliestT ? timeline.earliest - 1 : w.start + indexAt(w.events, time), time);
    },
    seekIndex(index) {
      const runner = get().runner;
      const timeline = run.timeline();
      if (!runner || !timeline) return;
      const w = windowOf(runner);
      const at = Math.max(0, Math.min(index, w.start + w.events.length));
      show(at, timeOf(w, Math.max(at, timeline.earliest), timeline.earliestT));
    },
    stepBack() {
      const { cursor, runner } = get();
      const timeline = run.timeline();
      if (!runner || !timeline) return;
      const index = cursor ? cursor.index : timeline.length;
      if (index > 0) get().seekIndex(index - 1);
    },
    stepForward() {
      const { cursor } = get();
      const timeline = run.timeline();
      if (!cursor || !timeline) return;
      if (cursor.index >= timeline.length) get().goLive();
      else get().seekIndex(cursor.index + 1);
    },
    goLive() {
      const timeline = run.timeline();
      if (!timeline) return;
      set({ cursor: null, view: timeline.view, now: get().liveNow, readout: get().liveNow, travelNotice: null });
    },
  };
}

/** A message step gives up after this many simulation steps (a run with nothing left to send). */
const MAX_STEP_CALLS = 20_000;
/** ...or after this many steps in a row that traced nothing (an empty queue). */
const MAX_IDLE_STEPS = 50;
const isMessage = (e: TraceEvent): boolean => e.type === 'send' || e.type === 'deliver' || e.type === 'drop';

/**
 * The teaching step ("next message"): shows the run up to and including the next send,
 * delivery or drop, one at a time even when one call sent several, running the simulation as
 * far as needed; `stepNote` says what it was. Showing part of what has run is time travel's
 * view (a cursor), so Play returns to the present and acting there forks, as after a scrub.
 */
function createMessageStep(set: SetState, get: GetState, run: Attachment): () => Promise<void> {
  let stepping = false;
  return async () => {
    const { runner, readOnly, opening } = get();
    const timeline = run.timeline();
    if (!runner || !timeline || stepping || opening !== null) return;
    stepping = true;
    try {
      if (get().playing) get().pause();
      let from = get().cursor?.index ?? timeline.length;
      let idle = 0;
      for (let guard = 0; guard < MAX_STEP_CALLS; guard++) {
        const { events, start } = windowOf(runner);
        const rel = events.findIndex((e, i) => i >= from - start && isMessage(e));
        if (rel !== -1) {
          run.catchUp();
          get().seekIndex(start + rel + 1);
          set({ stepNote: describeMessageStep(events[rel] as TraceEvent, namer(get().scenario?.nodes)) });
          return;
        }
        from = start + events.length;
        if (readOnly) break;
        await runner.step();
        if (get().runner !== runner) return;
        idle = (runner.traceStart?.() ?? 0) + runner.trace().length === from ? idle + 1 : 0;
        if (idle >= MAX_IDLE_STEPS) break;
      }
      if (get().cursor) get().goLive();
      set({ stepNote: 'No message is left to send or deliver: the run has finished.' });
    } finally {
      stepping = false;
    }
  };
}

export const createSessionSlice =
  (createRunner: RunnerFactory): Slice<SessionSlice & TraceSlice & TravelSlice> =>
  (set, get) => {
    const run = createAttachment(set, get);

    /** Acting in the past: a new runner replays the actions before the cursor plus this one. */
    const fork = (command: UserCommand, cursor: Cursor): void => {
      const { runner, scenario, seed } = get();
      if (!runner || !scenario) return;
      // On an event's time (a step back lands on one) the action goes just after the events shown.
      const w = windowOf(runner);
      const tie = eventAt(w, cursor.index - 1)?.t === cursor.t || eventAt(w, cursor.index)?.t === cursor.t;
      // Whole microseconds, as live actions get (onMicrosecond): the URL then reads them short.
      const t = onMicrosecond(cursor.t, tie);
      const actions: UserAction[] = [...runner.actions().filter((a) => a.at <= t), { ...command, at: t } as UserAction];
      run.stop();
      const next = createRunner(scenario, seed, { actions, startAt: t });
      run.attach(next, scenario, seed, t, false);
      next.setSpeed(get().speed);
    };

    return {
      runner: null,
      runId: 0,
      pendingActs: [],
      scenario: null,
      seed: 1,
      view: null,
      index: null,
      traceVersion: 0,
      retention: null,
      cursor: null,
      liveNow: 0,
      readOnly: false,
      travelNotice: null,
      opening: null,
      prepared: [],
      stepNote: null,
      stepMessage: createMessageStep(set, get, run),
      load(scenario, seed, autoplay = false, actions = []) {
        run.stop();
        const runner = createRunner(scenario, seed, actions.length > 0 ? { actions } : undefined);
        set({ prepared: actions });
        run.attach(runner, scenario, seed, 0, false);
        runner.setSpeed(get().speed);
        if (autoplay) {
          runner.play();
          set({ playing: true });
        }
      },
      reset() {
        const { scenario, seed, prepared } = get();
        if (scenario) get().load(scenario, seed, false, prepared);
      },
      setHeartbeats(on) {
        const { scenario, seed, runner, prepared, readOnly } = get();
        const next = scenario && !readOnly ? withHeartbeats(scenario, on) : null;
        if (!next || next === scenario) return;
        get().load(next, seed, true, runner ? [...runner.actions()] : prepared);
      },
      act(command) {
        const { cursor, readOnly, runner } = get();
        if (readOnly) {
          set({ travelNotice: 'This is an imported trace: it can be inspected, not changed. Open a scenario to run one live.' });
          return;
        }
        if (cursor) fork(command, cursor);
        else if (runner) {
          set({ pendingActs: [...get().pendingActs, command] });
          runner.act(command);
        }
      },
      dispose() {
        run.stop();
        set({ runner: null });
      },
      loadReplay(scenario, seed, events) {
        run.stop();
        const last = events[events.length - 1];
        run.attach(createReplayRunner(scenario, seed, events), scenario, seed, last ? last.t : 0, true);
      },
      ...travelActions(set, get, run),
    };
  };

export const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => ({
  playing: false,
  speed: 1,
  now: 0,
  readout: 0,
  finished: false,
  frame: 0,
  failure: null,
  play() {
    if (get().readOnly) return;
    // Playing returns to the present.
    if (get().cursor) get().goLive();
    get().runner?.play();
    set({ playing: true, stepNote: null });
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
    // Scrubbed into the past (or replaying a trace), a step moves through what happened.
    if (get().cursor) {
      get().stepForward();
      return;
    }
    if (get().readOnly) return;
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
  selectedLink: null,
  selectLink(link) {
    set(link ? { selectedLink: link, selected: null } : { selectedLink: null });
  },
});
