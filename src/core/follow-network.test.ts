// Waits already running when the network slows, and clocks that measure waits fast
// (timeouts.ts, Simulation.followNetwork): slowing the network in the middle of an election,
// or running a clock 50% fast or slow (the most the page accepts), leaves the outcome the
// lab printed — bully-10: P9 alone after 15 ELECTION + 10 OK + 8 COORDINATOR; ring-8: 7
// once, with the LAN run's messages.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { findPreset } from '../scenarios/index.ts';
import { LAN } from './algorithms/lan.ts';
import { quietMs, type TokenRingSettings } from './algorithms/token-ring/machine.ts';
import { tokenRingTimeouts } from './algorithms/token-ring/settings.ts';
import { MAX_DRIFT_PPM } from './limits.ts';
import { networkDelayBound } from './timeouts.ts';
import { customScenario } from '../scenarios/custom.ts';
import type { Scenario, UserAction } from './scenario.ts';
import type { TraceEvent } from './trace.ts';

const preset = (id: string): Scenario => findPreset(id) as Scenario;
const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);
const TEXTBOOK = { ELECTION: 15, OK: 10, COORDINATOR: 8 };

function byKind(events: readonly TraceEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) if (e.type === 'send') out[e.kind] = (out[e.kind] ?? 0) + 1;
  return out;
}

const elected = (events: readonly TraceEvent[]): number[] =>
  events.flatMap((e) => (e.type === 'note' && e.topic === 'elected' ? [e.node] : []));

const timers = (events: readonly TraceEvent[], key: string): number => events.filter((e) => e.type === 'timer' && e.key === key).length;

/** Every live node's coordinator at the end. */
function leaders(run: ReturnType<typeof simulateInline>): Set<number | null> {
  return new Set(
    run.sim
      .nodeIds()
      .filter((id) => run.sim.node(id)?.alive)
      .map((id) => run.sim.node(id)?.view?.leader ?? null),
  );
}

/** True times at which something happens during the LAN run's election: each is a moment to slow the network at. */
function electionMoments(id: string, seed: number): number[] {
  const lan = simulateInline(preset(id), seed);
  const start = lan.events.find((e) => e.type === 'action' && e.action.type === 'notice')?.t ?? 0;
  const end = Math.max(...lan.events.filter((e) => e.type === 'send').map((e) => e.t));
  const moments = lan.events.filter((e) => e.t > start && e.t <= end && (e.type === 'deliver' || e.type === 'send')).map((e) => e.t);
  return [...new Set([start, ...moments])];
}

