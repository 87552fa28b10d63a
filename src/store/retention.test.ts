// A long run in the store with the page's kind of retention (issue 13): what the runner, the
// timeline and the run's indexes hold stays bounded however long the run, and time travel
// anywhere in what is kept shows exactly what it shows without retention.

import { describe, expect, it } from 'vitest';
import type { Scenario } from '../core/index.ts';
import type { Retention } from '../hosts/retained-trace.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { findPreset } from '../scenarios/index.ts';
import { createFakeRunner, type FakeRunner } from './fake-runner.ts';
import { createLabStore } from './lab-store.ts';
import { METRICS_ROWS } from './metrics-model.ts';
import { selectMetrics } from './selectors.ts';

const RETAIN: Retention = { keep: 4000, chunk: 2000 };

function open(scenario: Scenario, retain?: Retention) {
  const store = createLabStore((s, seed, fork) => createFakeRunner(s, seed, fork, retain));
  store.getState().load(scenario, 1);
  const state = () => store.getState();
  const runner = () => state().runner as FakeRunner;
  return {
    state,
    runner,
    play: (ms: number) => {
      for (let t = 0; t < ms; t += 250) runner().advance(250);
    },
  };
}

/** What the store holds that grows with the events it keeps. */
function held(s: ReturnType<typeof open>) {
  const index = s.state().index;
  if (!index) throw new Error('no run');
  const diagram = index.diagram('true').model();
  return { kept: s.runner().trace().length, dots: diagram.dots.length, arrows: diagram.arrows.length, clocks: index.clocks.size };
}

const bully = withHeartbeats({ ...(findPreset('bully-10') as Scenario), durationMs: 1_200_000 }, true) as Scenario;
const canteen = { ...(findPreset('berkeley-canteen') as Scenario), durationMs: 3_600_000 };

describe('retention in the store', () => {
  it.each([
    ['bully-10 with heartbeats', bully, 300_000],
    ['berkeley-canteen', canteen, 1_200_000],
  ] as const)('%s: what is kept stays under the cap as the run doubles', (_name, scenario, ms) => {
    const s = open(scenario, RETAIN);
    s.play(ms);
    const half = held(s);
    s.play(ms);
    const whole = held(s);
    const cap = RETAIN.keep + RETAIN.chunk;
    expect(s.runner().traceStart?.()).toBeGreaterThan(cap);
    for (const h of [half, whole]) {
      expect(h.kept).toBeLessThan(cap);
      expect(h.dots).toBeLessThan(cap);
      expect(h.arrows).toBeLessThan(cap);
    }
    // Doubling the run does not double what is held (at most one chunk's worth more).
    expect(whole.dots).toBeLessThan(half.dots + RETAIN.chunk);
    expect(whole.clocks).toBeLessThan(Math.max(50, half.clocks * 1.5));
    expect(s.state().retention).toMatchObject({ keep: RETAIN.keep });
    expect(s.state().retention?.start).toBeGreaterThan(0);
  });

  it('seeking anywhere kept shows the same moment, metrics included, as a run that keeps everything', () => {
    const bounded = open(bully, RETAIN);
    const full = open(bully);
    bounded.play(240_000);
    full.play(240_000);
    const from = bounded.state().retention?.fromT ?? 0;
    expect(from).toBeGreaterThan(60_000);
    for (const t of [from, from + 1234.5, (from + 240_000) / 2, 239_000]) {
      bounded.state().seek(t);
      full.state().seek(t);
      expect(bounded.state().cursor).toEqual(full.state().cursor);
      expect(bounded.state().view).toEqual(full.state().view);
      const m = selectMetrics(bounded.state());
      const n = selectMetrics(full.state());
      expect(m?.sentByKind).toEqual(n?.sentByKind);
      // The rounds a long run keeps: those in the window and the latest METRICS_ROWS before it, numbered from the run's start.
      expect(m?.elections.slice(-METRICS_ROWS)).toEqual(n?.elections.slice(-METRICS_ROWS));
      expect(bounded.state().travelNotice).toBeNull();
    }
    // Stepping by events inside what is kept matches too.
    bounded.state().seekIndex((bounded.state().retention?.start ?? 0) + 10);
    full.state().seekIndex((bounded.state().retention?.start ?? 0) + 10);
    expect(bounded.state().view).toEqual(full.state().view);
  });

  it('the metrics keep the rounds of what is kept, not one entry per round of the whole run', () => {
    const bounded = open(canteen, RETAIN);
    const full = open(canteen);
    bounded.play(1_200_000);
    full.play(1_200_000);
    const from = bounded.state().retention?.fromT ?? 0;
    expect(from).toBeGreaterThan(300_000);
    const m = selectMetrics(bounded.state());
    const n = selectMetrics(full.state());
    if (!m || !n) throw new Error('no metrics');
    // Every cycle of the run is in the unbounded list; the bounded one keeps those since the window began and METRICS_ROWS before.
    expect(n.cycles.length).toBeGreaterThan(200);
    const inWindow = n.cycles.filter((c) => c.t >= from).length;
    expect(m.cycles.length).toBeLessThanOrEqual(inWindow + METRICS_ROWS);
    expect(m.cycles.filter((c) => c.t < from).length).toBeLessThanOrEqual(METRICS_ROWS);
    expect(m.cycles.length).toBeLessThan(n.cycles.length - 50);
    // What the panel shows is the same.
    expect(m.cycles.slice(-METRICS_ROWS)).toEqual(n.cycles.slice(-METRICS_ROWS));
    expect(m.sentByKind).toEqual(n.sentByKind);
  });

  it('before what is kept: the earliest kept moment, and the page says why', () => {
    const s = open(bully, RETAIN);
    s.play(240_000);
    const r = s.state().retention;
    s.state().seek(1000);
    expect(s.state().cursor).toEqual({ index: r?.start, t: r?.fromT });
    expect(s.state().travelNotice).toMatch(/Only the last 4,000 events .* are kept.*exports still hold the whole run/);
    s.state().stepBack();
    expect(s.state().cursor?.index).toBe(r?.start);
    s.state().goLive();
    expect(s.state().cursor).toBeNull();
  });
});
