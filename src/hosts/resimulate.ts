// Replays a recorded trace offline: the scenario, the seed and the user actions the trace
// holds (external ones from a relay session included) run again on the inline host. A run is
// deterministic, so the replay writes the same events, byte for byte, as the recording.

import { ArraySink, type Scenario, Simulation, type TraceEvent } from '../core/index.ts';
import { InlineHost, runInline } from './inline.ts';

export function resimulate(scenario: Scenario, seed: number, events: readonly TraceEvent[]): TraceEvent[] {
  // The scenario's own actions are in the trace too, in the order they ran.
  const bare: Scenario = { ...scenario, actions: [] };
  const actions = events.flatMap((e) => (e.type === 'action' ? [e.action] : []));
  const sink = new ArraySink();
  const sim = new Simulation(bare, { seed, trace: sink, actions });
  runInline(sim, new InlineHost(bare, seed), events.at(-1)?.t ?? 0);
  return sink.events;
}