describe('a network slowed while waits run', () => {
  it('bully-10 slowed to 500 ms at any moment of the election elects P9 alone with the textbook 33 messages', () => {
    for (const seed of [1, 2, 3]) {
      const moments = electionMoments('bully-10', seed);
      expect(moments.length).toBeGreaterThan(20);
      for (const at of moments) {
        const run = simulateInline(preset('bully-10'), seed, {
          actions: [{ at: at + 0.5, type: 'network', patch: { latencyMs: 500 } }],
          until: 30_000,
        });
        expect(elected(run.events), `seed ${seed}, slowed at ${at}`).toEqual([9]);
        expect(byKind(run.events), `seed ${seed}, slowed at ${at}`).toEqual(TEXTBOOK);
        expect(leaders(run)).toEqual(new Set([9]));
      }
    }
  });

  it('a wait armed at LAN speed is moved on: P5, alone above nobody, declares one 510 ms-network OK wait after its ELECTIONs', () => {
    const actions: UserAction[] = [
      ...[6, 7, 8, 9].map((node): UserAction => ({ at: 0, type: 'crash', node })),
      { at: 1510, type: 'network', patch: { latencyMs: 500 } },
    ];
    const run = simulateInline(preset('bully-10'), 1, { actions, until: 30_000 });
    const declared = run.events.find((e) => e.type === 'timer' && e.node === 5 && e.key === 'ok-timeout');
    // Armed at 1500 for 150 ms; under the new network it would have been armed for 3 × 510 ms.
    expect(declared?.t).toBe(1500 + 3 * 510);
    expect(elected(run.events)).toEqual([5]);
  });

  it('ring-8 slowed to 500 ms at any moment of the election elects 7 once, with the LAN run’s messages', () => {
    for (const seed of [1, 2]) {
      const lan = byKind(simulateInline(preset('ring-8'), seed).events);
      for (const at of electionMoments('ring-8', seed)) {
        const run = simulateInline(preset('ring-8'), seed, {
          actions: [{ at: at + 0.5, type: 'network', patch: { latencyMs: 500 } }],
          until: 40_000,
        });
        expect(elected(run.events), `seed ${seed}, slowed at ${at}`).toEqual([7]);
        expect(byKind(run.events), `seed ${seed}, slowed at ${at}`).toEqual(lan);
        expect(timers(run.events, 'election-timeout'), `seed ${seed}, slowed at ${at}`).toBe(0);
        expect(leaders(run)).toEqual(new Set([7]));
      }
    }
  });

  it('one link slowed mid-election (9→8, after P8 asked P9 and before P9 answers) still elects P9 alone with 33 messages', () => {
    const run = simulateInline(preset('bully-10'), 1, {
      actions: [{ at: 1530, type: 'link', from: 9, to: 8, patch: { latencyMs: 2000 } }],
      until: 30_000,
    });
    expect(elected(run.events)).toEqual([9]);
    expect(byKind(run.events)).toEqual(TEXTBOOK);
  });

  it('a faster network never shortens a wait already running (a message on the slow link still takes that long)', () => {
    // P6–P9 crashed too: P5's OK wait, armed at 1500 for a 510 ms network, runs out unanswered.
    const actions = (fast: boolean): UserAction[] => [
      { at: 0, type: 'network', patch: { latencyMs: 500 } },
      ...[6, 7, 8, 9].map((node): UserAction => ({ at: 0, type: 'crash', node })),
      ...(fast ? [{ at: 1600, type: 'network', patch: { latencyMs: 20 } } as UserAction] : []),
    ];
    const okAt = (fast: boolean) =>
      simulateInline(preset('bully-10'), 1, { actions: actions(fast), until: 30_000 }).events.find(
        (e) => e.type === 'timer' && e.node === 5 && e.key === 'ok-timeout',
      )?.t;
    expect(okAt(false)).toBe(1500 + 3 * 510);
    expect(okAt(true)).toBe(1500 + 3 * 510);
  });
});

describe("the token ring's rejoin quiet on a slowed network", () => {
  it('a process recovered at LAN speed whose network slows mid-quiet rejoins after the quiet the slow network needs', () => {
    const scenario = customScenario({ algorithm: 'token-ring', nodes: 5 });
    const settings = scenario.algorithm.settings as TokenRingSettings;
    const quietFor = (latencyMs: number): number =>
      quietMs(tokenRingTimeouts.scale(settings, { oneWayMs: networkDelayBound({ ...LAN, latencyMs }, []), nodes: 5 }), 5);
    const run = simulateInline(scenario, 1, {
      actions: [
        { at: 1000, type: 'crash', node: 3 },
        { at: 3000, type: 'recover', node: 3 },
        { at: 5000, type: 'network', patch: { latencyMs: 2000 } },
      ],
      until: 200_000,
    });
    const rejoin = run.events.find((e) => e.type === 'timer' && e.node === 3 && e.key === 'quiet');
    expect(quietFor(2000)).toBeGreaterThan(3 * quietFor(LAN.latencyMs));
    expect(rejoin?.t).toBeCloseTo(3000 + quietFor(2000), 6);
  });
});

describe("Berkeley's master watch on a slowed network", () => {
  const takeovers = (events: readonly TraceEvent[]): number[] =>
    events.flatMap((e) => (e.type === 'note' && e.topic === 'berkeley-master' && /takes over/.test(e.text) ? [e.node] : []));

  it('berkeley-canteen, master crashed, network slowed to 0.3–10 s before or while the watches run: KMC alone takes over', () => {
    // The watches are spaced by rank a poll wait apart; the spacing must grow with the poll
    // wait, or MIT, TAPMI and SOLS take over before KMC's first POLL reaches them (2, 4, 3, 5).
    for (const latencyMs of [1500, 3000, 10_000])
      for (const at of [0, 6000, 20_000])
        for (const seed of [1, 2]) {
          const run = simulateInline(preset('berkeley-canteen'), seed, {
            actions: [
              { at: 2000, type: 'crash', node: 1 },
              { at, type: 'network', patch: { latencyMs } },
            ],
            until: 200_000,
          });
          expect(takeovers(run.events), `${latencyMs} ms at ${at}, seed ${seed}`).toEqual([2]);
          for (const id of [2, 3, 4, 5]) expect(run.sim.node(id)?.view?.leader).toBe(2);
        }
  });
});

