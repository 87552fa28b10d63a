import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { presets } from '../scenarios/index.ts';
import { buildClockChart } from './clock-chart-model.ts';

const preset = (id: string) => presets.find((p) => p.id === id)!;

describe('clock chart model', () => {
  it('cristian-manipal-buddy: a mark per sync with its bound around the server, inside which the new clock lies', () => {
    const run = simulateInline(preset('cristian-manipal-buddy'), 1);
    const model = buildClockChart(run.events, run.sim.now, 1);
    const syncs = run.events.filter((e) => e.type === 'note' && e.topic === 'cristian-sync');
    expect(model.marks).toHaveLength(syncs.length);
    for (const m of model.marks) {
      expect(m.bound).not.toBeNull();
      expect(m.offsetMs).toBeGreaterThanOrEqual(m.bound!.low - 0.5);
      expect(m.offsetMs).toBeLessThanOrEqual(m.bound!.high + 0.5);
    }
    for (const node of [2, 3]) {
      const own = model.marks.filter((m) => m.node === node);
      own.forEach((m, i) => expect(m.until).toBe(own[i + 1]?.t ?? run.sim.now));
    }
    expect([...model.series.keys()]).toEqual([1, 2, 3]);
    expect(model.extent.low).toBeLessThan(-700); // MOBILE starts 750 ms slow
  });

  it('berkeley-canteen: one shaded span per cycle, and an adjustment mark per node per cycle', () => {
    const run = simulateInline(preset('berkeley-canteen'), 1);
    const model = buildClockChart(run.events, run.sim.now, 1);
    const cycles = run.events.filter((e) => e.type === 'note' && e.topic === 'berkeley-cycle');
    expect(model.cycles.map((c) => c.cycle)).toEqual(cycles.map((_, i) => i + 1));
    for (const c of model.cycles) expect(c.to).toBeGreaterThan(c.from);
    expect(model.marks.length).toBe(run.events.filter((e) => e.type === 'note' && e.topic === 'berkeley-adjust').length);
  });
});
