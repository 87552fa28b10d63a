import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './queue.ts';

/** A push `after` ms past the last popped time (or at an absolute time), or a pop. */
type Op = { after: number } | { at: number } | { pop: true };

// Delays from the same instant to far beyond the calendar's ring (256 ms) and its wrap, in
// whole and fractional ms, so ties, bucket edges, the ring and the far heap all take part.
const delay = fc.oneof(
  fc.integer({ min: 0, max: 50 }),
  fc.double({ min: 0, max: 40, noNaN: true }),
  fc.integer({ min: 0, max: 64 }).map((k) => k / 16),
  fc.double({ min: 200, max: 5_000, noNaN: true }),
  fc.constantFrom(255.9375, 256, 256.0625, 512, 4096),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ after: delay }) },
  { weight: 1, arbitrary: fc.record({ at: fc.double({ min: 0, max: 3_000, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.constant({ pop: true as const }) },
);

/** Runs the ops against the queue and a sorted list; returns nothing, asserts every pop. */
function check(ops: readonly Op[]): void {
  const queue = new EventQueue();
  const reference: { at: number; seq: number }[] = [];
  let seq = 0;
  let now = 0;
  for (const o of ops) {
    if ('pop' in o) {
      reference.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const expected = reference.shift();
      expect(queue.peekTime()).toBe(expected?.at);
      expect(queue.pop()).toBe(expected?.seq ?? -1);
      if (expected) now = expected.at;
    } else {
      const at = 'after' in o ? now + o.after : o.at;
      if (queue.hasAt(at) !== reference.some((e) => e.at === at)) throw new Error(`hasAt(${at}) disagrees`);
      expect(queue.push(at, seq)).toBe(seq);
      reference.push({ at, seq: seq++ });
    }
    expect(queue.size).toBe(reference.length);
  }
}

describe('event queue', () => {
  it('pops in (time, insertion) order under any mix of pushes and pops', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), check), { numRuns: 400 });
  });

  it('keeps that order through long runs that wrap the calendar many times', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 1_000, maxLength: 2_000 }), check), { numRuns: 10 });
  });

  it('visits exactly the items in a window, in pop order, without removing them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 2_000, noNaN: true })), { maxLength: 300 }),
        fc.integer({ min: 0, max: 50 }),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 2_500, noNaN: true })),
        (times, popped, bound) => {
          const queue = new EventQueue();
          times.forEach((t, i) => queue.push(t, i));
          // Pop some first, so the window starts inside a played bucket.
          const rest = times.map((at, seq) => ({ at, seq })).sort((a, b) => a.at - b.at || a.seq - b.seq);
          for (let i = 0; i < popped && rest.length > 0; i++) expect(queue.pop()).toBe(rest.shift()?.seq);
          const expected = rest.filter((e) => e.at < bound).map((e) => e.seq);
          const visited: number[] = [];
          queue.visitInOrder(bound, Infinity, (_at, item) => visited.push(item) > 0);
          expect(visited).toEqual(expected);
          const firstFew: number[] = [];
          queue.visitInOrder(bound, Infinity, (_at, item) => firstFew.push(item) < 3);
          expect(firstFew).toEqual(expected.slice(0, 3));
          const untilBound: number[] = [];
          queue.visitInOrder(Infinity, bound, (_at, item) => untilBound.push(item) > 0);
          expect(untilBound).toEqual(rest.filter((e) => e.at <= bound).map((e) => e.seq));
          expect(queue.size).toBe(rest.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