describe('clocks that run fast or slow measure their waits on themselves', () => {
  const drift = fc.integer({ min: -MAX_DRIFT_PPM, max: MAX_DRIFT_PPM });

  it('property: bully-10 with every clock anywhere in ±500,000 ppm, at 30 ms or 500 ms, elects P9 alone with 33 messages', () => {
    fc.assert(
      fc.property(
        fc.array(drift, { minLength: 10, maxLength: 10 }),
        fc.constantFrom(30, 500),
        fc.integer({ min: 0, max: 1000 }),
        (ppm, latencyMs, seed) => {
          const actions: UserAction[] = [
            { at: 0, type: 'network', patch: { latencyMs } },
            ...ppm.map((p, i): UserAction => ({ at: 0, type: 'drift', node: i + 1, ppm: p })),
          ];
          const run = simulateInline(preset('bully-10'), seed, { actions, until: 2000 + 40 * (latencyMs + 10) });
          expect(elected(run.events)).toEqual([9]);
          expect(byKind(run.events)).toEqual(TEXTBOOK);
          expect(leaders(run)).toEqual(new Set([9]));
        },
      ),
      { numRuns: 60, seed: SEED },
    );
  });

  it('a clock 50% fast waits as long in true time as a true one: P5 at +500,000 ppm, nobody above it, declares 3 × 510 ms after asking', () => {
    const actions: UserAction[] = [
      { at: 0, type: 'network', patch: { latencyMs: 500 } },
      { at: 0, type: 'drift', node: 5, ppm: MAX_DRIFT_PPM },
      ...[6, 7, 8, 9].map((node): UserAction => ({ at: 0, type: 'crash', node })),
    ];
    const run = simulateInline(preset('bully-10'), 1, { actions, until: 30_000 });
    const declared = run.events.find((e) => e.type === 'timer' && e.node === 5 && e.key === 'ok-timeout');
    expect(declared?.t).toBeCloseTo(1500 + 3 * 510, 6);
  });

  it('the extremes: P5 (who waits for OKs) at +500,000 ppm and P6–P9 (who answer and wait) at −500,000, at 500 ms', () => {
    const actions: UserAction[] = [
      { at: 0, type: 'network', patch: { latencyMs: 500 } },
      { at: 0, type: 'drift', node: 5, ppm: MAX_DRIFT_PPM },
      ...[6, 7, 8, 9].map((node): UserAction => ({ at: 0, type: 'drift', node, ppm: -MAX_DRIFT_PPM })),
    ];
    const run = simulateInline(preset('bully-10'), 1, { actions, until: 60_000 });
    expect(elected(run.events)).toEqual([9]);
    expect(byKind(run.events)).toEqual(TEXTBOOK);
    expect(timers(run.events, 'coordinator-timeout')).toBe(0);
  });

  it('a clock made 50% fast mid-election does not cut a wait short: bully-10 and ring-8 keep their outcome', () => {
    const bully = simulateInline(preset('bully-10'), 2, {
      actions: [
        { at: 0, type: 'network', patch: { latencyMs: 500 } },
        { at: 1700, type: 'drift', node: 5, ppm: MAX_DRIFT_PPM },
        { at: 1700, type: 'drift', node: 9, ppm: -MAX_DRIFT_PPM },
      ],
      until: 60_000,
    });
    expect(elected(bully.events)).toEqual([9]);
    expect(byKind(bully.events)).toEqual(TEXTBOOK);

    const lan = byKind(simulateInline(preset('ring-8'), 2).events);
    const ring = simulateInline(preset('ring-8'), 2, {
      actions: [
        { at: 0, type: 'network', patch: { latencyMs: 500 } },
        ...[1, 3, 5, 7].map((node): UserAction => ({ at: 0, type: 'drift', node, ppm: MAX_DRIFT_PPM })),
        ...[2, 4, 6].map((node): UserAction => ({ at: 0, type: 'drift', node, ppm: -MAX_DRIFT_PPM })),
      ],
      until: 60_000,
    });
    expect(elected(ring.events)).toEqual([7]);
    expect(byKind(ring.events)).toEqual(lan);
  });
});
