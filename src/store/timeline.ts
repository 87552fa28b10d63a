// Time travel over the trace: the view of the run at any earlier moment. The live view is
// folded from the trace as frames arrive (applyEvents); on the way the timeline keeps a
// checkpoint of the view every CHECKPOINT_EVERY events, so the view at true time t (the
// first `index` events, those with e.t ≤ t) is the nearest checkpoint before it plus at
// most CHECKPOINT_EVERY events replayed. Views share structure and are never mutated, so a
// checkpoint is just a reference to the view as it was.
//
// A long run keeps only its recent events (hosts/retained-trace.ts): `forget(start)` drops the
// checkpoints the kept events no longer reach, so the past can be shown from `earliest` on.

import type { Scenario, TraceEvent, TrueTime } from '../core/index.ts';
import { applyEvents, DROP_VISIBLE_MS, initialTraceView, type TraceView } from './trace-view.ts';

/** Events between checkpoints: a seek replays at most this many. */
export const CHECKPOINT_EVERY = 2000;

/**
 * The frame number a seek folds with: far from any live frame, so drops stay visible by
 * simulated time alone (DROP_VISIBLE_MS), not by how many frames ago they were seen.
 */
const SEEK_FRAME = Number.MAX_SAFE_INTEGER;

/** The events a runner keeps: event i of the run is `events[i - start]` for i ≥ start. */
export interface TraceWindow {
  readonly events: readonly TraceEvent[];
  readonly start: number;
}

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
  /** checkpoints[k] is the view after the first k × every events (undefined once forgotten). */
  private readonly checkpoints: (TraceView | undefined)[];
  /** times[k]: the true time of the last event before checkpoint k (0 for the first). */
  private readonly times: number[] = [0];
  private current: TraceView;
  private folded = 0;
  private first = 0;

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

  /** Checkpoints kept. */
  get checkpointCount(): number {
    return this.checkpoints.length - this.first;
  }

  /** The earliest moment that can be shown: the first `earliest` events, at true time `earliestT`. */
  get earliest(): number {
    return Math.min(this.folded, this.first * this.every);
  }

  get earliestT(): number {
    return this.times[this.first] ?? 0;
  }

  /**
   * The run no longer keeps its first `start` events: drops the checkpoints that would need
   * them (a seek starts from a checkpoint and replays kept events only).
   */
  forget(start: number): void {
    const first = Math.min(Math.ceil(start / this.every), this.checkpoints.length - 1);
    for (let k = this.first; k < first; k++) this.checkpoints[k] = undefined;
    this.first = Math.max(this.first, first);
  }

  /**
   * Folds the next events of the trace into the live view (as applyEvents does for a frame),
   * cutting the batch at checkpoint boundaries so that a checkpoint lands exactly every
   * `every` events however large the frames are.
   */
  append(events: readonly TraceEvent[], now: TrueTime, frame: number, settleAt: TrueTime = now): TraceView {
    let i = 0;
    do {
      const room = this.every - (this.folded % this.every);
      const chunk = i === 0 && events.length <= room ? events : events.slice(i, i + room);
      const last = i + chunk.length >= events.length;
      const at = last ? now : ((chunk[chunk.length - 1] as TraceEvent).t as TrueTime);
      this.current = applyEvents(this.current, chunk, at, frame, last ? settleAt : at);
      this.folded += chunk.length;
      i += chunk.length;
      if (chunk.length > 0 && this.folded % this.every === 0) {
        this.checkpoints[this.folded / this.every] = this.current;
        this.times[this.folded / this.every] = (chunk[chunk.length - 1] as TraceEvent).t;
      }
    } while (i < events.length);
    return this.current;
  }

  /**
   * The view after the first `index` events of the trace this timeline folds (the events
   * given, or a runner's kept events from `start`), at true time t: the nearest checkpoint at
   * or before `index` plus the events after it. An index before `earliest` shows `earliest`.
   */
  viewAt(trace: readonly TraceEvent[] | TraceWindow, index: number, t: number): TraceView {
    const { events, start } = 'start' in trace ? trace : { events: trace, start: 0 };
    const end = Math.max(this.earliest, Math.min(index, start + events.length));
    const k = Math.max(this.first, Math.min(Math.floor(end / this.every), this.checkpoints.length - 1));
    const base = this.checkpoints[k] as TraceView;
    const from = k * this.every;
    const view = applyEvents(base, events.slice(from - start, end - start), t as TrueTime, SEEK_FRAME);
    const failures = view.failures.filter((f) => f.t <= t && t - f.t < DROP_VISIBLE_MS);
    return failures.length === view.failures.length ? view : { ...view, failures };
  }
}
