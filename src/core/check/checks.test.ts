import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { presets } from '../../scenarios/index.ts';
import type { TraceEvent } from '../trace.ts';
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
