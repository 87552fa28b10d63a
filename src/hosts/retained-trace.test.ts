// Bounded trace memory (issue 13): the runner keeps its recent events and drops whole chunks
// of the oldest once they have been handed out (store/whole-trace.test.ts: the whole trace
// re-simulated for exports).

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/index.ts';
import { RetainedTrace } from './retained-trace.ts';

const event = (seq: number): TraceEvent => ({ seq, t: seq, type: 'node', node: 1, name: 'P1' }) as unknown as TraceEvent;

describe('RetainedTrace', () => {
  it('keeps between keep and keep + chunk events, drops whole chunks, never past the floor', () => {
    const trace = new RetainedTrace({ keep: 100, chunk: 30 });
    for (let i = 0; i < 1000; i++) {
      trace.push(event(i));
      trace.trim(i + 1);
      expect(trace.events.length).toBeLessThan(130);
      expect(trace.start % 30).toBe(0);
      expect(trace.at(trace.start)?.seq).toBe(trace.start);
    }
    expect(trace.length).toBe(1000);
    expect(trace.events.length).toBeGreaterThanOrEqual(100);
    // Nothing at or after the floor goes, however much is kept.
    const held = new RetainedTrace({ keep: 0, chunk: 10 });
    for (let i = 0; i < 95; i++) held.push(event(i));
    held.trim(42);
    expect(held.start).toBe(40);
    expect(held.at(39)).toBeUndefined();
    expect(held.at(40)?.seq).toBe(40);
  });
});
