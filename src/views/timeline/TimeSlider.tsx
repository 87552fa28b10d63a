// The time slider under the stage: scrubs the whole run back and forth (the stage, diagram,
// charts, metrics and log all show the moment chosen), steps one event back or forward, and
// returns to the present ("Live"). Acting while in the past forks the run (see the store).

import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectCursor, selectLiveNow, selectReadout, selectOpening, selectReadOnly, selectTravelNotice } from '../../store/selectors.ts';
import { formatSeconds } from '../stage/format.ts';
import './time-travel.css';

export function TimeSlider() {
  const store = useLabStoreApi();
  const cursor = useLab(selectCursor);
  // Live, the end is the readout time (it moves ten times a second); the present matters only while scrubbed.
  const liveNow = useLab((st) => (st.cursor ? selectLiveNow(st) : null));
  const now = useLab(selectReadout);
  const readOnly = useLab(selectReadOnly);
  const notice = useLab(selectTravelNotice);
  const opening = useLab(selectOpening);
  const s = () => store.getState();
  const max = Math.max(1, Math.ceil(cursor === null ? now : (liveNow ?? now)));
  const past = cursor !== null;
  return (
    <div className="time-travel" role="group" aria-label="Time travel">
      <button
        type="button"
        data-testid="control-step-back"
        aria-label="Step back one event"
        disabled={opening !== null}
        onClick={() => s().stepBack()}
      >
        ◀ event
      </button>
      <input
        type="range"
        data-testid="time-slider"
        aria-label="Time in the run"
        aria-valuetext={formatSeconds(now)}
        min={0}
        max={max}
        step={1}
        disabled={opening !== null}
        value={Math.min(max, Math.round(now))}
        onChange={(e) => s().seek(Number(e.target.value))}
      />
      <button
        type="button"
        data-testid="control-step-forward"
        aria-label="Step forward one event"
        disabled={!past}
        onClick={() => s().stepForward()}
      >
        event ▶
      </button>
      <button type="button" data-testid="control-live" disabled={!past} onClick={() => s().goLive()}>
        {readOnly ? 'End' : 'Live'}
      </button>
      <span className="travel-state" data-testid="time-travel-state" data-past={past} aria-live="polite">
        {opening !== null
          ? `opening the trace file: ${Math.floor(opening * 100)}% of its events`
          : past
            ? `past: ${formatSeconds(now)} (event ${cursor.index})`
            : readOnly
              ? 'end of the imported trace'
              : 'live'}
        {opening !== null ? '' : readOnly ? ' · imported trace, read-only' : past ? ' · acting here forks the run' : ''}
      </span>
      {notice && (
        <p className="travel-notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
