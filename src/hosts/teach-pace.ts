// The teaching pace ('teach'): time dilates around messages in flight so that each one takes
// at least TEACH_VISIBLE_MS of wall time to cross the stage, whatever its simulated latency.
// While messages fly, true time runs at (quickest flight in ms) / TEACH_VISIBLE_MS per wall
// ms; with none in flight, at TEACH_IDLE_SPEED. The pace can change only at an event that
// sends, delivers or drops a message, so play advances one event time at a time.

import type { Simulation, TraceEvent } from '../core/index.ts';
import type { RetainedTrace } from './retained-trace.ts';
import { TEACH_IDLE_SPEED, TEACH_VISIBLE_MS } from './live.ts';
import type { LockstepDriver } from './lockstep.ts';

export function createTeachPace(sim: Simulation, trace: RetainedTrace, driver: LockstepDriver) {
  /** Flight time (arrival − send, true ms) of each message in flight, by message id ("7", or "7d" for a duplicate). */
  const inFlight = new Map<string, number>();
  let read = 0;

  const catchUp = (): void => {
    // Events dropped unread (a long run at another pace): what was in flight then is forgotten.
    if (read < trace.start) {
      inFlight.clear();
      read = trace.start;
    }
    for (; read < trace.length; read++) {
      const e = trace.at(read) as TraceEvent;
      if (e.type === 'send') inFlight.set(`${e.msgId}`, e.arrive - e.t);
      else if (e.type === 'duplicate') inFlight.set(`${e.msgId}d`, e.arrive - e.t);
      else if (e.type === 'deliver' || e.type === 'drop') {
        // A duplicated message arrives twice: the first arrival ends the original.
        if (!inFlight.delete(`${e.msgId}`)) inFlight.delete(`${e.msgId}d`);
      }
    }
  };

  /** True ms per wall ms now. A message with no flight time at all still gets a microsecond's worth. */
  const rate = (): number => {
    catchUp();
    let quickest = Infinity;
    for (const flight of inFlight.values()) quickest = Math.min(quickest, flight);
    if (quickest === Infinity) return TEACH_IDLE_SPEED;
    return Math.min(TEACH_IDLE_SPEED, Math.max(quickest, 1e-3) / TEACH_VISIBLE_MS);
  };

  return {
    rate,
    /** Plays `wallMs` of wall time at this pace, up to the horizon, one event time at a time. */
    async play(wallMs: number, horizon: number, outOfTime: () => boolean): Promise<void> {
      let wall = wallMs;
      while (wall > 0 && !outOfTime()) {
        const r = rate();
        const limit = Math.min(horizon, sim.now + wall * r);
        const next = sim.peekTime();
        if (next === null || next > limit) {
          await driver.run(limit, outOfTime);
          return;
        }
        wall -= (next - sim.now) / r;
        await driver.run(next, outOfTime);
      }
    },
  };
}
