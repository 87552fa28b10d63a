// Each node's clock offset from true time as a series for charts, rebuilt from the trace:
// sampled every `stepMs`, and at every clock adjustment both just before and just after,
// so steps show as jumps and slews as bends.

import type { TraceEvent } from '../trace.ts';
import type { NodeId, TrueTime } from '../time.ts';
import { ClockReplay } from '../check/clock-replay.ts';

export interface OffsetPoint {
  t: number;
  offsetMs: number;
}

export function offsetSeries(events: readonly TraceEvent[], until: number, stepMs = 100): Map<NodeId, OffsetPoint[]> {
  const replay = new ClockReplay();
  const series = new Map<NodeId, OffsetPoint[]>();
  const alive = new Set<NodeId>();
  const sample = (t: number): void => {
    for (const id of alive) {
      const reading = replay.read(id, t as TrueTime);
      if (reading !== null) series.get(id)?.push({ t, offsetMs: reading - t });
    }
  };
  let nextSample = 0;
  for (const e of events) {
    while (nextSample <= e.t && nextSample <= until) {
      sample(nextSample);
      nextSample += stepMs;
    }
    if (e.type === 'node') {
      series.set(e.node, []);
      alive.add(e.node);
    }
    if (e.type === 'adjust') series.get(e.node)?.push({ t: e.t, offsetMs: e.before - e.t });
    replay.apply(e);
    if (e.type === 'adjust') series.get(e.node)?.push({ t: e.t, offsetMs: e.local - e.t });
  }
  while (nextSample <= until) {
    sample(nextSample);
    nextSample += stepMs;
  }
  return series;
}
