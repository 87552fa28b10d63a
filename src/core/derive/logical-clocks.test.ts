import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { findPreset } from '../../scenarios/index.ts';
import { algorithmFor } from '../algorithms/registry.ts';
import type { Scenario, UserAction } from '../scenario.ts';
import type { TraceEvent } from '../trace.ts';
import { LogicalClocks, RECENT, vectorBefore } from './logical-clocks.ts';
import { causalNode, vectorClocks } from './vector-clocks.ts';

/**
 * Happens-before straight from its definition, independent of any clock: e → f when e comes
 * before f on one lane, or e is the send of the message f delivers, or by transitivity. Each
 * lane event's causal past is a bitset over lane events (trace order is a topological order).
 */
function happensBefore(events: readonly TraceEvent[]): { lane: number[]; before: (a: number, b: number) => boolean } {
  const lane: number[] = [];
  const pos = new Map<number, number>();
  events.forEach((e, i) => {
    if (causalNode(e) !== null) {
      pos.set(i, lane.length);
      lane.push(i);
    }
  });
  const words = Math.ceil(lane.length / 32);
  const past: Uint32Array[] = [];
  const lastOn = new Map<number, number>();
  const sendOf = new Map<number, number>();
  lane.forEach((index, k) => {
    const e = events[index] as TraceEvent;
    const set = new Uint32Array(words);
    const union = (j: number | undefined): void => {
      if (j === undefined) return;
      const other = past[j] as Uint32Array;
      for (let w = 0; w < words; w++) set[w] = (set[w] as number) | (other[w] as number);
      set[j >>> 5] = (set[j >>> 5] as number) | (1 << (j & 31));
    };
    const node = causalNode(e) as number;
    union(lastOn.get(node));
    if (e.type === 'deliver') union(sendOf.get(e.msgId));
    if (e.type === 'send') sendOf.set(e.msgId, k);
    lastOn.set(node, k);
    past.push(set);
  });
  return {
    lane,
    before: (a, b) => {
      const j = pos.get(a) as number;
      const set = past[pos.get(b) as number] as Uint32Array;
      return (((set[j >>> 5] as number) >>> (j & 31)) & 1) === 1;
    },
  };
}

/** A preset of each algorithm, with its own story, plus random faults and its own verbs on top. */
const PRESETS = ['bully-10', 'ring-8', 'berkeley-basic', 'cristian-basic', 'ricart-agrawala', 'mutex-central'];

interface Setup {
  preset: string;
  seed: number;
  /** `at` in thousandths of the preset's duration. */
  faults: { at: number; type: 'crash' | 'recover' | 'verb'; node: number }[];
  until?: number;
  loss: number;
  duplicate: number;
}

const runArbitrary: fc.Arbitrary<Setup> = fc.record({
  preset: fc.constantFrom(...PRESETS),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  faults: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 999 }),
      type: fc.constantFrom('crash' as const, 'recover' as const, 'verb' as const),
      node: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 5 },
  ),
  loss: fc.constantFrom(0, 0, 0.2),
  duplicate: fc.constantFrom(0, 0, 0.3),
});

function run({ preset, seed, faults, loss, duplicate, until }: Setup) {
  const scenario = findPreset(preset) as Scenario;
  const span = until ?? scenario.durationMs;
  const verb = algorithmFor(scenario.algorithm.id).verbs[0];
  const actions: UserAction[] = [{ at: 0, type: 'network', patch: { loss, duplicate } }];
  for (const f of faults) {
    const at = Math.round((f.at / 1000) * span);
    if (f.type !== 'verb') actions.push({ at, type: f.type, node: f.node });
    else if (verb) actions.push({ at, type: verb, node: f.node } as UserAction);
  }
  actions.sort((a, b) => a.at - b.at);
  const { events } = simulateInline(scenario, seed, { actions, until: span });
  const clocks = new LogicalClocks(scenario.nodes.map((n) => n.id));
  for (const e of events) clocks.push(e);
  return { events, clocks };
}

