// The simulated time and the run's length, for the top bar.

import { useLab } from '../../store/context.tsx';
import { selectNow, selectScenario } from '../../store/selectors.ts';
import { formatSeconds } from '../../views/stage/format.ts';

export function TimeReadout() {
  const now = useLab(selectNow);
  const scenario = useLab(selectScenario);
  return (
    <span className="time-readout" data-testid="time-readout" aria-label={`Simulated time ${formatSeconds(now)}`}>
      t = {formatSeconds(now)}
      {scenario ? <span className="of"> / {formatSeconds(scenario.durationMs)}</span> : null}
    </span>
  );
}
