import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import { criticalSections } from '../mutex-common/critical-sections.ts';
import { centralMutex } from './index.ts';
import { mutexCentral } from './presets.ts';

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

  it('property: over random requests, crashes of any process and message loss, never two inside; calm requests all granted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.nat(),
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 5000 }),
            what: fc.constantFrom('request', 'request', 'crash', 'recover'),
            node: fc.nat(),
          }),
          {
            maxLength: 14,
          },
        ),
        (n, seed, raw) => {
          const faults: UserAction[] = raw.map((a) => ({ at: a.at, type: a.what, node: 1 + (a.node % n) }) as UserAction);
          const calm = 6000;
          const closing: UserAction[] = [];
          for (let id = 1; id <= n; id++)
            closing.push({ at: calm, type: 'recover', node: id }, { at: calm + 2500 + 100 * id, type: 'request', node: id });
          const base = customScenario({ algorithm: 'central-mutex', nodes: n });
          const scenario: Scenario = {
            ...base,
            durationMs: 25_000,
            actions: [
              ...faults,
              { at: 100, type: 'network', patch: { loss: 0.1 } },
              { at: calm, type: 'network', patch: { loss: 0 } },
              ...closing,
            ],
          };
          const { events } = simulateInline(scenario, seed);
          expect(centralMutex.check?.(events, scenario, { calmFrom: calm + 2500 })).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
