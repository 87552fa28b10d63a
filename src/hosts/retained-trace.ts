// The live runner's trace with bounded memory (ARCHITECTURE.md §10): the most recent events
// in full, the older ones dropped in whole chunks once the run outgrows its retention. What
// is dropped is not lost: the core is deterministic, so the scenario, the seed and the user
// actions re-simulate the whole run (whole-trace.ts streams it for exports).
//
// Positions stay absolute: event i of the run is `events[i - start]` while i ≥ start.

import type { TraceEvent, TraceSink } from '../core/index.ts';

export interface Retention {
  /** Events always kept in full (the most recent ones). */
  keep: number;
  /** Events dropped at once, from the front: a multiple of the store's checkpoint spacing (2,000). */
  chunk: number;
}

/**
 * The page's retention: at most 200,000 + 10,000 events in full (about 60 MB of trace and
 * what the store derives from it per 100,000), older ones re-simulated when exported.
 */
export const PAGE_RETENTION: Retention = { keep: 200_000, chunk: 10_000 };

/** Everything kept (tests, the run report, relay sessions). */
export const KEEP_ALL: Retention = { keep: Infinity, chunk: 10_000 };

export class RetainedTrace implements TraceSink {
  /** The kept events: event `start + i` of the run is `events[i]`. */
  readonly events: TraceEvent[] = [];
  private dropped = 0;

  constructor(readonly retention: Retention = KEEP_ALL) {
    if (!(retention.chunk >= 1) || !(retention.keep >= 0)) throw new Error('retention: keep ≥ 0 and chunk ≥ 1 events');
  }

  push(event: TraceEvent): void {
    this.events.push(event);
  }

  /** How many of the run's first events are no longer kept. */
  get start(): number {
    return this.dropped;
  }

  /** Events in the run so far, kept or not. */
  get length(): number {
    return this.dropped + this.events.length;
  }

  /** Event i of the run, if kept. */
  at(i: number): TraceEvent | undefined {
    return i >= this.dropped ? this.events[i - this.dropped] : undefined;
  }

  /**
   * Drops whole chunks from the front while more than keep + chunk events are kept, never an
   * event at or after `floor` (what listeners have not been handed yet). Returns how many.
   */
  trim(floor: number = this.length): number {
    const { keep, chunk } = this.retention;
    let n = 0;
    while (this.events.length - n - chunk >= keep && this.dropped + n + chunk <= floor) n += chunk;
    if (n > 0) {
      this.events.splice(0, n);
      this.dropped += n;
    }
    return n;
  }
}
