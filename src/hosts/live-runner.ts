// The live runner (the LiveRunner contract of live.ts): one Simulation on the inline host or
// on one Web Worker per node, paced against the wall clock. The core never reads the wall
// clock; this file does, once per slice of work.
//
// - Speed is simulated ms per wall ms (0.01×–100×), or 'max': as fast as the host allows,
//   in slices of at most `sliceBudgetMs` of main-thread work so the page keeps drawing.
//   When the host cannot keep up, the run falls behind instead of piling up debt. 'teach'
//   dilates time around messages in flight (teach-pace.ts).
// - Every use of the driver (a slice, a step, a user action, describe) goes through one
//   queue, so they never overlap and the driver is always idle (nothing sent ahead)
//   when an action is scheduled: actions land at the current true time and are processed
//   at once, so a crash ends the node's worker right away even while paused.
// - The run is `finished` once no event is left at or before the horizon, which starts at
//   runHorizon(scenario, actions) (the duration, and a duration past every user action;
//   each new action extends it the same way, so a replay of the actions stops at the same
//   time). A finished run's time is that of its last event, whatever the pace it was played
//   at. Acting on a finished run plays on; so does pressing play (one more duration).
//   Stepping on a finished run runs the next event wherever it lies.
// - A fork (time travel: acting in the past) is a new runner given the user actions to
//   replay and a true time to start from. The run up to then is simulated at once on the
//   inline host (deterministic, so it is the same run); the chosen host then takes over with
//   every node's runtime restored from the inline host's checkpoints (a crashed node gets no
//   worker until it recovers). The trace therefore equals a fresh run with those actions.
// - Listeners get at most one frame per animation frame, with the events since the last.

import {
  type ExternalDelivery,
  type NodeId,
  runHorizon,
  type Scenario,
  Simulation,
  type TraceEvent,
  type TrueTime,
  type UserAction,
} from '../core/index.ts';
import { createFramePump } from './frame-pump.ts';
import { createLiveHosts, type HostKind } from './live-hosts.ts';
import { KEEP_ALL, RetainedTrace, type Retention } from './retained-trace.ts';
import { type LiveRunner, MAX_SPEED, MIN_SPEED, type Speed, type UserCommand } from './live.ts';
import type { LockstepStats } from './lockstep.ts';
import { createTeachPace } from './teach-pace.ts';
import { createWorkQueue } from './work-queue.ts';
import type { WorkerHostOptions } from './worker.ts';

export type { HostKind } from './live-hosts.ts';

export interface LiveRunnerOptions {
  scenario: Scenario;
  seed: number;
  host: HostKind;
  /** Initial speed (default 1×). */
  speed?: Speed;
  workers?: WorkerHostOptions;
  /** Main-thread work per slice (ms) at any speed; default 8, half a 60 Hz frame. */
  sliceBudgetMs?: number;
  /** Frame scheduler and wall clock: the page's by default; tests pass their own. */
  requestFrame?: (callback: () => void) => unknown;
  wallClock?: () => number;
  /** User actions to apply on top of the scenario's, at their own times (a fork replays these). */
  actions?: readonly UserAction[];
  /** Start the run at this true time: everything before it is simulated at once (a fork). */
  startAt?: number;
  /** Messages reaching external nodes (a relay session hands them to the real processes). */
  onExternal?: (delivery: ExternalDelivery) => void;
  /**
   * A relay session (real processes take part): true time follows the wall clock at 1×, always
   * (speed, pause and step are ignored, a gap is made up), and an empty queue is not the end,
   * since a real process may act at any moment; only the horizon is.
   */
  realTime?: boolean;
  /**
   * How much of the trace to keep in full (retained-trace.ts); everything by default. The page
   * bounds it: older events are dropped once every listener has had them.
   */
  retain?: Retention;
}

/** The live runner, plus what the first page, tests and benchmarks need beyond the contract. */
export interface LiveRunnerHandle extends LiveRunner {
  readonly speed: Speed;
  readonly playing: boolean;
  readonly finished: boolean;
  /** True time the simulation has reached. */
  now(): TrueTime;
  /** Resolves when the host can take calls (every worker loaded); inline hosts are ready at once. */
  readonly ready: Promise<void>;
  /** Resolves the next time the run is finished (at once if it is). */
  whenFinished(): Promise<void>;
  /** Calls applied so far, and how many were sent ahead to run in parallel. */
  driverStats(): Readonly<LockstepStats>;
  /** Workers running now (worker host), or 0. */
  workerCount(): number;
}

