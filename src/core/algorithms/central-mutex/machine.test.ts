import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import { MAX_DRIFT_PPM } from '../../limits.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import { criticalSections } from '../mutex-common/critical-sections.ts';
import { centralMutex } from './index.ts';
import { mutexCentral } from './presets.ts';

const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);
const sends = (events: readonly TraceEvent[], kind: string): number => events.filter((e) => e.type === 'send' && e.kind === kind).length;

describe('central coordinator', () => {
  it('mutex-central: P2, P3, P4 one at a time in order of asking; P3 crashes inside and its lease runs out; 3 messages per entry', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { events } = simulateInline(mutexCentral, seed);
      expect(centralMutex.check?.(events, mutexCentral, { calmFrom: null }), `seed ${seed}`).toEqual([]);
      const sections = criticalSections(events);
      expect(sections.map((cs) => cs.node)).toEqual([2, 3, 4, 5, 2, 3]);
      expect(sections[1]?.exitMs).toBeNull();
      // P4 waits for the lease on P3's grant (2 s from the grant) to run out.
      expect((sections[2]?.enterMs ?? 0) - (sections[1]?.enterMs ?? 0)).toBeGreaterThan(1900);
      expect(events.some((e) => e.type === 'note' && e.topic === 'lease-expired')).toBe(true);
      // No repeats were needed: one REQUEST and one GRANT per entry, one RELEASE per exit.
      expect([sends(events, 'REQUEST'), sends(events, 'GRANT'), sends(events, 'RELEASE')]).toEqual([6, 6, 5]);
    }
  });

  it('the checker catches two processes inside at once and, once calm, a request never granted', () => {
    const { events } = simulateInline(mutexCentral, 1);
    const enter = events.find(
      (e): e is Extract<TraceEvent, { type: 'note' }> => e.type === 'note' && e.topic === 'cs-enter' && e.node === 4,
    );
    if (!enter) throw new Error('P4 never entered');
    const early = [...events.filter((e) => e.seq < enter.seq), { ...enter, node: 5 }, ...events.filter((e) => e.seq >= enter.seq)];
    expect(centralMutex.check?.(early, mutexCentral, { calmFrom: null }).map((v) => v.invariant)).toContain('mutual exclusion');
    const last = events.at(-1) as TraceEvent;
    const unanswered: TraceEvent[] = [...events, { ...enter, seq: last.seq + 1, t: last.t, topic: 'cs-request', node: 4 }];
    expect(centralMutex.check?.(unanswered, mutexCentral, { calmFrom: 0 }).map((v) => v.invariant)).toEqual(['every request granted']);
  });

  it('a lost GRANT is asked for again and a lost RELEASE is covered by the lease', () => {
    const base: Scenario = { ...customScenario({ algorithm: 'central-mutex', nodes: 3 }), durationMs: 15_000 };
    const actions: UserAction[] = [
      // P2's GRANT is lost: its lease runs out, P2 asks again after retryMs (3 s) and is granted again.
      { at: 900, type: 'link', from: 1, to: 2, patch: { loss: 1 } },
      { at: 1000, type: 'request', node: 2 },
      { at: 1500, type: 'link', from: 1, to: 2, patch: { loss: 0 } },
      // Its RELEASE is lost: P3 waits until the lease on P2's grant runs out.
      { at: 4500, type: 'link', from: 2, to: 1, patch: { loss: 1 } },
      { at: 4800, type: 'request', node: 3 },
      { at: 5000, type: 'link', from: 2, to: 1, patch: { loss: 0 } },
    ];
    const { events } = simulateInline({ ...base, actions }, 7);
    expect(centralMutex.check?.(events, base, { calmFrom: 0 })).toEqual([]);
    const sections = criticalSections(events);
    expect(sections.map((cs) => cs.node)).toEqual([2, 3]);
    expect(sections[0]?.enterMs).toBeGreaterThan(4000);
    expect(sections[1]?.enterMs).toBeGreaterThan(6000);
    // Two leases run out: the lost GRANT's (before P2 asks again) and the one whose RELEASE was lost.
    expect(events.filter((e) => e.type === 'note' && e.topic === 'lease-expired')).toHaveLength(2);
  });

  it('regression: coordinator at +500,000 ppm, holder at −500,000 on a 200–300 ms link: the lease outlasts the stay, one inside', () => {
    // With the lease's 10% for a slow clock, the coordinator's 2 s lease ran out after 1.33 s
    // true while P2 stayed 1.2 s from a GRANT 0.3 s late: P3 entered while P2 was inside.
    const scenario = customScenario({ algorithm: 'central-mutex', nodes: 3 });
    for (const latencyMs of [200, 300])
      for (const seed of [1, 2, 3]) {
        const actions: UserAction[] = [
          { at: 0, type: 'drift', node: 1, ppm: MAX_DRIFT_PPM },
          { at: 0, type: 'drift', node: 2, ppm: -MAX_DRIFT_PPM },
          { at: 0, type: 'link', from: 1, to: 2, patch: { latencyMs } },
          { at: 0, type: 'link', from: 2, to: 1, patch: { latencyMs } },
          { at: 1000, type: 'request', node: 2 },
          { at: 1050 + latencyMs, type: 'request', node: 3 },
        ];
        const { events } = simulateInline(scenario, seed, { actions, until: 30_000 });
        expect(centralMutex.check?.(events, scenario, { calmFrom: 0 }), `${latencyMs} ms, seed ${seed}`).toEqual([]);
        expect(criticalSections(events).map((cs) => cs.node)).toEqual([2, 3]);
      }
  });

  it('property: every clock anywhere in ±500,000 ppm, links to the coordinator up to 3 s: never two inside, every request granted, no lease taken back', () => {
    // The ends of the range more often than chance: a fast coordinator and a slow holder are the case that matters.
    const ppm = fc.oneof(
      { weight: 1, arbitrary: fc.integer({ min: -MAX_DRIFT_PPM, max: MAX_DRIFT_PPM }) },
      { weight: 2, arbitrary: fc.constantFrom(-MAX_DRIFT_PPM, MAX_DRIFT_PPM) },
    );
    const latency = fc.oneof(fc.integer({ min: 20, max: 600 }), fc.integer({ min: 20, max: 3000 }));
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.nat(),
        fc.array(ppm, { minLength: 5, maxLength: 5 }),
        fc.array(fc.record({ node: fc.nat(), latencyMs: latency }), { maxLength: 3 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 8000 }), node: fc.nat() }), { minLength: 1, maxLength: 10 }),
        (n, seed, drifts, links, asks) => {
          const actions: UserAction[] = [
            ...drifts.slice(0, n).map((p, i): UserAction => ({ at: 0, type: 'drift', node: i + 1, ppm: p })),
            // A process's link to the coordinator (P1), both ways.
            ...links.flatMap(({ node, latencyMs }): UserAction[] =>
              node % n === 0
                ? []
                : [
                    { at: 0, type: 'link', from: 1, to: 1 + (node % n), patch: { latencyMs } },
                    { at: 0, type: 'link', from: 1 + (node % n), to: 1, patch: { latencyMs } },
                  ],
            ),
            ...asks.map(({ at, node }): UserAction => ({ at, type: 'request', node: 1 + (node % n) })),
          ].sort((x, y) => x.at - y.at);
          const scenario = customScenario({ algorithm: 'central-mutex', nodes: n });
          // Every process may ask: at most n stays of 1.2 s true and n lease-long waits each.
          const { events } = simulateInline(scenario, seed, { actions, until: 8000 + n * 60_000 });
          expect(centralMutex.check?.(events, scenario, { calmFrom: 0 })).toEqual([]);
          // No fault, so no lease ever has to be taken back: every holder releases in time.
          expect(events.filter((e) => e.type === 'note' && e.topic === 'lease-expired')).toEqual([]);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });
});
