// The run index the views read: fed frame by frame it gives what a fold of the whole trace
// gives (metrics, clock offsets, diagram), at any earlier moment too, and a chart of any
// window stays a bounded drawing however long the run.

import { describe, expect, it } from 'vitest';
import { offsetSeries, type Scenario, type TraceEvent } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import { findPreset } from '../scenarios/index.ts';
import { ClockIndex, MAX_MARKS } from './clock-chart-model.ts';
import { createFakeRunner, type FakeRunner } from './fake-runner.ts';
import { createLabStore } from './lab-store.ts';
import { buildMetrics } from './metrics-model.ts';
import { selectMetrics, selectRefresh } from './selectors.ts';
import { buildSpaceTime } from './spacetime-model.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;

describe('run index in the store', () => {
  it('bully-10 fed frame by frame: the metrics and the diagram equal those of the whole trace', () => {
    const store = createLabStore(createFakeRunner);
    store.getState().load(preset('bully-10'), 1);
    const runner = store.getState().runner as FakeRunner;
    for (let i = 0; i < 40; i++) runner.advance(137);
    const trace = runner.trace();
    const s = store.getState();
    expect(s.traceVersion).toBe(trace.length);
    const whole = buildMetrics(trace, s.scenario!.algorithm, 10);
    const m = selectMetrics(s)!;
    expect(m.sentByKind).toEqual(whole.sentByKind);
    expect(m.elections).toEqual(whole.elections);
    // The selector hands out the same object until its refresh key moves.
    expect(selectMetrics(store.getState())).toBe(m);
    const diagram = s.index!.diagram('true').model();
    const direct = buildSpaceTime(trace);
    expect(diagram.arrows.length).toBe(direct.arrows.length);
    expect(s.index!.diagram('true').deliveredBy(s.now)).toBe(direct.arrows.filter((a) => a.outcome === 'delivered').length);
    // An axis asked for late is built from the start and then kept up to date.
    expect(s.index!.diagram('local').model().dots.length).toBe(buildSpaceTime(trace, 'local').dots.length);
  });

  it('scrubbed: the metrics are those of the trace up to the cursor, and an election still running then is marked', () => {
    const store = createLabStore(createFakeRunner);
    store.getState().load(preset('bully-10'), 1);
    const runner = store.getState().runner as FakeRunner;
    runner.advance(6000);
    const trace = runner.trace();
    const firstElection = trace.findIndex((e) => e.type === 'send' && e.kind === 'ELECTION');
    const at = firstElection + 5;
    store.getState().seekIndex(at);
    const s = store.getState();
    expect(selectRefresh(s)).toMatch(/^past:/);
    const m = selectMetrics(s)!;
    expect(m.cutAt).toBe(s.cursor!.t);
    expect(m.sentByKind).toEqual(buildMetrics(trace.slice(0, at), s.scenario!.algorithm, 10).sentByKind);
    expect(m.elections).toHaveLength(1);
    expect(m.elections[0]!.endMs).toBeGreaterThan(m.cutAt!);
  });
});

describe('clock index', () => {
  it('berkeley-canteen: offsets read from the clock changes equal the sampled replay of the trace', () => {
    const run = simulateInline(preset('berkeley-canteen'), 1);
    const index = new ClockIndex();
    for (const e of run.events) index.push(e);
    const now = run.sim.now;
    const model = index.model(0, now, now, 1, 100);
    const sampled = offsetSeries(run.events, now, 500);
    for (const [id, points] of sampled) {
      const ours = model.series.get(id)!;
      // Every 500 ms grid point that is not on a clock change is among ours, with the same offset.
      for (const p of points.filter((q) => q.t % 500 === 0)) {
        const same = ours.filter((q) => q.t === p.t);
        if (same.length !== 1) continue; // a change at exactly that instant: both sides are drawn
        expect(same[0]!.offsetMs).toBeCloseTo(p.offsetMs, 6);
      }
    }
  });

  it('a long run: a window shows only its own marks, a whole-run chart at most MAX_MARKS of them, nothing after the cut', () => {
    const scenario = preset('cristian-manipal-buddy');
    const run = simulateInline({ ...scenario, durationMs: 1_800_000 }, 1);
    const index = new ClockIndex();
    for (const e of run.events) index.push(e);
    const syncs = run.events.filter((e): e is TraceEvent & { type: 'note' } => e.type === 'note' && e.topic === 'cristian-sync');
    expect(syncs.length).toBeGreaterThan(MAX_MARKS);
    const now = run.sim.now;
    const whole = index.model(0, now, now, 1);
    expect(whole.marks.length).toBeLessThanOrEqual(MAX_MARKS);
    expect(whole.thinned).toBe(true);
    const window = index.model(now - 60_000, now, now, 1);
    expect(window.marks.length).toBe(syncs.filter((e) => e.t >= now - 60_000).length);
    const cut = 300_000;
    const past = index.model(cut - 60_000, cut, cut, 1);
    expect(past.marks.every((m) => m.t <= cut && m.until <= cut)).toBe(true);
    for (const points of past.series.values()) expect(points.every((p) => p.t <= cut)).toBe(true);
    // 400 samples, and both sides of at most as many changes.
    for (const points of whole.series.values()) expect(points.length).toBeLessThanOrEqual(3 * 400 + 2);
  });
});