/** Clamps a requested speed into [MIN_SPEED, MAX_SPEED]; 'max' and 'teach' stay. */
export function clampSpeed(speed: Speed): Speed {
  if (speed === 'max' || speed === 'teach') return speed;
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** A wall-clock gap longer than this (a hidden tab, a slow start) is not made up. */
const MAX_WALL_STEP_MS = 250;

/** Paces true time against the wall clock: how far the next slice may run. */
function createPacer(wallClock: () => number, initial: Speed, realTime: boolean) {
  let speed = realTime ? 1 : clampSpeed(initial);
  let lastWall = wallClock();
  /** Real time: the wall clock's reading at true time 0, fixed when play first starts. */
  let wallAtZero: number | null = null;
  return {
    get speed() {
      return speed;
    },
    setSpeed(next: Speed): void {
      if (realTime) return;
      speed = clampSpeed(next);
      lastWall = wallClock();
    },
    /** Forget the wall time that passed while not playing. */
    restart(now: number): void {
      lastWall = wallClock();
      if (realTime && wallAtZero === null) wallAtZero = lastWall - now;
    },
    /** Where a slice starting now should stop, given the horizon. */
    target(now: number, horizon: number): number {
      const start = wallClock();
      if (realTime) return Math.min(horizon, Math.max(now, start - (wallAtZero ?? start - now)));
      const elapsed = Math.min(MAX_WALL_STEP_MS, Math.max(0, start - lastWall));
      lastWall = start;
      return speed === 'max' || speed === 'teach' ? horizon : Math.min(horizon, now + elapsed * speed);
    },
    /** Wall ms since the last slice (capped), counted as spent: what the teaching pace plays. */
    elapsed(): number {
      const start = wallClock();
      const elapsed = Math.min(MAX_WALL_STEP_MS, Math.max(0, start - lastWall));
      lastWall = start;
      return elapsed;
    },
  };
}

export function createLiveRunner(options: LiveRunnerOptions): LiveRunnerHandle {
  const { scenario, seed } = options;
  const sink = new RetainedTrace(options.retain ?? KEEP_ALL);
  /** User actions applied so far, beyond the scenario's own. */
  const applied: UserAction[] = [...(options.actions ?? [])];
  // A fork's past was already handed to the real processes once: only the present is.
  let present = options.startAt === undefined;
  const onExternal = options.onExternal;
  const sim = new Simulation(scenario, {
    seed,
    trace: sink,
    actions: applied.slice(),
    ...(onExternal ? { onExternal: (d: ExternalDelivery) => present && onExternal(d) } : {}),
  });
  const { host, workerHost, driver, restore } = createLiveHosts(sim, scenario, seed, options.host, options.startAt, options.workers);
  present = true;
  const realTime = options.realTime === true;
  const budget = options.sliceBudgetMs ?? 8;
  const requestFrame = options.requestFrame ?? ((cb: () => void) => requestAnimationFrame(() => cb()));
  const wallClock = options.wallClock ?? (() => performance.now());
  const pacer = createPacer(wallClock, options.speed ?? 1, options.realTime === true);
  const finishWaiters: (() => void)[] = [];

  let playing = false;
  let horizon = Math.max(runHorizon(scenario, applied), options.startAt ?? 0);
  let finished = false;
  let disposed = false;
  let sliceRunning = false;
  /** A failure of the driver itself (a bug, not a node fault): the run stops and says why. */
  let failure: string | null = null;

  /** A lesson's cue (see LiveRunner.pauseAt), and how far into the trace it has looked. */
  let cue: ((events: readonly TraceEvent[], index: number) => boolean) | null = null;
  let cueChecked = 0;
  /** True once the cue accepts an event (it is then spent); the run pauses there. */
  const atCue = (): boolean => {
    if (!cue) return false;
    // The cue reads the kept events (a lesson's run is far shorter than the retention).
    const events = sink.events;
    cueChecked = Math.max(cueChecked, sink.start);
    for (; cueChecked < sink.length; cueChecked++) {
      if (cue(events, cueChecked - sink.start)) {
        cueChecked++;
        cue = null;
        playing = false;
        return true;
      }
    }
    return false;
  };

  const frames = createFramePump(
    sink,
    () => ({ now: sim.now, playing, finished }),
    requestFrame,
    () => {
      if (playing && !sliceRunning) {
        sliceRunning = true;
        void enqueue(slice)
          .catch(() => undefined)
          .finally(() => {
            sliceRunning = false;
            frames.schedule();
          });
      } else if (playing) frames.schedule();
    },
    () => disposed,
  );
  /** Something the listeners see changed: draw it in the next frame. */
  const changed = (): void => {
    frames.touch();
    frames.schedule();
  };
  const enqueue = createWorkQueue((error) => {
    failure = error;
    playing = false;
    changed();
  });
  const restored = restore ? enqueue(restore) : null;

  const updateFinished = (): void => {
    const next = sim.peekTime();
    finished = realTime ? sim.now >= horizon : next === null || next > horizon;
    if (finished) {
      // The run ends where its last event did, not where the last slice of play reached.
      const last = sink.events[sink.events.length - 1];
      if (last) sim.settleAt(last.t);
      playing = false;
      for (const resolve of finishWaiters.splice(0)) resolve();
    }
  };

  const teach = createTeachPace(sim, sink, driver);

  // A fresh run shows its start at once: the events at t = 0 (every node booting) run now, so
  // a run that is paused, or reset, shows who leads from the start (P10 on bully-10), not
  // "idle" until Play. They are the run's own first events, so the trace is the same.
  if (options.startAt === undefined)
    enqueue(async () => {
      if (disposed) return;
      await driver.run(0);
      atCue();
      updateFinished();
      changed();
    }).catch(() => undefined);

  /** One slice of play: as far as the wall clock (or, at 'max', the budget) allows. */
  async function slice(): Promise<void> {
    if (!playing || disposed) return;
    const start = wallClock();
    const outOfTime = (): boolean => disposed || atCue() || wallClock() - start >= budget;
    if (pacer.speed === 'teach') await teach.play(pacer.elapsed(), horizon, outOfTime);
    else await driver.run(pacer.target(sim.now, horizon), outOfTime);
    updateFinished();
    frames.touch();
  }

  const runner: LiveRunnerHandle = {
    scenario,
    seed,
    hostKind: options.host,
    get speed() {
      return pacer.speed;
    },
    get playing() {
      return playing;
    },
    get finished() {
      return finished;
    },
    ready: restored ?? (workerHost ? workerHost.ready : Promise.resolve()),
    play() {
      if (disposed || playing || failure !== null) return;
      // Playing on past the end: one more duration. Whether anything is left to run is decided
      // by the slice, after any action queued before this call has been applied.
      if (finished) horizon = Math.max(horizon, sim.now) + scenario.durationMs;
      finished = false;
      playing = true;
      pacer.restart(sim.now);
      changed();
    },
    pause() {
      if (!playing || realTime) return;
      playing = false;
      changed();
    },
    step() {
      if (realTime) return Promise.resolve();
      playing = false;
      return enqueue(async () => {
        if (disposed) return;
        const next = sim.peekTime();
        if (next !== null && next > horizon) horizon = next;
        await driver.step(horizon);
        atCue();
        updateFinished();
        changed();
      });
    },
    setSpeed(next) {
      pacer.setSpeed(next);
      changed();
    },
    act(command: UserCommand) {
      // The action and anything else due by then happen at once, even while paused.
      const done = enqueue(async () => {
        if (disposed) return;
        // On a finished run, an action plays on from there: its consequence is the point.
        const resume = finished;
        const action = sim.scheduleNow(command);
        applied.push(action);
        horizon = Math.max(horizon, action.at + scenario.durationMs);
        await driver.run(action.at);
        const cued = atCue();
        updateFinished();
        if (resume && !cued && !finished && !playing) {
          playing = true;
          pacer.restart(sim.now);
        }
        changed();
      });
      done.catch(() => undefined);
    },
    node: (id: NodeId) => sim.node(id),
    now: () => sim.now,
    stats: () => sim.stats,
    describe: (id: NodeId) => enqueue(async () => (disposed ? null : host.describe(id))),
    subscribe: (listener) => frames.subscribe(listener),
    trace: () => sink.events,
    traceStart: () => sink.start,
    retention: () => sink.retention,
    actions: () => applied,
    whenFinished() {
      return finished ? Promise.resolve() : new Promise<void>((resolve) => finishWaiters.push(resolve));
    },
    driverStats: () => driver.stats,
    workerCount: () => workerHost?.workerCount ?? 0,
    failure: () => failure,
    pauseAt(next) {
      cue = next;
      cueChecked = sink.length;
    },
    dispose() {
      disposed = true;
      playing = false;
      frames.clear();
      host.dispose();
    },
  };
  updateFinished();
  return runner;
}
