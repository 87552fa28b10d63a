// Every invariant checker at once, fed the trace one event at a time: the page runs it as the
// trace grows (live monitors), the CLI and the run report over a finished trace. Checkers of
// another algorithm's invariants see none of their events and stay quiet. Besides clocks that
// never run backwards, the checkers are every registered algorithm's own `monitors`.

import { algorithms } from '../algorithms/registry.ts';
import type { TraceEvent } from '../trace.ts';
import { type IncrementalChecker, MonotonicClockChecker } from './clock-sync.ts';
import type { Violation } from './violations.ts';

export class RunMonitor {
  private readonly checkers: IncrementalChecker[] = [
    new MonotonicClockChecker(),
    ...[...new Set(algorithms.flatMap((a) => a.monitors ?? []))].map((make) => make()),
  ];
  readonly violations: Violation[] = [];

  /** Feeds one event; returns the violations it revealed (also kept in `violations`). */
  push(e: TraceEvent): Violation[] {
    const found: Violation[] = [];
    for (const c of this.checkers) for (const v of c.push(e)) found.push(v);
    for (const v of found) this.violations.push(v);
    return found;
  }

  /**
   * Judges what waits for the end of its instant (split brain): call it at the end of a
   * finished trace, or once the page's time has passed the last event.
   */
  flush(): Violation[] {
    const found: Violation[] = [];
    for (const c of this.checkers) for (const v of c.flush?.() ?? []) found.push(v);
    for (const v of found) this.violations.push(v);
    return found;
  }
}
