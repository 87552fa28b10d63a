import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { findPreset } from '../scenarios/index.ts';
import { LAN } from './algorithms/lan.ts';
import { algorithmFor } from './algorithms/registry.ts';
import { Network, type LinkSettings } from './network.ts';
import type { Scenario, UserAction } from './scenario.ts';
import { EXPONENTIAL_QUANTILE, timeoutRisks } from './timeouts.ts';
import type { TraceEvent } from './trace.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;
const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);

function byKind(events: readonly TraceEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) if (e.type === 'send') out[e.kind] = (out[e.kind] ?? 0) + 1;
  return out;
}

const elected = (events: readonly TraceEvent[]): number[] =>
  events.flatMap((e) => (e.type === 'note' && e.topic === 'elected' ? [e.node] : []));

/** Every live node's coordinator at the end. */
function views(run: ReturnType<typeof simulateInline>): (number | null)[] {
  return run.sim
    .nodeIds()
    .filter((id) => run.sim.node(id)?.alive)
    .map((id) => run.sim.node(id)?.view?.leader ?? null);
}

const slowNetwork = (patch: Partial<LinkSettings>, at = 500): UserAction => ({ at, type: 'network', patch });

describe('Network.maxDelay', () => {
  it('is the largest base latency plus jitter over the defaults and every link, and follows every change', () => {
    const net = new Network([1, 2, 3], LAN);
    expect(net.maxDelay()).toBe(30);
    net.setDefaults({ latencyMs: 500 });
    expect(net.maxDelay()).toBe(510);
    net.setLink(1, 2, { latencyMs: 2000, jitterMs: 0 });
    expect(net.maxDelay()).toBe(2000);
    net.setLink(1, 2, { latencyMs: 20 });
    expect(net.maxDelay()).toBe(510);
    net.setDefaults({ latencyMs: 20, jitter: 'none' });
    expect(net.maxDelay()).toBe(20);
    net.setDefaults({ jitter: 'exponential', jitterMs: 10 });
    expect(net.maxDelay()).toBeCloseTo(20 + 10 * EXPONENTIAL_QUANTILE, 9);
  });
});

