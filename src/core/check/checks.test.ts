import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { presets } from '../../scenarios/index.ts';
import { bullySettings } from '../algorithms/bully/settings.ts';
import type { UserAction } from '../scenario.ts';
import type { TraceEvent } from '../trace.ts';
import { RunMonitor } from './monitor.ts';
import { checkBerkeley, checkCristianBound, checkMonotonicClocks } from './clock-sync.ts';
import { checkElectionConvergence, checkElectionSafety } from './elections.ts';

const mutate = (events: TraceEvent[], pick: (e: TraceEvent) => boolean, change: (e: TraceEvent) => TraceEvent): TraceEvent[] => {
  let done = false;
  return events.map((e) => {
    if (done || !pick(e)) return e;
    done = true;
    return change(structuredClone(e));
  });
};

describe('invariant checkers on the lab presets', () => {
  for (const scenario of presets) {
    it(`${scenario.id} breaks no invariant over 10 seeds`, () => {
      for (let seed = 1; seed <= 10; seed++) {
        const { events } = simulateInline(scenario, seed);
        const violations = [...checkMonotonicClocks(events)];
        if (scenario.algorithm.id === 'bully' || scenario.algorithm.id === 'ring') {
          violations.push(...checkElectionSafety(events, { maxOverlapMs: 60 }), ...checkElectionConvergence(events));
        }
        if (scenario.algorithm.id === 'cristian') violations.push(...checkCristianBound(events));
        if (scenario.algorithm.id === 'berkeley') violations.push(...checkBerkeley(events));
        expect(violations, `${scenario.id} seed ${seed}`).toEqual([]);
      }
    });
  }
});

describe('the checkers catch broken traces', () => {
  it('election convergence: a node naming the wrong coordinator', () => {
    const { events } = simulateInline(
      presets.find((p) => p.id === 'bully-10')!,
      1,
    );
    const broken = [...events, { ...structuredClone(events.at(-1)!), type: 'role', node: 3, role: 'follower', leader: 10 } as TraceEvent];
    expect(checkElectionConvergence(broken).map((v) => v.invariant)).toContain('agreement');
  });

  it('election safety: a lower process taking over while a higher one leads, and a long overlap', () => {
    const { events } = simulateInline(
      presets.find((p) => p.id === 'bully-10')!,
      1,
    );
    const last = events.at(-1)!;
    const broken = [
      ...events,
      { ...structuredClone(last), seq: last.seq + 1, type: 'role', node: 4, role: 'coordinator', leader: 4 } as TraceEvent,
    ];
    expect(checkElectionSafety(broken, { maxOverlapMs: 60 }).map((v) => v.invariant)).toContain('highest leads');
    const later = [
      ...broken,
      {
        ...structuredClone(last),
        seq: last.seq + 2,
        t: last.t + 500,
        type: 'note',
        node: 1,
        topic: 'x',
        text: 'x',
        data: null,
      } as TraceEvent,
    ];
    expect(checkElectionSafety(later, { maxOverlapMs: 60 }).map((v) => v.invariant)).toContain('one coordinator');
  });

  it('Cristian: a sync that claims a tighter bound than it achieved', () => {
    const { events } = simulateInline(
      presets.find((p) => p.id === 'cristian-manipal-buddy')!,
      1,
    );
    expect(checkCristianBound(events)).toEqual([]);
    const broken = mutate(
      events,
      (e) => e.type === 'note' && e.topic === 'cristian-sync' && e.node === 2,
      (e) => (e.type === 'note' && e.data ? { ...e, data: { ...e.data, after: Number(e.data['after']) + 500 } } : e),
    );
    expect(checkCristianBound(broken).map((v) => v.invariant)).toEqual(['cristian bound']);
  });

  it('Berkeley: an average that counts an ignored outlier, and a clock stepped too far', () => {
    const { events } = simulateInline(
      presets.find((p) => p.id === 'berkeley-canteen')!,
      1,
    );
    const badAverage = mutate(
      events,
      (e) => e.type === 'note' && e.topic === 'berkeley-cycle',
      (e) => (e.type === 'note' && e.data ? { ...e, data: { ...e.data, averageMs: Number(e.data['averageMs']) + 100 } } : e),
    );
    expect(checkBerkeley(badAverage).map((v) => v.invariant)).toContain('berkeley average');
    const stepMode = {
      ...presets.find((p) => p.id === 'berkeley-basic')!,
      algorithm: {
        id: 'berkeley' as const,
        settings: { masterId: 1, periodMs: 5000, thresholdMs: 400, mode: 'step' as const, pollTimeoutMs: 1000 },
      },
    };
    const run = simulateInline(stepMode, 2);
    expect(checkBerkeley(run.events)).toEqual([]);
    const farOff = mutate(
      run.events,
      (e) => e.type === 'adjust' && e.node === 3 && e.t > 6000,
      (e) => (e.type === 'adjust' ? { ...e, deltaMs: e.deltaMs + 300 } : e),
    );
    expect(checkBerkeley(farOff).map((v) => v.invariant)).toContain('berkeley spread');
  });

  it('monotonic clocks: a reading that goes back without a step', () => {
    const { events } = simulateInline(
      presets.find((p) => p.id === 'berkeley-basic')!,
      1,
    );
    const broken = mutate(
      events,
      (e) => e.type === 'deliver' && e.t > 10_000,
      (e) => (e.type === 'deliver' ? { ...e, local: 0 as typeof e.local } : e),
    );
    expect(checkMonotonicClocks(broken).map((v) => v.invariant)).toEqual(['monotonic clock']);
  });
});

