// What time travel keeps of a long run (hosts/retained-trace.ts), said once the run has
// outgrown it: the most recent events in full, so the past can be shown from a time on;
// exports still hold the whole run (re-simulated).

import { useLab } from '../../store/context.tsx';
import { selectRetention } from '../../store/selectors.ts';
import { formatSeconds } from '../stage/format.ts';

export function RetentionNote() {
  const retention = useLab(selectRetention);
  if (!retention || retention.start === 0) return null;
  return (
    <p className="retention-note" data-testid="retention" data-start={retention.start}>
      Keeping the last {retention.keep.toLocaleString('en-US')} events: time travel reaches back to t = {formatSeconds(retention.fromT)};
      exports hold the whole run.
    </p>
  );
}
