// Time travel over the trace: the view of the run at any earlier moment. The live view is
// folded from the trace as frames arrive (applyEvents); on the way the timeline keeps a
// checkpoint of the view every CHECKPOINT_EVERY events, so the view at true time t (the
// first `index` events, those with e.t ≤ t) is the nearest checkpoint before it plus at
// most CHECKPOINT_EVERY events replayed. Views share structure and are never mutated, so a
// checkpoint is just a reference to the view as it was.

import type { Scenario, TraceEvent, TrueTime } from '../core/index.ts';
import { applyEvents, DROP_VISIBLE_MS, initialTraceView, type TraceView } from './trace-view.ts';

/** Events between checkpoints: a seek replays at most this many. */
export const CHECKPOINT_EVERY = 2000;

/**
 * The frame number a seek folds with: far from any live frame, so drops stay visible by
 * simulated time alone (DROP_VISIBLE_MS), not by how many frames ago they were seen.
 */
const SEEK_FRAME = Number.MAX_SAFE_INTEGER;

/** How many events happened at or before true time t (trace events are in time order). */
export function indexAt(events: readonly TraceEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as TraceEvent).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The moment a scrubbed page shows: the first `index` events of the trace, at true time `t`. */
export interface Cursor {
  readonly index: number;
  readonly t: number;
}

export class TraceTimeline {
  /** checkpoints[k] is the view after the first k × every events. */
  private readonly checkpoints: TraceView[];
  private current: TraceView;
  private folded = 0;

  constructor(
    scenario: Scenario,
    readonly every: number = CHECKPOINT_EVERY,
  ) {
    this.current = initialTraceView(scenario);
    this.checkpoints = [this.current];
  }

  /** The live view: every event folded so far, at the time of the last fold. */
  get view(): TraceView {
    return this.current;
  }

  /** Events folded so far. */
  get length(): number {
    return this.folded;
  }

  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /**
   * Folds the next events of the trace into the live view (as applyEvents does for a frame),
   * cutting the batch at checkpoint boundaries so that a checkpoint lands exactly every
   * `every` events however large the frames are.
   */
  append(events: readonly TraceEvent[], now: TrueTime, frame: number): TraceView {
    let i = 0;
    do {
      const room = this.every - (this.folded % this.every);
      const chunk = i === 0 && events.length <= room ? events : events.slice(i, i + room);
      const last = i + chunk.length >= events.length;
      const at = last ? now : ((chunk[chunk.length - 1] as TraceEvent).t as TrueTime);
      this.current = applyEvents(this.current, chunk, at, frame);
      this.folded += chunk.length;
      i += chunk.length;
      if (chunk.length > 0 && this.folded % this.every === 0) this.checkpoints[this.folded / this.every] = this.current;
    } while (i < events.length);
    return this.current;
  }

  /**
   * The view after the first `index` events of `events` (the trace this timeline folds), at
   * true time t: the nearest checkpoint at or before `index` plus the events after it.
   */
  viewAt(events: readonly TraceEvent[], index: number, t: number): TraceView {
    const end = Math.max(0, Math.min(index, events.length));
    const k = Math.min(Math.floor(end / this.every), this.checkpoints.length - 1);
    const base = this.checkpoints[k] as TraceView;
    const from = k * this.every;
    const view = applyEvents(base, events.slice(from, end), t as TrueTime, SEEK_FRAME);
    const failures = view.failures.filter((f) => f.t <= t && t - f.t < DROP_VISIBLE_MS);
    return failures.length === view.failures.length ? view : { ...view, failures };
  }
}
