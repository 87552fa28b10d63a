// A LiveRunner over an imported trace: nothing runs and nothing can be changed. The page
// shows the recorded run as it would a live one scrubbed into the past (time travel over a
// finished run); its end plays the part of the present.

import { bump, emptyCounts, type MessageStats, type Scenario, type TraceEvent } from '../core/index.ts';
import type { LiveRunner } from '../hosts/live.ts';

function statsOf(events: readonly TraceEvent[]): MessageStats {
  const stats: MessageStats = { sent: 0, delivered: 0, dropped: 0, byKind: emptyCounts() };
  for (const e of events) {
    if (e.type === 'send') {
      stats.sent++;
      bump(stats.byKind, e.kind);
    } else if (e.type === 'deliver') stats.delivered++;
    else if (e.type === 'drop') stats.dropped++;
  }
  return stats;
}

export function createReplayRunner(scenario: Scenario, seed: number, events: readonly TraceEvent[]): LiveRunner {
  const stats = statsOf(events);
  return {
    scenario,
    seed,
    hostKind: 'replay',
    play: () => undefined,
    pause: () => undefined,
    step: async () => undefined,
    setSpeed: () => undefined,
    act: () => undefined,
    node: () => undefined,
    stats: () => stats,
    describe: async () => null,
    subscribe: () => () => undefined,
    trace: () => events,
    // Read-only: it is never forked, so it has no user actions to hand on.
    actions: () => [],
    failure: () => null,
    dispose: () => undefined,
  };
}
