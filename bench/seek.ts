// Time travel and the space-time diagram at scale (issue 5, ARCHITECTURE.md §8): a 10-minute run
// of 64 Bully processes with heartbeats (src/scenarios/custom.ts), folded into the store's
// timeline as the page would, then seeks to random moments (the view at t from the nearest
// checkpoint plus a replay; budget < 100 ms), and the diagram's model over 100,000 events.

import type { Scenario, TraceEvent, TrueTime } from '../src/core/index.ts';
import { simulateInline } from '../src/hosts/inline.ts';
import { customScenario } from '../src/scenarios/index.ts';
import { indexAt, TraceTimeline } from '../src/store/timeline.ts';
import { arrowsIn, buildSpaceTime } from '../src/store/spacetime-model.ts';

export interface SeekBenchmark {
  nodes: number;
  runMs: number;
  events: number;
  simulateMs: number;
  foldMs: number;
  checkpoints: number;
  seeks: number;
  seekMedianMs: number;
  seekP95Ms: number;
  seekMaxMs: number;
  diagramEvents: number;
  buildMs: number;
  windowMedianMs: number;
  windowArrows: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** A fixed pseudo-random sequence, so runs are comparable. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function runSeekBenchmark(nodes = 64, runMs = 600_000): SeekBenchmark {
  const base = customScenario({ algorithm: 'bully', nodes, durationMs: runMs });
  const spec = base.algorithm;
  if (spec.id !== 'bully') throw new Error('custom bully scenario expected');
  const scenario: Scenario = { ...base, algorithm: { id: 'bully', settings: { ...spec.settings, heartbeat: true } } };

  let start = performance.now();
  const { events } = simulateInline(scenario, 1);
  const simulateMs = performance.now() - start;

  // Fold as the page does: one batch per frame (here ~16 ms of a 100× run: 1,600 ms of true time).
  start = performance.now();
  const line = new TraceTimeline(scenario);
  let frame = 0;
  for (let i = 0; i < events.length;) {
    const until = (events[i] as TraceEvent).t + 1600;
    const j = indexAt(events, until);
    line.append(events.slice(i, Math.max(j, i + 1)), until as TrueTime, ++frame);
    i = Math.max(j, i + 1);
  }
  const foldMs = performance.now() - start;

  const random = lcg(42);
  const times: number[] = [];
  const seeks = 300;
  for (let k = 0; k < seeks; k++) {
    const t = random() * runMs;
    const s = performance.now();
    line.viewAt(events, indexAt(events, t), t);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);

  // The diagram: 100,000 events (repeating the run's if it has fewer).
  const diagramEvents = events.slice(0, 100_000);
  start = performance.now();
  const model = buildSpaceTime(diagramEvents);
  const buildMs = performance.now() - start;
  const end = (diagramEvents[diagramEvents.length - 1] as TraceEvent).t;
  const windows: number[] = [];
  let windowArrows = 0;
  for (let k = 0; k < 200; k++) {
    const x0 = random() * Math.max(1, end - 5000);
    const s = performance.now();
    windowArrows += arrowsIn(model, x0, x0 + 5000).length;
    windows.push(performance.now() - s);
  }
  windows.sort((a, b) => a - b);

  return {
    nodes,
    runMs,
    events: events.length,
    simulateMs,
    foldMs,
    checkpoints: line.checkpointCount,
    seeks,
    seekMedianMs: quantile(times, 0.5),
    seekP95Ms: quantile(times, 0.95),
    seekMaxMs: times[times.length - 1] ?? NaN,
    diagramEvents: diagramEvents.length,
    buildMs,
    windowMedianMs: quantile(windows, 0.5),
    windowArrows: Math.round(windowArrows / windows.length),
  };
}
