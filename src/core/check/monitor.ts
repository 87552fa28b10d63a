// Every invariant checker at once, fed the trace one event at a time: the page runs it as the
// trace grows (live monitors), the CLI and the run report over a finished trace. Checkers of
// another algorithm's invariants see none of their events and stay quiet. Besides the clock
// and election checkers below, every registered algorithm's own `monitors` run here.

import { algorithms } from '../algorithms/registry.ts';
import type { TraceEvent } from '../trace.ts';
import { BerkeleyChecker, CristianBoundChecker, type IncrementalChecker, MonotonicClockChecker } from './clock-sync.ts';
import { SplitBrainMonitor } from './elections.ts';
import type { Violation } from './violations.ts';

export class RunMonitor {
  readonly cristian = new CristianBoundChecker();
  private readonly split = new SplitBrainMonitor();
  private readonly checkers: IncrementalChecker[] = [
    new MonotonicClockChecker(),
    this.cristian,
    new BerkeleyChecker(),
    this.split,
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
    const found = this.split.flush();
    for (const v of found) this.violations.push(v);
    return found;
  }
}
