// The live runner on the inline host, with a fake frame scheduler and wall clock: pacing,
// play to the end, step, user actions, frames.

import { describe, expect, it } from 'vitest';
import { runHorizon, type Scenario, toJsonLines, type UserAction } from '../core/index.ts';
import { findPreset } from '../scenarios/index.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { simulateInline } from './inline.ts';
import type { LiveFrame } from './live.ts';
import { createLiveRunner } from './live-runner.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;

/** A wall clock that moves only when frames run, 16 ms per frame. */
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

describe('live runner (inline host)', () => {
  it('with a retention, keeps only its recent events once the frames have handed them out, and every frame its new ones', async () => {
    const scenario = withHeartbeats({ ...preset('bully-10'), durationMs: 300_000 }, true) as Scenario;
    const retain = { keep: 3000, chunk: 1000 };
    // A wall clock that moves on every reading: many small slices, many frames.
    let wall = 0;
    const runner = createLiveRunner({
      scenario,
      seed: 1,
      host: 'inline',
      speed: 'max',
      sliceBudgetMs: 1,
      retain,
      requestFrame: (cb: () => void) => setTimeout(cb, 0),
      wallClock: () => (wall += 0.01),
    });
    const seqs: number[] = [];
    let most = 0;
    runner.subscribe((frame) => {
      for (const e of frame.events) seqs.push(e.seq);
      most = Math.max(most, runner.trace().length);
    });
    runner.play();
    await runner.whenFinished();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the last frame
    const full = simulateInline(scenario, 1).events;
    const start = runner.traceStart?.() ?? 0;
    expect(start).toBeGreaterThan(5000);
    expect(start + runner.trace().length).toBe(full.length);
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(full.slice(start)));
    // Every event reached the listeners once, in order, though most are no longer kept.
    expect(seqs).toEqual(full.map((e) => e.seq));
    expect(most).toBeLessThan(retain.keep + retain.chunk + 2000);
    runner.dispose();
  });

  it("plays to the end at 'max' with the same trace as simulateInline, in frames", async () => {
    const frames: LiveFrame[] = [];
    const runner = createLiveRunner({ scenario: preset('bully-10'), seed: 1, host: 'inline', speed: 'max', ...fakePage() });
    runner.subscribe((frame) => frames.push(frame));
    runner.play();
    await runner.whenFinished();
    expect(runner.finished).toBe(true);
    expect(runner.playing).toBe(false);
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(simulateInline(preset('bully-10'), 1).events));
    expect(runner.node(9)?.view?.role).toBe('coordinator');
    runner.dispose();
  });

  it("pauses right after the event a lesson's cue accepts, even at 'max'", async () => {
    const runner = createLiveRunner({ scenario: preset('bully-10'), seed: 1, host: 'inline', speed: 'max', ...fakePage() });
    const isStart = (e: { type: string; topic?: string }) => e.type === 'note' && e.topic === 'election-start';
    runner.pauseAt?.((events, i) => isStart(events[i] as { type: string; topic?: string }));
    runner.play();
    await new Promise<void>((resolve) => {
      const off = runner.subscribe((frame) => {
        if (!frame.playing && runner.trace().some((e) => isStart(e))) {
          off();
          resolve();
        }
      });
    });
    const trace = runner.trace();
    const at = trace.findIndex((e) => isStart(e));
    expect(runner.finished).toBe(false);
    expect(runner.now()).toBe(1500);
    // Nothing of P5's election has been delivered yet: the inline host stops at the cue's node call.
    expect(trace.slice(at).every((e) => e.t === 1500)).toBe(true);
    runner.play();
    await runner.whenFinished();
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(simulateInline(preset('bully-10'), 1).events));
    runner.dispose();
  });

  it('paces true time against the wall clock at the chosen speed', async () => {
    const page = fakePage();
    const runner = createLiveRunner({ scenario: preset('berkeley-basic'), seed: 1, host: 'inline', speed: 10, ...page });
    const seen: number[] = [];
    runner.subscribe((frame) => seen.push(frame.now));
    runner.play();
    await new Promise<void>((resolve) => {
      const off = runner.subscribe((frame) => {
        if (frame.now >= 1000) {
          off();
          resolve();
        }
      });
    });
    runner.pause();
    // 10× over 16 ms frames: 160 ms of true time per frame, never a jump.
    const jumps = seen.slice(1).map((t, i) => t - (seen[i] as number));
    expect(Math.max(...jumps)).toBeLessThanOrEqual(160 + 1e-9);
    expect(runner.finished).toBe(false);
    runner.dispose();
  });

  it('steps one event at a time and applies actions at the current time', async () => {
    const runner = createLiveRunner({ scenario: preset('ring-8'), seed: 1, host: 'inline', ...fakePage() });
    await runner.step();
    const after1 = runner.trace().length;
    expect(after1).toBeGreaterThan(0);
    await runner.step();
    expect(runner.trace().length).toBeGreaterThan(after1);
    runner.act({ type: 'crash', node: 3 });
    await runner.describe(3);
    expect(runner.node(3)?.alive).toBe(false);
    expect(runner.trace().some((e) => e.type === 'crash' && e.node === 3)).toBe(true);
    runner.act({ type: 'recover', node: 3 });
    expect(await runner.describe(3)).not.toBeNull();
    runner.dispose();
  });

  it('plays on past the end when asked, one more duration', async () => {
    const runner = createLiveRunner({ scenario: preset('cristian-basic'), seed: 2, host: 'inline', speed: 'max', ...fakePage() });
    runner.play();
    await runner.whenFinished();
    const end = runner.trace().length;
    runner.play();
    await runner.whenFinished();
    expect(runner.trace().length).toBeGreaterThan(end);
    runner.dispose();
  });

  it('finishes at the time of the last event, the same at every speed', async () => {
    const ends: number[] = [];
    for (const speed of [1, 7, 'max'] as const) {
      const runner = createLiveRunner({ scenario: preset('bully-10'), seed: 1, host: 'inline', speed, ...fakePage() });
      runner.play();
      await runner.whenFinished();
      const trace = runner.trace();
      expect(runner.now()).toBe((trace[trace.length - 1] as { t: number }).t);
      ends.push(runner.now());
      runner.dispose();
    }
    expect(new Set(ends).size).toBe(1);
    // The election is over well before the scenario's 5 s.
    expect(ends[0]).toBeLessThan(2500);
  });

  it('acting on a finished run plays on from there, and the next coordinator is elected without play', async () => {
    const runner = createLiveRunner({ scenario: preset('bully-10'), seed: 1, host: 'inline', speed: 'max', ...fakePage() });
    runner.play();
    await runner.whenFinished();
    const end = runner.now();
    expect(runner.node(9)?.view?.role).toBe('coordinator');
    runner.act({ type: 'crash', node: 9 });
    runner.act({ type: 'notice', node: 2 });
    await runner.describe(2);
    expect(runner.playing || runner.finished).toBe(true);
    await runner.whenFinished();
    expect(runner.node(8)?.view?.role).toBe('coordinator');
    // Each action landed on a whole microsecond after the last event, and the replay of the list equals the run.
    const actions = runner.actions();
    const first = actions[0]?.at ?? NaN;
    expect(first).toBeGreaterThan(end);
    expect(first - end).toBeLessThanOrEqual(0.001);
    expect(String(first)).toMatch(/^\d+(\.\d{1,3})?$/);
    const until = runHorizon(preset('bully-10'), actions);
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(simulateInline(preset('bully-10'), 1, { actions, until }).events));
    runner.dispose();
  });

  it('at the teaching pace, every message takes at least a second of wall time to cross', async () => {
    const page = fakePage();
    const runner = createLiveRunner({ scenario: preset('ring-8'), seed: 1, host: 'inline', speed: 'teach', ...page });
    const wallAt = new Map<number, number>();
    runner.subscribe((frame) => {
      for (const e of frame.events) wallAt.set(e.seq, page.wallClock());
    });
    runner.play();
    await new Promise<void>((resolve) => {
      const off = runner.subscribe((frame) => {
        if (frame.events.some((e) => e.type === 'deliver' && e.kind === 'COORDINATOR')) {
          off();
          resolve();
        }
      });
    });
    runner.pause();
    const sentAt = new Map<number, number>();
    const crossings: number[] = [];
    for (const e of runner.trace()) {
      const wall = wallAt.get(e.seq);
      if (wall === undefined) continue;
      if (e.type === 'send') sentAt.set(e.msgId, wall);
      if (e.type === 'deliver' && sentAt.has(e.msgId)) crossings.push(wall - (sentAt.get(e.msgId) as number));
    }
    expect(crossings.length).toBeGreaterThan(10);
    // Frames are 16 ms apart: a crossing is seen within one frame of its second.
    expect(Math.min(...crossings)).toBeGreaterThanOrEqual(1000 - 16);
    runner.dispose();
  }, 60_000);

  it('a fork at t with action A (past simulated inline, node runtimes restored) equals a fresh run with the same actions', async () => {
    const scenario = preset('bully-10');
    // bully-10: P10 crashes at 1 s and P5 notices; crashing P9 too at 1.2 s makes P8 coordinator.
    const actions: UserAction[] = [
      { at: 400, type: 'drift', node: 3, ppm: 20_000 },
      { at: 1200, type: 'crash', node: 9 },
    ];
    const runner = createLiveRunner({ scenario, seed: 1, host: 'inline', speed: 'max', actions, startAt: 1200, ...fakePage() });
    await runner.ready;
    expect(runner.now()).toBe(1200);
    expect(runner.node(9)?.alive).toBe(false);
    runner.play();
    await runner.whenFinished();
    const fresh = simulateInline(scenario, 1, { actions });
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(fresh.events));
    expect(runner.node(8)?.view?.role).toBe('coordinator');
    expect(runner.actions()).toEqual(actions);
    runner.dispose();
  });

  it('a fork with heartbeats, stepped and then acted on, equals a fresh run with its actions (restored timers, incarnations)', async () => {
    const base = preset('bully-10');
    const spec = base.algorithm;
    if (spec.id !== 'bully') throw new Error('bully expected');
    const scenario: Scenario = { ...base, algorithm: { id: 'bully', settings: { ...spec.settings, heartbeat: true } } };
    const past: UserAction[] = [{ at: 2500, type: 'crash', node: 9 }];
    const runner = createLiveRunner({ scenario, seed: 3, host: 'inline', speed: 'max', actions: past, startAt: 2500, ...fakePage() });
    await runner.ready;
    for (let i = 0; i < 40; i++) await runner.step();
    runner.act({ type: 'recover', node: 9 });
    runner.play();
    await runner.whenFinished();
    const all = runner.actions();
    expect(all).toHaveLength(2);
    // The runner plays one duration past the last action, as the CLI does by default.
    const until = runHorizon(scenario, all);
    expect(toJsonLines(runner.trace())).toBe(toJsonLines(simulateInline(scenario, 3, { actions: all, until }).events));
    runner.dispose();
  });
});
