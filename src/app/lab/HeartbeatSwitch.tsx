// Heartbeat failure detection, on or off, for the elections (the lab presets notice the
// failure by being told; with heartbeats on, followers notice a silent coordinator by
// themselves). Switching restarts the run from 0 with the same actions; the URL says which.

import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectReadOnly, selectScenario } from '../../store/selectors.ts';
import { hasHeartbeats, heartbeatsOn } from '../../scenarios/heartbeats.ts';

export function HeartbeatSwitch() {
  const store = useLabStoreApi();
  const scenario = useLab(selectScenario);
  const readOnly = useLab(selectReadOnly);
  if (!scenario || !hasHeartbeats(scenario)) return null;
  const on = heartbeatsOn(scenario);
  return (
    <label className="checkbox heartbeat-switch" title="Switching restarts the run from 0 with the same actions">
      <input
        type="checkbox"
        data-testid="control-heartbeats"
        checked={on}
        disabled={readOnly}
        onChange={(e) => store.getState().setHeartbeats(e.target.checked)}
      />{' '}
      Heartbeat failure detection
    </label>
  );
}
