import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { customScenario } from '../../../scenarios/custom.ts';
import { LAN } from '../lan.ts';
import type { Scenario, UserAction } from '../../scenario.ts';
import type { TraceEvent } from '../../trace.ts';
import { criticalSections } from '../mutex-common/critical-sections.ts';
import { tokenRing } from './index.ts';
import { nextInRing } from './machine.ts';
import { tokenRingPreset } from './presets.ts';
import { TokenCountChecker, tokenWaits } from './tokens.ts';

const notes = (events: readonly TraceEvent[], topic: string) =>
  events.filter((e): e is Extract<TraceEvent, { type: 'note' }> => e.type === 'note' && e.topic === topic);
const sends = (events: readonly TraceEvent[], kind: string): number => events.filter((e) => e.type === 'send' && e.kind === kind).length;

describe('token ring', () => {
  it('passes the token to the next member round the ring, wrapping, and keeps it when alone', () => {
    expect(nextInRing([1, 2, 4, 5], 2)).toBe(4);
    expect(nextInRing([1, 2, 4, 5], 5)).toBe(1);
    expect(nextInRing([1, 2, 4, 5], 3)).toBe(4);
    expect(nextInRing([3], 3)).toBe(3);
  });

  it('token-ring: P2, P3, P4 in ring order within n hops; P3 crashes, one claim makes generation 2 without it; P3 rejoins and enters', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { events } = simulateInline(tokenRingPreset, seed);
      expect(tokenRing.check?.(events, tokenRingPreset, { calmFrom: null }), `seed ${seed}`).toEqual([]);
      const sections = criticalSections(events);
      expect(
        sections.map((cs) => cs.node),
        `seed ${seed}`,
      ).toEqual([2, 3, 4, 5, 1, 3]);
      // Before the crash nothing fails: each entry waits 0 to n = 5 hops of the token.
      const waits = tokenWaits(events);
      for (const w of waits.slice(0, 3)) expect(w.passes).toBeLessThanOrEqual(5);
      // P3's crash loses the token; exactly one regeneration, by one process, leaving P3 out.
      const made = notes(events, 'token-regenerated');
      expect(made, `seed ${seed}`).toHaveLength(1);
      expect(made[0]?.data?.['ring']).toEqual([1, 2, 4, 5]);
      expect(made[0]?.t).toBeGreaterThan(4000);
      // P5 and P1 waited through the regeneration; P3 came back, joined and entered.
      expect(sections[3]?.enterMs).toBeGreaterThan(made[0]?.t ?? Infinity);
      expect(notes(events, 'token-join').some((e) => Array.isArray(e.data?.['nodes']) && e.data['nodes'].includes(3))).toBe(true);
      expect(sections[5]?.enterMs).toBeGreaterThanOrEqual(22_500);
    }
  });

  it('with nothing failing: no claim is ever made, and every entry waits at most n hops', () => {
    for (const n of [2, 3, 6]) {
      const base = customScenario({ algorithm: 'token-ring', nodes: n, durationMs: 20_000 });
      const actions: UserAction[] = [];
      for (let i = 0; i < 4 * n; i++) actions.push({ at: 500 + ((i * 739) % 12_000), type: 'request', node: 1 + (i % n) });
      const scenario: Scenario = { ...base, actions };
      for (let seed = 1; seed <= 5; seed++) {
        const { events } = simulateInline(scenario, seed);
        expect(tokenRing.check?.(events, scenario, { calmFrom: 0 })).toEqual([]);
        expect(sends(events, 'CLAIM')).toBe(0);
        const waits = tokenWaits(events);
        expect(waits.length).toBeGreaterThan(2 * n);
        expect(Math.max(...waits.map((w) => w.passes))).toBeLessThanOrEqual(n);
      }
    }
  });

  it('a partition: only the majority makes a token; the minority waits until it heals, and never two are inside', () => {
    const base = customScenario({ algorithm: 'token-ring', nodes: 5, durationMs: 45_000 });
    const actions: UserAction[] = [
      { at: 300, type: 'partition', groups: [[1, 2]] },
      ...[1, 2, 3, 4, 5].map((node): UserAction => ({ at: 2000 + 100 * node, type: 'request', node })),
      { at: 15_000, type: 'heal' },
    ];
    const scenario: Scenario = { ...base, actions };
    for (let seed = 1; seed <= 10; seed++) {
      const { events } = simulateInline(scenario, seed);
      expect(tokenRing.check?.(events, scenario, { calmFrom: 15_000 }), `seed ${seed}`).toEqual([]);
      const during = notes(events, 'token-regenerated').filter((e) => e.t < 15_000);
      expect(during.length).toBeGreaterThan(0);
      for (const e of during) expect([3, 4, 5]).toContain(e.node);
      const sections = criticalSections(events);
      // P1 and P2 enter only after the heal; P3, P4, P5 before it (or P1 at once if it held the token when cut off).
      for (const cs of sections.filter((s) => s.node === 2)) expect(cs.enterMs).toBeGreaterThan(15_000);
      expect(new Set(sections.map((cs) => cs.node))).toEqual(new Set([1, 2, 3, 4, 5]));
    }
  });

  it('a link that duplicates every message: a duplicated TOKEN is refused, so one token goes round', () => {
    const base = customScenario({ algorithm: 'token-ring', nodes: 4, durationMs: 20_000 });
    const scenario: Scenario = {
      ...base,
      network: { defaults: { ...LAN, duplicate: 1 }, links: [] },
      actions: [1, 2, 3, 4].map((node): UserAction => ({ at: 1000 + 50 * node, type: 'request', node })),
    };
    const { events } = simulateInline(scenario, 3);
    expect(tokenRing.check?.(events, scenario, { calmFrom: 0 })).toEqual([]);
    expect(notes(events, 'token-discarded').length).toBeGreaterThan(10);
    expect(
      criticalSections(events)
        .map((cs) => cs.node)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
  });

  it('the checker catches two processes inside, two tokens at once, and a request never granted', () => {
    const { events } = simulateInline(tokenRingPreset, 1);
    const enter = notes(events, 'cs-enter').find((e) => e.node === 4);
    if (!enter) throw new Error('P4 never entered');
    const early = [...events.filter((e) => e.seq < enter.seq), { ...enter, node: 5 }, ...events.filter((e) => e.seq >= enter.seq)];
    expect(tokenRing.check?.(early, tokenRingPreset, { calmFrom: null }).map((v) => v.invariant)).toContain('mutual exclusion');
    // A second holder while the token is with P4: two tokens.
    const held = notes(events, 'token').find((e) => e.data?.['at'] === 4);
    if (!held) throw new Error('P4 never held the token');
    const twice = [...events.filter((e) => e.seq <= held.seq), { ...held, node: 2, data: { ...held.data, at: 2 } }];
    expect(new TokenCountChecker(0).push(twice[0] as TraceEvent)).toEqual([]);
    const counter = new TokenCountChecker(0);
    expect(twice.flatMap((e) => counter.push(e)).map((v) => v.invariant)).toEqual(['one token']);
    const last = events.at(-1) as TraceEvent;
    const unanswered: TraceEvent[] = [...events, { ...enter, seq: last.seq + 1, t: last.t, topic: 'cs-request', node: 4 }];
    expect(tokenRing.check?.(unanswered, tokenRingPreset, { calmFrom: 0 }).map((v) => v.invariant)).toContain('every request granted');
  });
});
