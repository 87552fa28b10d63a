import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { bully10 } from './presets.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import { bullySettings } from './settings.ts';
import type { Scenario } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';

const sends = (events: TraceEvent[], kind: string, from = 0): number =>
  events.filter((e) => e.type === 'send' && e.kind === kind && e.t >= from).length;

function leaders(run: ReturnType<typeof simulateInline>): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const id of run.sim.nodeIds()) {
    const n = run.sim.node(id);
    if (n?.alive) out.set(id, n.view?.leader ?? null);
  }
  return out;
}

/** Processes 1..n, coordinator n crashes, process k is told. */
function noticeScenario(n: number, k: number): Scenario {
  const base = customScenario({ algorithm: 'bully', nodes: n, durationMs: 4000 + 100 * n });
  return {
    ...base,
    actions: [
      { at: 1000, type: 'crash', node: n },
      { at: 1500, type: 'notice', node: k },
    ],
  };
}

describe('bully election', () => {
  it('bully-10: 9 wins after 15 ELECTION, 10 OK and 8 COORDINATOR messages', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const run = simulateInline(bully10, seed);
      expect(sends(run.events, 'ELECTION')).toBe(15);
      expect(sends(run.events, 'OK')).toBe(10);
      expect(sends(run.events, 'COORDINATOR')).toBe(8);
      for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(9);
      expect(run.sim.node(9)?.view?.role).toBe('coordinator');
      expect(run.sim.node(10)?.alive).toBe(false);
    }
  });

  it('matches the textbook counts for every noticing process k', () => {
    const n = 12;
    for (let k = 1; k < n; k++) {
      const run = simulateInline(noticeScenario(n, k), 7);
      expect(sends(run.events, 'ELECTION'), `k=${k}`).toBe(((n - k) * (n - k + 1)) / 2);
      expect(sends(run.events, 'OK'), `k=${k}`).toBe(((n - k - 1) * (n - k)) / 2);
      expect(sends(run.events, 'COORDINATOR'), `k=${k}`).toBe(n - 2);
    }
    const worst = simulateInline(noticeScenario(n, 1), 7);
    const total = sends(worst.events, 'ELECTION') + sends(worst.events, 'OK') + sends(worst.events, 'COORDINATOR');
    expect(total).toBe((n - 1) ** 2 + n - 2);
  });

  it('a recovered process with the highest id takes over', () => {
    const run = simulateInline(bully10, 5, { actions: [{ at: 3000, type: 'recover', node: 10 }], until: 6000 });
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(10);
    expect(run.sim.node(10)?.view?.role).toBe('coordinator');
  });

  it('crashing the new coordinator and noticing again elects the next one', () => {
    const run = simulateInline(bully10, 3, {
      actions: [
        { at: 3000, type: 'crash', node: 9 },
        { at: 3200, type: 'notice', node: 2 },
      ],
      until: 7000,
    });
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(8);
  });

  it('detects a crashed coordinator by heartbeat when that is switched on', () => {
    const scenario: Scenario = {
      ...bully10,
      algorithm: { id: 'bully', settings: bullySettings(10, { heartbeat: true }) },
      actions: [{ at: 1000, type: 'crash', node: 10 }],
    };
    const run = simulateInline(scenario, 11, { until: 8000 });
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(9);
    expect(sends(run.events, 'HEARTBEAT')).toBeGreaterThan(0);
  });

  it('shows two coordinators under a partition, and one again after it heals', () => {
    const scenario: Scenario = {
      ...bully10,
      algorithm: { id: 'bully', settings: bullySettings(10, { heartbeat: true }) },
      actions: [
        {
          at: 1000,
          type: 'partition',
          groups: [
            [1, 2, 3, 4, 5],
            [6, 7, 8, 9, 10],
          ],
        },
        { at: 6000, type: 'heal' },
      ],
    };
    const split = simulateInline(scenario, 4, { until: 5500 });
    const coordinators = split.sim.nodeIds().filter((id) => split.sim.node(id)?.view?.role === 'coordinator');
    expect(coordinators).toEqual([5, 10]);
    const healed = simulateInline(scenario, 4, { until: 12_000 });
    for (const [id, leader] of leaders(healed)) expect(leader, `P${id}`).toBe(10);
  });

  it('issue 9 case 2: the old coordinator recovering mid-election ends with everyone on P10', () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (let at = 1650; at <= 1680; at += 5) {
        const run = simulateInline(bully10, seed, { actions: [{ at, type: 'recover', node: 10 }], until: 20_000 });
        for (const [id, leader] of leaders(run)) expect(leader, `seed ${seed}, recovery at ${at}: P${id}`).toBe(10);
      }
    }
  });

  it('issue 14 storm: a notice while the top process is alive costs 15 ELECTION, 15 OK and 9 COORDINATOR', () => {
    const run = simulateInline(bully10, 1, {
      actions: [
        { at: 3000, type: 'recover', node: 10 },
        { at: 6000, type: 'notice', node: 5 },
      ],
      until: 20_000,
    });
    expect([sends(run.events, 'ELECTION', 6000), sends(run.events, 'OK', 6000), sends(run.events, 'COORDINATOR', 6000)]).toEqual([
      15, 15, 9,
    ]);
    for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(10);
  });

  it("every message of one notice carries that notice's episode id", () => {
    const run = simulateInline(bully10, 2);
    const eps = new Set(run.events.flatMap((e) => (e.type === 'send' ? [(e.msg as { ep?: string }).ep] : [])));
    expect([...eps]).toEqual(['P5.1']);
  });

  it('property: one notice never costs more than the textbook worst case, with the top process alive or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 14 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), fc.nat(), (n, kSeed, topDown, seed) => {
        const k = 1 + (kSeed % (n - 1));
        const base = customScenario({ algorithm: 'bully', nodes: n, durationMs: 6000 });
        const actions = topDown
          ? [
              { at: 1000, type: 'crash' as const, node: n },
              { at: 1500, type: 'notice' as const, node: k },
            ]
          : [{ at: 1500, type: 'notice' as const, node: k }];
        const run = simulateInline({ ...base, actions }, seed);
        const top = topDown ? n - 1 : n;
        // Every process from k up holds one election: ELECTION Σ (n − j), one OK per ELECTION to a
        // live process at most, and one announcement to each process below the winner.
        const election = ((n - k) * (n - k + 1)) / 2;
        expect(sends(run.events, 'ELECTION')).toBeLessThanOrEqual(election);
        expect(sends(run.events, 'OK')).toBeLessThanOrEqual(election);
        expect(sends(run.events, 'COORDINATOR')).toBeLessThanOrEqual(top - 1);
        for (const [id, leader] of leaders(run)) expect(leader, `P${id}`).toBe(top);
      }),
      { numRuns: 150 },
    );
  });
});
