import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { presets } from '../scenarios/index.ts';
import { arrowsIn, buildSpaceTime, nearestArrow, SpaceTimeBuilder } from './spacetime-model.ts';

const preset = (id: string) => presets.find((p) => p.id === id)!;

describe('space-time model', () => {
  it('has one delivered arrow per delivered message, and drops end as drops', () => {
    const run = simulateInline(preset('bully-10'), 1);
    const model = buildSpaceTime(run.events);
    expect(model.lanes).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(model.arrows.filter((a) => a.outcome === 'delivered')).toHaveLength(run.sim.stats.delivered);
    expect(model.arrows.filter((a) => a.outcome === 'dropped')).toHaveLength(run.sim.stats.dropped);
    expect(model.arrows.filter((a) => a.outcome === 'dropped').every((a) => a.to === 10 && a.reason === 'crashed')).toBe(true);
  });

  it('shows a crashed node as a gap and leaders as bands', () => {
    const run = simulateInline(preset('bully-10'), 1, { actions: [{ at: 3000, type: 'recover', node: 10 }], until: 6000 });
    const model = buildSpaceTime(run.events);
    expect(model.gaps).toEqual([{ node: 10, from: 1000, to: 3000, label: 'down' }]);
    const ten = model.bands.filter((b) => b.node === 10);
    expect(ten[0]).toMatchObject({ from: 0, to: 1000 });
    expect(ten[1]?.to).toBe(Infinity);
    const nine = model.bands.find((b) => b.node === 9);
    expect(nine && nine.to > nine.from).toBe(true);
  });

  it('builds the same model incrementally as in one go', () => {
    const run = simulateInline(preset('berkeley-canteen'), 2);
    const builder = new SpaceTimeBuilder('local');
    for (let n = 0; n <= run.events.length; n += 97) builder.update(run.events.slice(0, n));
    builder.update(run.events);
    expect(JSON.stringify(builder.model())).toBe(JSON.stringify(buildSpaceTime(run.events, 'local')));
  });

  it('places events at local time on the local axis, so skew shows', () => {
    const run = simulateInline(preset('cristian-basic'), 1, { until: 4000 });
    const local = buildSpaceTime(run.events, 'local');
    const client = run.events.find((e) => e.type === 'send' && e.node === 2);
    const arrow = local.arrows.find((a) => a.from === 2)!;
    expect(client?.type === 'send' && arrow.sendX).toBe(client?.type === 'send' ? client.local : NaN);
    expect(arrow.sendX).not.toBeCloseTo(arrow.sendT, 0);
  });

  it('finds the arrows crossing a window and the one under the pointer', () => {
    const run = simulateInline(preset('ring-8'), 3);
    const model = buildSpaceTime(run.events);
    const pivot = model.arrows[6]!;
    const [x0, x1] = [pivot.sendX - 30, pivot.sendX + 30];
    const expected = model.arrows.filter((a) => Math.max(a.sendX, a.arriveX) >= x0 && Math.min(a.sendX, a.arriveX) <= x1);
    expect(arrowsIn(model, x0, x1)).toEqual(expected);
    const target = expected[0]!;
    expect(expected.length).toBeGreaterThan(1);
    const xToPx = (x: number) => x - x0;
    const laneToPx = (node: number) => node * 40;
    const mid = { px: (xToPx(target.sendX) + xToPx(target.arriveX)) / 2, py: (laneToPx(target.from) + laneToPx(target.to)) / 2 };
    expect(nearestArrow(expected, mid.px, mid.py, xToPx, laneToPx)).toBe(target);
    expect(nearestArrow(expected, mid.px, mid.py + 500, xToPx, laneToPx)).toBeNull();
  });
});
