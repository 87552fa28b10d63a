// What the run views read besides the trace view: the metrics, the clock chart's index and
// the space-time diagram's model, each fed every trace event exactly once as frames arrive
// (the store's attachment feeds it beside the timeline), so no view re-reads or copies the
// trace. The store hands it out with a version (events fed) that its memoised selectors key
// on; the views never reach the trace by another door.
//
// A long run keeps only its recent events (hosts/retained-trace.ts): `forget` drops, in every
// index, what lies before them, so the index stays as bounded as the trace.

import { LogicalClocks, type Scenario, type TraceEvent } from '../core/index.ts';
import { ClockIndex } from './clock-chart-model.ts';
import { type Metrics, MetricsIndex } from './metrics-model.ts';
import { SpaceTimeBuilder, type TimeAxis } from './spacetime-model.ts';
import type { TraceWindow } from './timeline.ts';

export class RunIndex {
  readonly metrics: MetricsIndex;
  readonly clocks = new ClockIndex();
  /** Lamport and vector clocks of every event (issue 11), whatever the algorithm. */
  readonly logical: LogicalClocks;
  private readonly diagrams = new Map<TimeAxis, SpaceTimeBuilder>();
  private fed = 0;
  private kept = 0;

  constructor(
    readonly scenario: Scenario,
    /** The runner's kept events, for a diagram axis asked for late and for seeks. */
    private readonly trace: () => TraceWindow,
  ) {
    this.metrics = new MetricsIndex(scenario.algorithm, scenario.nodes.length);
    this.logical = new LogicalClocks(scenario.nodes.map((n) => n.id));
    this.diagrams.set('true', new SpaceTimeBuilder('true'));
  }

  /** Events fed so far (the store's trace version). */
  get length(): number {
    return this.fed;
  }

  /** The position in the run of the first event the indexes still hold. */
  get start(): number {
    return this.kept;
  }

  append(events: readonly TraceEvent[]): void {
    for (const e of events) {
      this.metrics.push(e);
      this.clocks.push(e);
      this.logical.push(e);
      for (const d of this.diagrams.values()) d.push(e);
    }
    this.fed += events.length;
  }

  /** The runner keeps its events from `start` (at true time t) on: every index drops what lies before. */
  forget(start: number, t: number): void {
    if (start <= this.kept) return;
    this.kept = start;
    this.metrics.forget(start, t);
    this.clocks.forget(t);
    this.logical.forget(start);
    for (const d of this.diagrams.values()) d.forget(start, t);
  }

  /**
   * The kept events up to the run's `end`-th (all by default): for an algorithm's own metrics
   * part, which reads them whole (over a long run, the kept ones).
   */
  events(end?: number): readonly TraceEvent[] {
    const { events, start } = this.trace();
    return end === undefined || end - start >= events.length ? events : events.slice(0, Math.max(0, end - start));
  }

  /** Event i of the run, if kept. */
  eventAt(i: number): TraceEvent | undefined {
    const { events, start } = this.trace();
    return i >= start ? events[i - start] : undefined;
  }

  /** The metrics after the first `index` events, at true time t (a scrubbed page). */
  metricsAt(index: number, t: number): Metrics {
    const { events, start } = this.trace();
    return this.metrics.metricsAt(events, index, t, start);
  }

  /** The diagram's builder on an axis; the local axis is built the first time it is asked for, from the kept events. */
  diagram(axis: TimeAxis): SpaceTimeBuilder {
    let d = this.diagrams.get(axis);
    if (!d) {
      const { events, start } = this.trace();
      d = new SpaceTimeBuilder(axis, start);
      for (let i = start; i < this.fed && i - start < events.length; i++) d.push(events[i - start] as TraceEvent);
      this.diagrams.set(axis, d);
    }
    return d;
  }
}
