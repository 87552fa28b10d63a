// The whole trace of a run whose oldest events are no longer kept (retained-trace.ts): the
// core is deterministic, so the scenario, the seed and the user actions run again on the
// inline host give the same events, byte for byte (ARCHITECTURE.md §2). They come in
// batches, so an export of a long run is written piece by piece and never held whole; where
// the re-simulation reaches the events still kept it is checked against them.

import { ArraySink, type Scenario, Simulation, type TraceEvent, type UserAction } from '../core/index.ts';
import { InlineHost } from './inline.ts';

export interface WholeTraceSource {
  scenario: Scenario;
  seed: number;
  /** The user actions the run applied, beyond the scenario's own (LiveRunner.actions()). */
  actions: readonly UserAction[];
  /** The kept events, and the position in the run of the first of them. */
  kept: readonly TraceEvent[];
  start: number;
}

/** Events per batch. */
const BATCH = 10_000;

const same = (a: TraceEvent, b: TraceEvent): boolean => a.seq === b.seq && a.type === b.type && a.t === b.t;

/**
 * The run's events from the first, in batches of at most `batch`: the kept ones as they are
 * when nothing was dropped, else re-simulated up to as many events as the run has. Throws if
 * the re-simulation parts from what is kept (a run that cannot be reproduced).
 */
export function* wholeTrace(source: WholeTraceSource, batch = BATCH): Generator<readonly TraceEvent[]> {
  const { scenario, seed, actions, kept, start } = source;
  const total = start + kept.length;
  if (start === 0) {
    for (let i = 0; i < kept.length; i += batch) yield kept.slice(i, i + batch);
    return;
  }
  const sink = new ArraySink();
  const sim = new Simulation(scenario, { seed, trace: sink, actions: actions.slice() });
  const host = new InlineHost(scenario, seed);
  let done = 0;
  let ended = false;
  try {
    while (done < total) {
      if (!ended && sink.events.length < batch) {
        const command = sim.next(Infinity);
        if (!command) ended = true;
        else if (command.type === 'crash') host.crash(command.node);
        else sim.apply(command.call, host.call(command.call));
        continue;
      }
      if (sink.events.length === 0) throw new Error(`the run re-simulated ended after ${done} of ${total} events`);
      const out = sink.events.splice(0, Math.min(batch, total - done));
      for (let i = 0; i < out.length; i++) {
        const mine = kept[done + i - start];
        if (mine && !same(mine, out[i] as TraceEvent))
          throw new Error(
            `the run re-simulated differs from the live one at event ${done + i + 1} : the live run did something a re-simulation does not repeat (a node's worker that failed, for one), so its whole trace cannot be rebuilt from the ${kept.length.toLocaleString('en-US')} events it keeps`,
          );
      }
      done += out.length;
      yield out;
    }
  } finally {
    host.dispose();
  }
}
