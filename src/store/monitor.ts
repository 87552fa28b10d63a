// Live invariant monitors: the core's checkers (RunMonitor) fed the live trace as it grows,
// a few new events per frame, so a violation shows where and when it happens — a badge on
// the node's glyph and a line in the log — and can pause the run. Kept beside the lab store
// (one monitor per runner) rather than in the trace view, which time travel rebuilds: when
// the page looks into the past it shows the violations found up to that moment.

import { create } from 'zustand';
import { type NodeId, RunMonitor, type TraceEvent, type Violation } from '../core/index.ts';

interface Fed {
  monitor: RunMonitor;
  /** The first kept event when last fed, to tell a fork's new trace from the same one grown. */
  first: TraceEvent | undefined;
  /** Events fed, counted from the start of the run (a long run's trace drops its oldest). */
  fed: number;
}

export interface MonitorState {
  /** Violations found up to the time the page shows, oldest first. */
  readonly shown: readonly Violation[];
  /** The latest shown violation on each node (the glyph's badge). */
  readonly byNode: Readonly<Record<NodeId, Violation>>;
  readonly pauseOnViolation: boolean;
  setPauseOnViolation(on: boolean): void;
}

export const useMonitor = create<MonitorState>()((set) => ({
  shown: [],
  byNode: {},
  pauseOnViolation: false,
  setPauseOnViolation: (on) => set({ pauseOnViolation: on }),
}));

export const selectViolationOf = (id: NodeId) => (s: MonitorState) => s.byNode[id];
export const selectShownViolations = (s: MonitorState) => s.shown;
export const selectPauseOnViolation = (s: MonitorState) => s.pauseOnViolation;

const monitors = new WeakMap<object, Fed>();

/**
 * Feeds the events the runner's trace gained since the last call, up to the first `upTo` (the
 * events the page has folded: an imported trace is all there at once but is folded a slice
 * at a time, and checking all of it in one task froze the page), with a fresh monitor for a
 * new runner, or when a fork rewrote the trace; publishes what the page shows at `now`, and
 * returns the violations found in this call.
 */
export function feedMonitor(runner: { trace(): readonly TraceEvent[]; traceStart?(): number }, now: number, upTo = Infinity): Violation[] {
  const trace = runner.trace();
  const start = runner.traceStart?.() ?? 0;
  let fed = monitors.get(runner);
  const length = Math.min(upTo, start + trace.length);
  // A different trace: shorter, or (nothing dropped since) another first event.
  if (!fed || length < fed.fed || (start === 0 && fed.fed > 0 && trace[0] !== fed.first)) {
    fed = { monitor: new RunMonitor(), first: trace[0], fed: 0 };
    monitors.set(runner, fed);
  }
  fed.first = trace[0];
  const found: Violation[] = [];
  // Events dropped before they were fed (none while frames feed it) cannot be judged.
  for (fed.fed = Math.max(fed.fed, start); fed.fed < length; fed.fed++)
    found.push(...fed.monitor.push(trace[fed.fed - start] as TraceEvent));
  // The page's time has passed the last event fed: its instant is over, judge it.
  const last = trace[length - start - 1];
  if (last && last.t < now) found.push(...fed.monitor.flush());
  publish(fed.monitor.violations, now);
  return found;
}

function publish(all: readonly Violation[], now: number): void {
  let count = 0;
  while (count < all.length && (all[count] as Violation).t <= now) count++;
  const state = useMonitor.getState();
  if (state.shown.length === count && (count === 0 || state.shown[count - 1] === all[count - 1])) return;
  const shown = all.slice(0, count);
  const byNode: Record<NodeId, Violation> = {};
  for (const v of shown) if (v.node !== undefined) byNode[v.node] = v;
  useMonitor.setState({ shown, byNode });
}
