// Play, pause, next message (the teaching step), reset and speed (whether the run has finished is in TimeReadout).
// Play on a finished run plays on (the runner extends the horizon). Buttons carry the test ids of ARCHITECTURE.md §5 and aria-labels that name their shortcut.

import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectPlaying, selectSpeed } from '../../store/selectors.ts';
import { SPEEDS, speedLabel, speedOf } from './speeds.ts';

export { SPEEDS, speedLabel } from './speeds.ts';

/** A 16×16 icon drawn as a path, so it renders the same whatever fonts the projector has. */
function Icon({ d }: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

export function PlaybackControls() {
  const store = useLabStoreApi();
  const playing = useLab(selectPlaying);
  const speed = useLab(selectSpeed);
  const s = () => store.getState();
  return (
    <div className="playback" role="group" aria-label="Playback">
      <button type="button" data-testid="control-play" aria-label="Play (space)" aria-pressed={playing} onClick={() => s().play()}>
        <Icon d="M4 2 L14 8 L4 14 Z" /> <span className="label">Play</span>
      </button>
      <button type="button" data-testid="control-pause" aria-label="Pause (space)" disabled={!playing} onClick={() => s().pause()}>
        <Icon d="M3 2 H7 V14 H3 Z M9 2 H13 V14 H9 Z" /> <span className="label">Pause</span>
      </button>
      <button
        type="button"
        data-testid="control-step"
        aria-label="Next message: one send or delivery (right arrow)"
        title="Next message: one send or delivery"
        onClick={() => void s().stepMessage()}
      >
        <Icon d="M2 2 L10 8 L2 14 Z M11 2 H14 V14 H11 Z" /> <span className="label">Next message</span>
      </button>
      <button type="button" data-testid="control-reset" aria-label="Reset (r)" onClick={() => s().reset()}>
        <Icon d="M8 2 A6 6 0 1 1 2.3 6 L0.5 6 L3.5 2.5 L6.5 6 L4.6 6 A3.8 3.8 0 1 0 8 4.2 Z" /> <span className="label">Reset</span>
      </button>
      <label className="speed">
        <span className="label">Speed</span>
        <select
          data-testid="control-speed"
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => s().setSpeed(speedOf(e.target.value))}
        >
          {SPEEDS.map((v) => (
            <option key={String(v)} value={String(v)}>
              {speedLabel(v)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
