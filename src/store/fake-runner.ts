// A small LiveRunner on the inline host whose time moves only when told (`advance`). Unit
// tests use it to feed the store real traces frame by frame without a browser, workers or
// animation frames.

import { type NodeId, type Scenario, Simulation, type TraceEvent, type UserAction } from '../core/index.ts';
import { InlineHost, runInline } from '../hosts/inline.ts';
import { type ForkFrom, type LiveFrame, type LiveRunner, type Speed, type UserCommand } from '../hosts/live.ts';
import { KEEP_ALL, RetainedTrace, type Retention } from '../hosts/retained-trace.ts';

export interface FakeRunner extends LiveRunner {
  /** Runs every event up to `now + ms` of true time (or to the end) and emits one frame. */
  advance(ms: number): void;
  /** Emits a frame now, even if nothing happened. */
  emit(): void;
  /** Stops the run as a failing driver would, and emits a frame. */
  fail(why: string): void;
  /** While held, frames wait (as they wait for the next animation frame on the page); releasing emits one. */
  hold(on: boolean): void;
  readonly speed: Speed;
  readonly playing: boolean;
}

/** `retain`: keep the trace as the page's runner does (its oldest events dropped once emitted). */
export function createFakeRunner(scenario: Scenario, seed: number, fork?: ForkFrom, retain: Retention = KEEP_ALL): FakeRunner {
  const sink = new RetainedTrace(retain);
  const applied: UserAction[] = [...(fork?.actions ?? [])];
  const sim = new Simulation(scenario, { seed, trace: sink, actions: applied.slice() });
  const host = new InlineHost(scenario, seed);
  if (fork?.startAt !== undefined) runInline(sim, host, fork.startAt);
  const listeners = new Set<(frame: LiveFrame) => void>();
  let emitted = 0;
  let playing = false;
  let speed: Speed = 1;
  let failure: string | null = null;

  const finished = (): boolean => {
    const next = sim.peekTime();
    return next === null || next > scenario.durationMs;
  };

  const runCommand = (until: number): boolean => {
    const command = sim.next(until);
    if (!command) return false;
    if (command.type === 'crash') host.crash(command.node);
    else sim.apply(command.call, host.call(command.call));
    return true;
  };

  let held = false;
  const emit = (): void => {
    if (held) return;
    const events: TraceEvent[] = sink.events.slice(emitted - sink.start);
    emitted = sink.length;
    const done = finished();
    if (done) playing = false;
    const frame: LiveFrame = { now: sim.now, events, playing, finished: done };
    for (const listener of listeners) listener(frame);
    sink.trim(emitted);
  };

  const runner: FakeRunner = {
    scenario,
    seed,
    hostKind: 'inline',
    get speed() {
      return speed;
    },
    get playing() {
      return playing;
    },
    play() {
      if (!finished()) playing = true;
    },
    pause() {
      playing = false;
      emit();
    },
    async step() {
      playing = false;
      const next = sim.peekTime();
      if (next !== null && next <= scenario.durationMs) runCommand(next);
      emit();
    },
    setSpeed(s) {
      speed = s;
    },
    act(command: UserCommand) {
      const action = sim.scheduleNow(command);
      applied.push(action);
      // Actions take effect at once, as on the live runner.
      while (runCommand(action.at));
      emit();
    },
    node: (id: NodeId) => sim.node(id),
    stats: () => sim.stats,
    describe: async (id: NodeId) => host.describe(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    trace: () => sink.events,
    traceStart: () => sink.start,
    retention: () => sink.retention,
    actions: () => applied,
    failure: () => failure,
    hold(on) {
      held = on;
      if (!on) emit();
    },
    fail(why) {
      failure = why;
      playing = false;
      runner.emit();
    },
    dispose() {
      playing = false;
      listeners.clear();
      host.dispose();
    },
    advance(ms: number) {
      const until = Math.min(scenario.durationMs, sim.now + ms);
      while (runCommand(until));
      if (sim.now < until) sim.next(until);
      emit();
    },
    emit,
  };
  return runner;
}
