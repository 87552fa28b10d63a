import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyEvent, type QueuedEvent } from './pending.ts';
import { EventQueue, type QueueThresholds } from './queue.ts';

/** Pushes an event whose record carries `id` in every field, so a pop shows any field mixed up. */
const pushId = (queue: EventQueue, at: number, id: number): number => queue.push(at, 8 * id + (id & 7), id, id + 1, id + 2, { id });

/** The id of an event handed out, checking its record is whole. */
function idOf(e: QueuedEvent): number {
  const id = e.node;
  const whole = e.kind + 8 * e.flag === 8 * id + (id & 7) && e.from === id + 1 && e.num === id + 2 && (e.ref as { id: number }).id === id;
  if (!whole) throw new Error(`event ${id} came out mixed up: ${JSON.stringify(e)}`);
  return id;
}

function popId(queue: EventQueue): number {
  const e = emptyEvent();
  return queue.pop(e) ? idOf(e) : -1;
}

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

/** Thresholds small enough that short runs go from one heap to the calendar and back. */
const small = fc
  .integer({ min: 1, max: 40 })
  .chain((spread) => fc.record({ spread: fc.constant(spread), gather: fc.integer({ min: 0, max: Math.min(20, spread - 1) }) }));

/** The first index in a (time, seq)-sorted list whose time is above `at`. */
function insertionPoint(list: readonly { at: number }[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = (list[mid] as { at: number }).at;
    if (t <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Runs the ops against the queue and a sorted list; returns nothing, asserts every pop. */
function check(ops: readonly Op[], thresholds?: QueueThresholds): void {
  const queue = new EventQueue(thresholds);
  // Sorted by (time, seq): a push goes after every event of its time (its seq is the largest).
  const reference: { at: number; seq: number }[] = [];
  let seq = 0;
  let now = 0;
  for (const o of ops) {
    if ('pop' in o) {
      const expected = reference.shift();
      const [at, id] = [queue.peekTime(), popId(queue)];
      if (at !== expected?.at || id !== (expected?.seq ?? -1))
        throw new Error(`popped ${id} at ${at}, expected ${JSON.stringify(expected)}`);
      if (expected) now = expected.at;
    } else {
      const at = 'after' in o ? now + o.after : o.at;
      const i = insertionPoint(reference, at);
      if (queue.hasAt(at) !== (i > 0 && reference[i - 1]?.at === at)) throw new Error(`hasAt(${at}) disagrees`);
      if (pushId(queue, at, seq) !== seq) throw new Error('push did not return its sequence number');
      reference.splice(i, 0, { at, seq: seq++ });
    }
    if (queue.size !== reference.length) throw new Error(`size ${queue.size}, expected ${reference.length}`);
  }
}

describe('event queue', () => {
  it('pops in (time, insertion) order under any mix of pushes and pops', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), small, check), { numRuns: 400 });
  });

  it('keeps that order through long runs that wrap the calendar many times', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 1_000, maxLength: 2_000 }), small, check), { numRuns: 10 });
  });

  it('keeps that order with the default thresholds, through a burst of 9,000 events and back', () => {
    // Past 8,192 queued the calendar takes over; a drain that also pushes, then below 1,024 one heap again.
    const burst: Op[] = Array.from({ length: 9_000 }, (_, i) => ({ after: 20 + ((i * 7919) % 1000) / 100 }));
    const drain: Op[] = Array.from({ length: 9_000 }, (_, i) => (i % 2 === 0 ? { pop: true as const } : { after: (i % 13) * 3.5 }));
    const rest: Op[] = Array.from({ length: 9_000 }, (_, i) => (i % 50 === 0 ? { after: 300 } : { pop: true as const }));
    check([...burst, ...drain, ...rest]);
  }, 30_000);

  it('visits exactly the items in a window, in pop order, without removing them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 2_000, noNaN: true })), { maxLength: 300 }),
        fc.integer({ min: 0, max: 50 }),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 2_500, noNaN: true })),
        small,
        (times, popped, bound, thresholds) => {
          const queue = new EventQueue(thresholds);
          times.forEach((t, i) => pushId(queue, t, i));
          // Pop some first, so the window starts inside a played bucket.
          const rest = times.map((at, seq) => ({ at, seq })).sort((a, b) => a.at - b.at || a.seq - b.seq);
          for (let i = 0; i < popped && rest.length > 0; i++) expect(popId(queue)).toBe(rest.shift()?.seq);
          const expected = rest.filter((e) => e.at < bound).map((e) => e.seq);
          const visited: number[] = [];
          queue.visitInOrder(bound, Infinity, (e) => visited.push(idOf(e)) > 0);
          expect(visited).toEqual(expected);
          const firstFew: number[] = [];
          queue.visitInOrder(bound, Infinity, (e) => firstFew.push(idOf(e)) < 3);
          expect(firstFew).toEqual(expected.slice(0, 3));
          const untilBound: number[] = [];
          queue.visitInOrder(Infinity, bound, (e) => untilBound.push(idOf(e)) > 0);
          expect(untilBound).toEqual(rest.filter((e) => e.at <= bound).map((e) => e.seq));
          expect(queue.size).toBe(rest.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