describe('live monitors (issue 9)', () => {
  const bully10 = presets.find((p) => p.id === 'bully-10')!;
  const halves: UserAction[] = [
    {
      at: 2000,
      type: 'partition',
      groups: [
        [1, 2, 3, 4, 5],
        [6, 7, 8, 9, 10],
      ],
    },
    { at: 2500, type: 'notice', node: 3 },
    { at: 2500, type: 'notice', node: 7 },
    { at: 5000, type: 'heal' },
  ];

  it('issue 9 case 7: split brain after a partition heals is flagged on both coordinators without heartbeats', () => {
    const run = simulateInline({ ...bully10, actions: [{ at: 1000, type: 'crash', node: 10 }] }, 1, { actions: halves, until: 12_000 });
    const monitor = new RunMonitor();
    for (const e of run.events) monitor.push(e);
    monitor.flush();
    const split = monitor.violations.filter((v) => v.invariant === 'two coordinators');
    expect(split.map((v) => v.node)).toEqual([5, 9]);
    expect(run.sim.node(5)?.view?.role).toBe('coordinator');
    expect(run.sim.node(9)?.view?.role).toBe('coordinator');
  });

  it('issue 9 case 7: with heartbeats the healed halves converge on the highest live process', () => {
    const scenario = {
      ...bully10,
      algorithm: { id: 'bully' as const, settings: bullySettings(10, { heartbeat: true }) },
      actions: [{ at: 1000, type: 'crash' as const, node: 10 }],
    };
    const run = simulateInline(scenario, 1, { actions: halves, until: 15_000 });
    expect(checkElectionConvergence(run.events)).toEqual([]);
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(run.sim.node(id)?.view?.leader).toBe(9);
  });

  it('finds each violation on the event that reveals it, as the page feeds it', () => {
    const cristian = presets.find((p) => p.id === 'cristian-manipal-buddy')!;
    const { events } = simulateInline(cristian, 1);
    const broken = mutate(
      events,
      (e) => e.type === 'note' && e.topic === 'cristian-sync' && e.node === 2,
      (e) => (e.type === 'note' && e.data ? { ...e, data: { ...e.data, after: Number(e.data['after']) + 500 } } : e),
    );
    const monitor = new RunMonitor();
    const at = broken.findIndex((e) => monitor.push(e).length > 0);
    const e = broken[at]!;
    expect(e.type === 'note' && e.topic).toBe('cristian-sync');
    expect(monitor.violations).toMatchObject([{ invariant: 'cristian bound', node: 2 }]);
  });
});