describe('timeouts scale with the network', () => {
  it('leave every preset as it was on its own network (the configured timeouts are the floor)', () => {
    for (const id of ['bully-10', 'ring-8', 'berkeley-basic', 'berkeley-canteen', 'cristian-basic', 'cristian-manipal-buddy']) {
      const p = preset(id);
      const rules = algorithmFor(p.algorithm.id).timeouts;
      const net = new Network(
        p.nodes.map((n) => n.id),
        p.network.defaults,
        p.network.links,
      );
      expect(rules.scale(p.algorithm.settings, { oneWayMs: net.maxDelay(), nodes: p.nodes.length }), id).toEqual(p.algorithm.settings);
    }
  });

  it('bully-10 with 500 ms latency: P9 alone is elected, after 33 messages (fixed 150 ms timeouts: five coordinators, 55)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = simulateInline(preset('bully-10'), seed, { actions: [slowNetwork({ latencyMs: 500 })], until: 30_000 });
      expect(elected(run.events)).toEqual([9]);
      expect(byKind(run.events)).toEqual({ ELECTION: 15, OK: 10, COORDINATOR: 8 });
      expect(new Set(views(run))).toEqual(new Set([9]));

      const fixed = simulateInline({ ...preset('bully-10'), timeouts: 'fixed' }, seed, {
        actions: [slowNetwork({ latencyMs: 500 })],
        until: 30_000,
      });
      expect(elected(fixed.events).length).toBe(5);
      expect(fixed.sim.stats.sent).toBe(55);
    }
  });

  it('ring-8 with 500 ms latency: [5, 6, 7, 1, 2, 3, 4] elects 7 once, with the messages of the LAN run (fixed: a storm)', () => {
    for (const seed of [1, 2, 3]) {
      const lan = simulateInline(preset('ring-8'), seed);
      const run = simulateInline(preset('ring-8'), seed, { actions: [slowNetwork({ latencyMs: 500 })], until: 60_000 });
      const complete = run.events.filter((e) => e.type === 'note' && e.topic === 'ring-complete');
      expect(complete.map((e) => (e.type === 'note' ? e.data?.['ids'] : null))).toEqual([[5, 6, 7, 1, 2, 3, 4]]);
      expect(elected(run.events)).toEqual([7]);
      expect(byKind(run.events)).toEqual(byKind(lan.events));
      expect(new Set(views(run))).toEqual(new Set([7]));

      const fixed = simulateInline({ ...preset('ring-8'), timeouts: 'fixed' }, seed, {
        actions: [slowNetwork({ latencyMs: 500 })],
        until: 5000,
      });
      expect(elected(fixed.events).length).toBeGreaterThan(1);
      expect(fixed.sim.stats.sent).toBeGreaterThan(400);
    }
  });

  it('property: bully-10 elects P9 alone with 33 messages at any latency and bounded jitter the page accepts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom<LinkSettings['jitter']>('none', 'uniform', 'normal'),
        fc.integer({ min: 0, max: 1000 }),
        (latencyMs, jitterMs, jitter, seed) => {
          const d = latencyMs + jitterMs;
          const run = simulateInline(preset('bully-10'), seed, {
            actions: [slowNetwork({ latencyMs, jitterMs, jitter })],
            until: 2000 + 12 * d,
          });
          expect(elected(run.events)).toEqual([9]);
          expect(run.sim.stats.sent).toBe(33);
          expect(new Set(views(run))).toEqual(new Set([9]));
        },
      ),
      { numRuns: 150, seed: SEED },
    );
  });

  it('property: slowing single links (before the election) never makes a second coordinator, in Bully or the ring', () => {
    const link = fc.record({
      from: fc.integer({ min: 1, max: 10 }),
      to: fc.integer({ min: 1, max: 10 }),
      latencyMs: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(link, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('bully-10', 'ring-8'),
        fc.integer({ min: 0, max: 1000 }),
        (links, id, seed) => {
          const p = preset(id);
          const n = p.nodes.length;
          const actions: UserAction[] = links
            .filter((l) => l.from !== l.to && l.from <= n && l.to <= n)
            .map((l) => ({ at: 500, type: 'link', from: l.from, to: l.to, patch: { latencyMs: l.latencyMs } }));
          const slowest = Math.max(0, ...actions.map((a) => (a.type === 'link' ? (a.patch.latencyMs ?? 0) : 0)));
          const run = simulateInline(p, seed, { actions, until: 2000 + 4 * n * 5 * (slowest + 30) });
          const winner = id === 'bully-10' ? 9 : 7;
          expect(elected(run.events)).toEqual([winner]);
          expect(new Set(views(run))).toEqual(new Set([winner]));
        },
      ),
      { numRuns: 100, seed: SEED },
    );
  });

  it('Berkeley at 500 ms hears every slave in every cycle; Cristian at 2 s never times out', () => {
    const berkeley = simulateInline(preset('berkeley-canteen'), 1, { actions: [slowNetwork({ latencyMs: 500 }, 0)] });
    const cycles = berkeley.events.filter((e) => e.type === 'note' && e.topic === 'berkeley-cycle');
    expect(cycles.length).toBeGreaterThan(5);
    for (const c of cycles) expect(c.type === 'note' ? c.data?.['missing'] : null).toEqual([]);

    const cristian = simulateInline(preset('cristian-basic'), 1, { actions: [slowNetwork({ latencyMs: 2000 }, 0)] });
    expect(cristian.events.filter((e) => e.type === 'note' && e.topic === 'cristian-timeout')).toHaveLength(0);
    expect(cristian.events.filter((e) => e.type === 'note' && e.topic === 'cristian-sync').length).toBeGreaterThan(2);
  });
});

describe('timeoutRisks', () => {
  it('names exponential jitter and loss, and nothing on a bounded, lossless network', () => {
    expect(timeoutRisks([LAN, { ...LAN, latencyMs: 5000, jitterMs: 5000, jitter: 'normal' }])).toEqual([]);
    expect(timeoutRisks([{ ...LAN, jitter: 'exponential' }])[0]).toMatch(/Exponential jitter/);
    expect(timeoutRisks([LAN, { ...LAN, loss: 0.1 }])[0]).toMatch(/Lost messages/);
  });
});
