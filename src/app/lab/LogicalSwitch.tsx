// Which logical clocks the page shows (issue 11): off, Lamport's or vector clocks, on every
// node, message and log line, and a click on the diagram then shows an event's causal past
// and future. A view of the trace, not of the run: switching restarts nothing. The URL says
// which (`logical=`), so a shared link shows the same.

import { useEffect } from 'react';
import { isLogicalMode, type LogicalMode, useLogical } from '../../store/logical-view.ts';
import { withLogicalParam } from '../url-state.ts';

const LABELS: Record<LogicalMode, string> = { off: 'off', lamport: 'Lamport (L=)', vector: 'vector (V=[…])' };

export function LogicalSwitch() {
  const mode = useLogical((s) => s.mode);
  const setMode = useLogical((s) => s.setMode);
  useEffect(() => {
    const search = withLogicalParam(window.location.search, mode);
    if (search !== window.location.search)
      window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [mode]);
  return (
    <label
      className="logical-switch"
      title="The lab's own logical clocks, derived from the trace: every event on a node's lane ticks it (an algorithm's own timestamps, such as Ricart–Agrawala's ts, are in its messages)"
    >
      {/* " clocks" folds away where the bar is short of room (presenter mode, custom setup). */}
      Logical<span className="logical-switch-rest"> clocks</span>{' '}
      <select
        data-testid="control-logical"
        value={mode}
        onChange={(e) => {
          if (isLogicalMode(e.target.value)) setMode(e.target.value);
        }}
      >
        {(Object.keys(LABELS) as LogicalMode[]).map((m) => (
          <option key={m} value={m}>
            {LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
