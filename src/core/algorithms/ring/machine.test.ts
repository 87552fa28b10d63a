import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import { ringSettings } from './settings.ts';
import { ring8 } from './presets.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import type { RingSettings } from './machine.ts';

const sends = (events: TraceEvent[], kind: string): number => events.filter((e) => e.type === 'send' && e.kind === kind).length;
const ringSends = (events: TraceEvent[]): number =>
  events.filter((e) => e.type === 'send' && e.kind !== 'ACK' && e.kind !== 'HEARTBEAT').length;

function leaders(run: ReturnType<typeof simulateInline>): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const id of run.sim.nodeIds()) {
    const n = run.sim.node(id);
    if (n?.alive) out.set(id, n.view?.leader ?? null);
  }
  return out;
}

function ring(n: number, actions: UserAction[], patch: Partial<RingSettings> = {}): Scenario {
  const base = customScenario({ algorithm: 'ring', nodes: n, durationMs: 20_000 });
  return { ...base, algorithm: { id: 'ring', settings: ringSettings(n, n, patch) }, actions };
}

describe('ring election (list variant)', () => {
  it('ring-8: the message collects [5, 6, 7, 1, 2, 3, 4] and elects 7', () => {
    for (const seed of [1, 2, 3, 99]) {
      const run = simulateInline(ring8, seed);
      const complete = run.events.find((e) => e.type === 'note' && e.topic === 'ring-complete');
      expect(complete?.type === 'note' && complete.data?.['ids']).toEqual([5, 6, 7, 1, 2, 3, 4]);
      for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(7);
      expect(run.sim.node(7)?.view?.role).toBe('coordinator');
      // 8 ELECTION and 8 COORDINATOR sends, each including the one attempt at the crashed 8.
      expect(sends(run.events, 'ELECTION')).toBe(8);
      expect(sends(run.events, 'COORDINATOR')).toBe(8);
      expect(sends(run.events, 'ACK')).toBe(14);
    }
  });

  it('a single initiator costs between 2n and 3n−1 messages, acknowledgements apart', () => {
    for (const n of [3, 5, 8, 13]) {
      for (let k = 1; k < n; k++) {
        const run = simulateInline(
          ring(n, [
            { at: 500, type: 'crash', node: n },
            { at: 800, type: 'notice', node: k },
          ]),
          k,
        );
        const count = ringSends(run.events);
        expect(count, `n=${n} k=${k}`).toBeGreaterThanOrEqual(2 * n);
        expect(count, `n=${n} k=${k}`).toBeLessThanOrEqual(3 * n - 1);
        for (const [id, leader] of leaders(run)) expect(leader, `n=${n} k=${k} P${id}`).toBe(n - 1);
      }
    }
  });

  it('two concurrent initiators both elect the same coordinator', () => {
    const run = simulateInline(
      ring(8, [
        { at: 500, type: 'crash', node: 8 },
        { at: 800, type: 'notice', node: 2 },
        { at: 800, type: 'notice', node: 5 },
      ]),
      3,
    );
    const winners = run.events
      .filter((e) => e.type === 'note' && e.topic === 'ring-complete')
      .map((e) => (e.type === 'note' ? e.data?.['leader'] : null));
    expect(winners).toEqual([7, 7]);
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(7);
  });

  it('skips several crashed successors in a row', () => {
    const run = simulateInline(
      ring(8, [
        { at: 100, type: 'crash', node: 8 },
        { at: 100, type: 'crash', node: 1 },
        { at: 100, type: 'crash', node: 2 },
        { at: 500, type: 'notice', node: 6 },
      ]),
      5,
    );
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(7);
  });
});

describe('ring election (Chang-Roberts)', () => {
  const everyone = (n: number): UserAction[] => Array.from({ length: n }, (_, i) => ({ at: 500, type: 'notice' as const, node: i + 1 }));

  it('with every process initiating in increasing ring order: 2n−1 ELECTION messages (best case) plus n ELECTED', () => {
    for (const n of [4, 8, 16]) {
      const run = simulateInline(ring(n, everyone(n), { variant: 'chang-roberts' }), 1);
      expect(sends(run.events, 'ELECTION'), `n=${n}`).toBe(2 * n - 1);
      expect(sends(run.events, 'ELECTED'), `n=${n}`).toBe(n);
      for (const [, leader] of leaders(run)) expect(leader).toBe(n);
    }
  });

  it('with every process initiating in decreasing ring order: n(n+1)/2 ELECTION messages (worst case)', () => {
    for (const n of [4, 8, 16]) {
      const order = Array.from({ length: n }, (_, i) => n - i);
      const run = simulateInline(ring(n, everyone(n), { variant: 'chang-roberts', order }), 1);
      expect(sends(run.events, 'ELECTION'), `n=${n}`).toBe((n * (n + 1)) / 2);
      expect(sends(run.events, 'ELECTED'), `n=${n}`).toBe(n);
      for (const [, leader] of leaders(run)) expect(leader).toBe(n);
    }
  });

  it('averages about n·Hn over random ring orders', () => {
    const n = 12;
    const harmonic = Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
    let total = 0;
    const trials = 60;
    for (let s = 1; s <= trials; s++) {
      // a deterministic shuffle per trial
      const order = Array.from({ length: n }, (_, i) => i + 1);
      let x = s * 2654435761;
      for (let i = n - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const j = x % (i + 1);
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const run = simulateInline(ring(n, everyone(n), { variant: 'chang-roberts', order }), s);
      total += sends(run.events, 'ELECTION');
    }
    const mean = total / trials;
    expect(mean).toBeGreaterThan(n * harmonic * 0.8);
    expect(mean).toBeLessThan(n * harmonic * 1.25);
  });

  it('issue 9 case 1: the winner crashing while its announcement goes round is not followed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = simulateInline(ring8, seed, { actions: [{ at: 1800, type: 'crash', node: 7 }], until: 30_000 });
      for (const [id, leader] of leaders(run)) expect(leader, `seed ${seed}: P${id}`).toBe(6);
    }
    const cr = ring(8, [
      { at: 1000, type: 'crash', node: 8 },
      { at: 1500, type: 'notice', node: 5 },
      { at: 1800, type: 'crash', node: 7 },
    ]);
    const run = simulateInline({ ...cr, algorithm: { id: 'ring', settings: ringSettings(8, 8, { variant: 'chang-roberts' }) } }, 1, {
      until: 30_000,
    });
    for (const [id, leader] of leaders(run)) expect(leader, `chang-roberts P${id}`).toBe(6);
  });
});
