// The live monitors' switch and lines: each frame feeds the new trace events to the core's
// checkers (store/monitor.ts); a violation appears as a log line here and a badge on its node,
// and with "pause on violation" on, the run stops where it happened.

import { useEffect } from 'react';
import { formatSeconds } from '../../core/index.ts';
import { useLabStoreApi } from '../../store/context.tsx';
import { feedMonitor, selectPauseOnViolation, selectShownViolations, useMonitor } from '../../store/monitor.ts';
import type { LabState } from '../../store/lab-store.ts';

export function ViolationMonitor() {
  const store = useLabStoreApi();
  const pauseOn = useMonitor(selectPauseOnViolation);
  const shown = useMonitor(selectShownViolations);
  // Fed from a store subscription, not a render: time moves every frame, the panel seldom.
  useEffect(() => {
    let last: { runner: LabState['runner']; now: number; folded: number } | null = null;
    const feed = (s: LabState): void => {
      // What the page has folded so far (an imported trace is folded a slice at a time).
      if (!s.runner || (last && last.runner === s.runner && last.now === s.now && last.folded === s.traceVersion)) return;
      last = { runner: s.runner, now: s.now, folded: s.traceVersion };
      const found = feedMonitor(s.runner, s.now, s.traceVersion);
      if (found.length > 0 && pauseOn && store.getState().playing) store.getState().pause();
    };
    feed(store.getState());
    return store.subscribe(feed);
  }, [pauseOn, store]);
  return (
    <div className="violation-monitor">
      <label>
        <input
          type="checkbox"
          data-testid="control-pause-on-violation"
          checked={pauseOn}
          onChange={(e) => useMonitor.getState().setPauseOnViolation(e.target.checked)}
        />{' '}
        Pause on violation
      </label>{' '}
      <span data-testid="violation-count">
        {shown.length === 0 ? 'no invariant broken' : `${shown.length} invariant violation${shown.length === 1 ? '' : 's'}`}
      </span>
      {shown.length > 0 && (
        <ol className="violation-log" data-testid="violation-log" aria-label="Invariant violations, newest first">
          {shown
            .slice(-20)
            .reverse()
            .map((v, i) => (
              <li key={`${v.t}-${v.invariant}-${v.node ?? ''}-${i}`} className="violation">
                {formatSeconds(v.t)} ⚠ {v.invariant}: {v.detail}
              </li>
            ))}
        </ol>
      )}
    </div>
  );
}
