// The whole trace of a run that keeps only its recent events (issue 13): re-simulated from
// the scenario, the seed and the user actions, it equals the unbounded run's, and the JSON
// and ShiViz exports written from it in pieces equal those of the whole trace.

import { describe, expect, it } from 'vitest';
import { exportTrace, type Scenario, shivizParts, toShiviz, type TraceEvent, traceFileParts } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import { wholeTrace } from '../hosts/whole-trace.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';
import { findPreset } from '../scenarios/index.ts';
import { createFakeRunner } from './fake-runner.ts';

const preset = (id: string, durationMs?: number): Scenario => {
  const s = findPreset(id) as Scenario;
  return durationMs === undefined ? s : { ...s, durationMs };
};

describe('whole trace of a run that keeps only its recent events', () => {
  // A run with user actions (a crash and a recovery, as the page's buttons make them), long
  // enough that most of it is dropped.
  const scenario = withHeartbeats(preset('bully-10', 120_000), true) as Scenario;
  const run = () => {
    const runner = createFakeRunner(scenario, 3, undefined, { keep: 2000, chunk: 1000 });
    runner.subscribe(() => undefined);
    for (let t = 0; t < 120_000; t += 500) {
      runner.advance(500);
      if (t === 5000) runner.act({ type: 'crash', node: 10 });
      if (t === 12_000) runner.act({ type: 'recover', node: 10 });
      if (t === 20_000) runner.act({ type: 'notice', node: 2 });
    }
    return runner;
  };

  it('re-simulates the events no longer kept: the same events as the unbounded run, in batches', () => {
    const runner = run();
    expect(runner.trace().length).toBeLessThan(3000);
    expect(runner.traceStart?.()).toBeGreaterThan(1000);
    const full = simulateInline(scenario, 3, { actions: runner.actions() }).events;
    const source = { scenario, seed: 3, actions: runner.actions(), kept: runner.trace(), start: runner.traceStart?.() ?? 0 };
    const total = source.start + source.kept.length;
    const batches = [...wholeTrace(source, 700)];
    expect(batches.every((b) => b.length <= 700)).toBe(true);
    const whole = batches.flat();
    expect(whole.length).toBe(total);
    expect(whole).toEqual(full.slice(0, total));
    // The kept events are the tail of it, object for object equal.
    expect(whole.slice(source.start)).toEqual(source.kept);
  });

  it('the JSON and ShiViz exports written piece by piece equal those of the whole trace', () => {
    const runner = run();
    const source = { scenario, seed: 3, actions: runner.actions(), kept: runner.trace(), start: runner.traceStart?.() ?? 0 };
    const all = [...wholeTrace(source)].flat();
    const nameOf = (id: number): string => `P${id}`;
    expect([...traceFileParts('bully-10', 3, wholeTrace(source, 999))].join('')).toBe(exportTrace('bully-10', 3, all));
    expect([...shivizParts(wholeTrace(source, 999), nameOf)].join('')).toBe(toShiviz(all, nameOf));
  });

  it('says so when the re-simulation parts from the kept events, instead of writing another run', () => {
    const runner = run();
    const kept = runner.trace().map((e, i) => (i === 5 ? ({ ...e, t: e.t + 1 } as TraceEvent) : e));
    const source = { scenario, seed: 3, actions: runner.actions(), kept, start: runner.traceStart?.() ?? 0 };
    expect(() => [...wholeTrace(source)]).toThrow(/differs from the live one/);
  });

  it('a run that keeps everything exports its kept events as they are', () => {
    const events = simulateInline(preset('ring-8'), 1).events;
    expect([...wholeTrace({ scenario: preset('ring-8'), seed: 1, actions: [], kept: events, start: 0 }, 100)].flat()).toEqual(events);
  });
});
