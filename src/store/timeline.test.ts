// Time travel's seek: the view at any moment, from the nearest checkpoint plus a replay,
// equals the view folded from the start of the trace; checkpoints land every N events
// whatever the frame sizes.

import { describe, expect, it } from 'vitest';
import type { Scenario, TraceEvent, TrueTime } from '../core/index.ts';
import { simulateInline } from '../hosts/inline.ts';
import { findPreset } from '../scenarios/index.ts';
import { indexAt, TraceTimeline } from './timeline.ts';
import { applyEvents, DROP_VISIBLE_MS, initialTraceView, type TraceView } from './trace-view.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;

/** The view after the first `index` events, folded from the start in one go. */
function fromScratch(scenario: Scenario, events: readonly TraceEvent[], index: number, t: number): TraceView {
  const view = applyEvents(initialTraceView(scenario), events.slice(0, index), t as TrueTime, Number.MAX_SAFE_INTEGER);
  return { ...view, failures: view.failures.filter((f) => f.t <= t && t - f.t < DROP_VISIBLE_MS) };
}

/** What a page shows of a view (frame numbers of drops aside). */
const shown = (v: TraceView) => ({ ...v, failures: v.failures.map(({ frame: _frame, ...f }) => f) });

/** Feeds the trace in frames of pseudo-random sizes (some larger than the checkpoint interval). */
function fold(scenario: Scenario, events: readonly TraceEvent[], every: number): TraceTimeline {
  const line = new TraceTimeline(scenario, every);
  let i = 0;
  let frame = 0;
  while (i < events.length) {
    const size = 1 + ((i * 7919 + 13) % (every * 3));
    const batch = events.slice(i, i + size);
    i += batch.length;
    line.append(batch, (batch[batch.length - 1] as TraceEvent).t as TrueTime, ++frame);
  }
  return line;
}

describe('trace timeline (seek)', () => {
  it('indexAt counts the events at or before t', () => {
    const { events } = simulateInline(preset('bully-10'), 1);
    const t = 1200;
    const k = indexAt(events, t);
    expect(events.slice(0, k).every((e) => e.t <= t)).toBe(true);
    expect(events.slice(k).every((e) => e.t > t)).toBe(true);
    expect(indexAt(events, -1)).toBe(0);
    expect(indexAt(events, Infinity)).toBe(events.length);
  });

  it('puts a checkpoint every N events whatever the frame sizes, and the live view matches a fold from scratch', () => {
    const scenario = preset('berkeley-canteen');
    const { events } = simulateInline(scenario, 1);
    const every = 50;
    const line = fold(scenario, events, every);
    expect(line.length).toBe(events.length);
    expect(line.checkpointCount).toBe(Math.floor(events.length / every) + 1);
    const end = (events[events.length - 1] as TraceEvent).t;
    expect(shown(line.viewAt(events, events.length, end))).toEqual(shown(fromScratch(scenario, events, events.length, end)));
  });

  for (const id of ['bully-10', 'ring-8', 'berkeley-canteen', 'cristian-manipal-buddy']) {
    it(`${id}: the view at any moment equals the view folded from the start`, () => {
      const scenario = preset(id);
      const { events } = simulateInline(scenario, 2, { actions: [{ at: 700, type: 'drift', node: 2, ppm: 30_000 }] });
      const line = fold(scenario, events, 64);
      for (let k = 0; k < 40; k++) {
        const index = Math.floor(((k * 0.6180339887) % 1) * (events.length + 1));
        const t = index > 0 ? (events[index - 1] as TraceEvent).t : 0;
        expect(shown(line.viewAt(events, index, t))).toEqual(shown(fromScratch(scenario, events, index, t)));
      }
    });
  }

  it('bully-10 at 1.2 s: P10 crashed and P9 still a follower; at the end P9 coordinator', () => {
    const scenario = preset('bully-10');
    const { events } = simulateInline(scenario, 1);
    const line = fold(scenario, events, 32);
    const at = line.viewAt(events, indexAt(events, 1200), 1200);
    expect(at.nodes[10]).toMatchObject({ status: 'crashed', role: 'crashed' });
    expect(at.nodes[9]?.role).not.toBe('coordinator');
    const end = line.viewAt(events, events.length, scenario.durationMs);
    expect(end.nodes[9]?.role).toBe('coordinator');
  });
});
