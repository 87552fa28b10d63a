// What the run views read besides the trace view: the metrics, the clock chart's index and
// the space-time diagram's model, each fed every trace event exactly once as frames arrive
// (the store's attachment feeds it beside the timeline), so no view re-reads or copies the
// trace. The store hands it out with a version (events fed) that its memoised selectors key
// on; the views never reach the trace by another door.

import type { Scenario, TraceEvent } from '../core/index.ts';
import { ClockIndex } from './clock-chart-model.ts';
import { type Metrics, MetricsIndex } from './metrics-model.ts';
import { SpaceTimeBuilder, type TimeAxis } from './spacetime-model.ts';

export class RunIndex {
  readonly metrics: MetricsIndex;
  readonly clocks = new ClockIndex();
  private readonly diagrams = new Map<TimeAxis, SpaceTimeBuilder>();
  private fed = 0;

  constructor(
    readonly scenario: Scenario,
    /** The trace fed so far, for a diagram axis asked for late (it starts from the beginning). */
    private readonly trace: () => readonly TraceEvent[],
  ) {
    this.metrics = new MetricsIndex(scenario.algorithm, scenario.nodes.length);
    this.diagrams.set('true', new SpaceTimeBuilder('true'));
  }

  /** Events fed so far (the store's trace version). */
  get length(): number {
    return this.fed;
  }

  append(events: readonly TraceEvent[]): void {
    for (const e of events) {
      this.metrics.push(e);
      this.clocks.push(e);
      for (const d of this.diagrams.values()) d.push(e);
    }
    this.fed += events.length;
  }

  /** The first `end` events (all by default): for an algorithm's own metrics part, which reads the trace whole. */
  events(end?: number): readonly TraceEvent[] {
    const events = this.trace();
    return end === undefined || end >= events.length ? events : events.slice(0, end);
  }

  /** The metrics after the first `index` events, at true time t (a scrubbed page). */
  metricsAt(index: number, t: number): Metrics {
    return this.metrics.metricsAt(this.trace(), index, t);
  }

  /** The diagram's builder on an axis; the local axis is built the first time it is asked for. */
  diagram(axis: TimeAxis): SpaceTimeBuilder {
    let d = this.diagrams.get(axis);
    if (!d) {
      d = new SpaceTimeBuilder(axis);
      const events = this.trace();
      for (let i = 0; i < this.fed && i < events.length; i++) d.push(events[i] as TraceEvent);
      this.diagrams.set(axis, d);
    }
    return d;
  }
}