/** Up to `count` pairs of lane events, spread over the run (all pairs of a long trace are too many). */
function pairs(lane: readonly number[], count: number, rng: () => number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count && lane.length > 0; i++) {
    const a = lane[Math.floor(rng() * lane.length)] as number;
    // Half the pairs close together, where happens-before is dense.
    const b =
      rng() < 0.5
        ? (lane[Math.floor(rng() * lane.length)] as number)
        : (lane[Math.min(lane.length - 1, lane.indexOf(a) + Math.floor(rng() * 40))] as number);
    out.push([a, b]);
  }
  return out;
}

describe('logical clocks derived from the trace', () => {
  it("Lamport's clock condition and the vector characterisation hold on random runs of every kind", () => {
    let delivered = 0;
    fc.assert(
      fc.property(runArbitrary, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (setup, pick) => {
        const { events, clocks } = run(setup);
        const hb = happensBefore(events);
        delivered += events.filter((e) => e.type === 'deliver').length;
        let s = pick;
        const rng = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
        for (const [a, b] of pairs(hb.lane, 300, rng)) {
          const before = hb.before(a, b);
          // Clock condition: e → f implies L(e) < L(f).
          if (before) expect(clocks.lamportAt(a) as number).toBeLessThan(clocks.lamportAt(b) as number);
          // Vector characterisation: e → f iff V(e) < V(f).
          expect(vectorBefore(clocks.vectorAt(a) as number[], clocks.vectorAt(b) as number[])).toBe(before);
          // The diagram's verdict agrees.
          const c = clocks.causality(a);
          const verdict = clocks.relation(c!, b);
          const expected = a === b ? 'self' : before ? 'future' : hb.before(b, a) ? 'past' : 'concurrent';
          expect(verdict).toBe(expected);
        }
      }),
      { numRuns: 60 },
    );
    // The runs carried messages (a property over empty traces would prove nothing).
    expect(delivered).toBeGreaterThan(60 * 20);
  });

  it('gives every event the vector the ShiViz export writes, folded or walked', () => {
    const { events, clocks } = run({
      preset: 'berkeley-basic',
      seed: 7,
      faults: [{ at: 300, type: 'crash', node: 3 }],
      loss: 0,
      duplicate: 0.3,
      until: 200_000,
    });
    const stamped = vectorClocks(events);
    expect(events.length).toBeGreaterThan(RECENT); // older events' vectors are walked, not kept
    const ids = clocks.nodes();
    let i = 0;
    events.forEach((e, index) => {
      if (causalNode(e) === null) return expect(clocks.vectorAt(index)).toBeNull();
      const expected = ids.map((id) => stamped[i]?.clock[id] ?? 0);
      i++;
      expect(clocks.vectorAt(index)).toEqual(expected);
      expect(clocks.lamportAt(index)).toBeGreaterThanOrEqual(Math.max(...expected));
    });
  });

  it("reads a node's clocks at any moment: 0 before its first event, its last event's after", () => {
    const { events, clocks } = run({ preset: 'ring-8', seed: 3, faults: [], loss: 0, duplicate: 0 });
    const last = events.findLastIndex((e) => causalNode(e) === 2);
    expect(clocks.lamportOf(2)).toBe(clocks.lamportAt(last));
    expect(clocks.vectorOf(2)).toEqual(clocks.vectorAt(last));
    expect(clocks.lamportOf(2, 0)).toBe(0);
    expect(clocks.vectorOf(2, 0)).toEqual(new Array(8).fill(0));
    const mid = Math.floor(events.length / 2);
    const before = events.slice(0, mid).findLastIndex((e) => causalNode(e) === 2);
    expect(clocks.lamportOf(2, mid)).toBe(clocks.lamportAt(before));
    expect(clocks.vectorOf(2, mid)).toEqual(clocks.vectorAt(before));
  });

  it('merges a duplicated message at both deliveries, ignores a dropped one, and finds events by seq in an imported trace', () => {
    const at = (seq: number, t: number) => ({ seq: seq + 100, t: t as never });
    const local = { local: 0 as never };
    const msg = { kind: 'X' } as never;
    const events: TraceEvent[] = [
      { ...at(0, 0), ...local, type: 'timer', node: 1, key: 'a' },
      { ...at(1, 1), ...local, type: 'send', node: 1, msgId: 7, to: 2, kind: 'X', msg, arrive: 5 as never },
      { ...at(2, 1), type: 'duplicate', node: 2, msgId: 7, arrive: 6 as never },
      { ...at(3, 2), ...local, type: 'send', node: 1, msgId: 8, to: 3, kind: 'X', msg, arrive: 5 as never },
      { ...at(4, 5), ...local, type: 'deliver', node: 2, msgId: 7, from: 1, kind: 'X' },
      { ...at(5, 5), type: 'drop', node: 3, msgId: 8, from: 1, kind: 'X', reason: 'loss' },
      { ...at(6, 6), ...local, type: 'deliver', node: 2, msgId: 7, from: 1, kind: 'X' },
      { ...at(7, 7), ...local, type: 'timer', node: 3, key: 'b' },
    ];
    const clocks = new LogicalClocks([1, 2, 3]);
    for (const e of events) clocks.push(e);
    expect(clocks.vectorAt(4)).toEqual([2, 1, 0]);
    expect(clocks.vectorAt(6)).toEqual([2, 2, 0]);
    expect(clocks.lamportAt(6)).toBe(4);
    expect(clocks.vectorAt(7)).toEqual([0, 0, 1]);
    const c = clocks.causality(1)!;
    expect([0, 3, 4, 6, 7].map((i) => clocks.relation(c, i))).toEqual(['past', 'future', 'future', 'future', 'concurrent']);
    expect(clocks.relation(c, 2)).toBeNull();
    expect(clocks.indexOfSeq(104)).toBe(4);
    expect(clocks.indexOfSeq(4)).toBe(-1);
  });

  it('forgets a prefix as the page does: Lamport times and the causal order of kept events stay exact', () => {
    const { events, clocks: whole } = run({
      preset: 'berkeley-basic',
      seed: 5,
      faults: [{ at: 500, type: 'crash', node: 2 }],
      loss: 0.2,
      duplicate: 0.3,
      until: 300_000,
    });
    const clocks = new LogicalClocks(whole.nodes());
    const start = Math.floor(events.length / 2);
    // Fed in frames, forgetting in chunks on the way, as the store does.
    for (let i = 0; i < events.length; i++) {
      clocks.push(events[i] as TraceEvent);
      if (i === start + 100) clocks.forget(start - 1000);
      if (i === start + 500) clocks.forget(start);
    }
    expect(clocks.lamportAt(start - 1)).toBeNull();
    const kept = events.map((_, i) => i).filter((i) => i >= start && whole.isLaneEvent(i));
    for (const id of whole.nodes()) {
      expect(clocks.lamportOf(id)).toBe(whole.lamportOf(id));
      expect(clocks.vectorOf(id)).toEqual(whole.vectorOf(id));
    }
    let known = 0;
    for (let k = 0; k < kept.length; k += 7) {
      const i = kept[k] as number;
      expect(clocks.lamportAt(i)).toBe(whole.lamportAt(i));
      const v = clocks.vectorAt(i);
      if (v !== null) {
        known++;
        expect(v).toEqual(whole.vectorAt(i));
      }
      const mine = clocks.causality(i)!;
      const theirs = whole.causality(i)!;
      for (let m = 0; m < kept.length; m += 13)
        expect(clocks.relation(mine, kept[m] as number)).toBe(whole.relation(theirs, kept[m] as number));
    }
    expect(known).toBeGreaterThan(0); // the last RECENT events keep their vectors
  });
});
