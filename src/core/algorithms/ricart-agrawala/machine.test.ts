import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import { criticalSections } from '../mutex-common/critical-sections.ts';
import { ricartAgrawala, TimestampOrderChecker } from './index.ts';
import { ricartAgrawalaPreset } from './presets.ts';

const sends = (events: readonly TraceEvent[], kind: string): number => events.filter((e) => e.type === 'send' && e.kind === kind).length;
const notes = (events: readonly TraceEvent[], topic: string) =>
  events.filter((e): e is Extract<TraceEvent, { type: 'note' }> => e.type === 'note' && e.topic === topic);

describe('Ricart–Agrawala', () => {
  it('ricart-agrawala: P2, P4, P3 in timestamp order, replies deferred; P1 waits for the crashed P5 until it recovers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { events } = simulateInline(ricartAgrawalaPreset, seed);
      expect(ricartAgrawala.check?.(events, ricartAgrawalaPreset, { calmFrom: 0 }), `seed ${seed}`).toEqual([]);
      const sections = criticalSections(events);
      expect(sections.map((cs) => cs.node)).toEqual([2, 4, 3, 1]);
      // P1 asked at 3.8 s; it can only enter once P5 is back (6 s) and has answered its repeated REQUEST.
      expect(sections[3]?.enterMs).toBeGreaterThan(6000);
      expect(
        notes(events, 'mutex-deferred').some((n) => n.node === 2 && /defers its reply to P4, P3|defers its reply to P3, P4/.test(n.text)),
      ).toBe(true);
      // 2(n−1) = 8 per entry, plus P1's one repeat to P5.
      expect([sends(events, 'REQUEST'), sends(events, 'REPLY')]).toEqual([17, 16]);
    }
  });

  it('a fault-free entry costs exactly 2(n−1) messages', () => {
    for (const n of [2, 3, 6]) {
      const base = customScenario({ algorithm: 'ricart-agrawala', nodes: n });
      const actions: UserAction[] = Array.from({ length: n }, (_, i) => ({ at: 500 + 7 * i, type: 'request', node: i + 1 }));
      const { events } = simulateInline({ ...base, actions, durationMs: 20_000 }, 3);
      expect(criticalSections(events)).toHaveLength(n);
      expect(sends(events, 'REQUEST') + sends(events, 'REPLY')).toBe(n * 2 * (n - 1));
    }
  });

  it('a process that crashes after replying and asks again in its new life does not get in beside the one it let go first', () => {
    // P3 goes first, so P1's Lamport clock is ahead when it asks (timestamp 3 or so). P2 replies to
    // P1, crashes, recovers with a fresh clock and asks at timestamp 1: it now comes first, and P1
    // replies. P3's deferred reply reaches P1 slowly (500 ms), while P2 is inside: P1 must not
    // count P2's reply from its earlier life and walk in.
    const base = customScenario({ algorithm: 'ricart-agrawala', nodes: 3 });
    const actions: UserAction[] = [
      { at: 500, type: 'request', node: 3 },
      { at: 1000, type: 'request', node: 1 },
      { at: 1050, type: 'link', from: 3, to: 1, patch: { latencyMs: 500 } },
      { at: 1100, type: 'crash', node: 2 },
      { at: 1200, type: 'recover', node: 2 },
      { at: 1250, type: 'request', node: 2 },
    ];
    const scenario: Scenario = { ...base, actions, durationMs: 10_000 };
    for (let seed = 1; seed <= 10; seed++) {
      const { events } = simulateInline(scenario, seed);
      expect(ricartAgrawala.check?.(events, scenario, { calmFrom: null })).toEqual([]);
      const sections = criticalSections(events);
      expect(sections.map((cs) => cs.node)).toEqual([3, 2, 1]);
      // P1 got in only once P2, in its new life, answered P1's repeated REQUEST.
      expect(sections[2]?.enterMs).toBeGreaterThan(5000);
    }
  });

  it('the order checker flags an entry ahead of an earlier waiting request', () => {
    const checker = new TimestampOrderChecker(0);
    const note = (seq: number, node: number, topic: string, ts: number): TraceEvent =>
      ({ type: 'note', seq, t: seq, local: seq, node, topic, text: '', data: { ts } }) as unknown as TraceEvent;
    expect([note(1, 2, 'cs-request', 4), note(2, 3, 'cs-request', 5), note(3, 3, 'cs-enter', 5)].flatMap((e) => checker.push(e))).toEqual([
      { t: 3, node: 3, invariant: 'timestamp order', detail: 'P3 (5) enters before P2 (4), which asked earlier' },
    ]);
  });
});
