// The simulated time and the run's length for the top bar, and "finished" in the length's
// place once the run has finished: both always laid out in one cell, so the bar never
// changes size (issue 8: nothing in the top bar moves the page).

import { useLab } from '../../store/context.tsx';
import { selectFinished, selectReadout, selectScenario } from '../../store/selectors.ts';
import { formatSeconds } from '../../views/stage/format.ts';

export function TimeReadout() {
  const now = useLab(selectReadout);
  const scenario = useLab(selectScenario);
  const finished = useLab(selectFinished);
  return (
    <span
      className="time-readout"
      data-testid="time-readout"
      aria-label={`Simulated time ${formatSeconds(now)}${finished ? ', finished' : ''}`}
    >
      t = {formatSeconds(now)}
      <span className="time-end">
        {scenario ? (
          <span className="of" aria-hidden={finished} style={{ visibility: finished ? 'hidden' : 'visible' }}>
            {' '}
            / {formatSeconds(scenario.durationMs)}
          </span>
        ) : null}
        <span
          className="finished-badge"
          data-testid="finished"
          aria-hidden={!finished}
          style={{ visibility: finished ? 'visible' : 'hidden' }}
        >
          finished
        </span>
      </span>
    </span>
  );
}
