import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue.ts';

type Op = { push: number } | { pop: true };

describe('event queue', () => {
  it('pops in (time, insertion) order under any mix of pushes and pops', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 50 }) }), fc.constant({ pop: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        const reference: { at: number; seq: number }[] = [];
        let seq = 0;
        for (const o of ops) {
          if ('push' in o) {
            queue.push(o.push, seq);
            reference.push({ at: o.push, seq: seq++ });
          } else {
            reference.sort((a, b) => a.at - b.at || a.seq - b.seq);
            const expected = reference.shift();
            expect(queue.pop()).toBe(expected?.seq ?? -1);
          }
          expect(queue.size).toBe(reference.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('visits exactly the items in a window, in pop order, without removing them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 300 }), fc.integer({ min: 0, max: 100 }), (times, bound) => {
        const queue = new EventQueue();
        times.forEach((t, i) => queue.push(t, i));
        const expected = times
          .map((at, seq) => ({ at, seq }))
          .filter((e) => e.at < bound)
          .sort((a, b) => a.at - b.at || a.seq - b.seq)
          .map((e) => e.seq);
        const visited: number[] = [];
        queue.visitInOrder(bound, Infinity, (_at, item) => visited.push(item) > 0);
        expect(visited).toEqual(expected);
        const firstFew: number[] = [];
        queue.visitInOrder(bound, Infinity, (_at, item) => firstFew.push(item) < 3);
        expect(firstFew).toEqual(expected.slice(0, 3));
        expect(queue.size).toBe(times.length);
      }),
      { numRuns: 200 },
    );
  });
});
