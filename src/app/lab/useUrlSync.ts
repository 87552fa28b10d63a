// Keeps the address bar naming the whole setup of the run shown (scenario, seed, speed,
// heartbeats, every user action with its time) as the user acts, so the link can be copied
// at any moment and reopens the same run. An imported trace keeps the URL it was opened at.

import { useEffect } from 'react';
import type { LabState, LabStore } from '../../store/lab-store.ts';
import { type LabSetup, writeLabUrl } from './lab-url.ts';

/** The setup the store shows now, or null when there is none to name (nothing loaded, an imported trace). */
export function setupOf(s: LabState): LabSetup | null {
  if (!s.scenario || !s.runner || s.readOnly) return null;
  return { scenario: s.scenario, seed: s.seed, speed: s.speed, actions: [...s.runner.actions()] };
}

export function useUrlSync(store: LabStore): void {
  useEffect(() => {
    let last = '';
    const sync = (s: LabState): void => {
      // Cheap key first: the URL changes only with these (actions are only ever appended).
      const key = `${s.runId}|${s.speed}|${s.runner?.actions().length ?? -1}|${s.readOnly}`;
      if (key === last) return;
      last = key;
      const setup = setupOf(s);
      if (setup) writeLabUrl(setup);
    };
    sync(store.getState());
    return store.subscribe(sync);
  }, [store]);
}
