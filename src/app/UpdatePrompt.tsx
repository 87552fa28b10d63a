// "A new version is ready": shown when a deploy's service worker is waiting (offline.ts).
// Reload keeps the scenario, seed and actions, since they are in the address.

import { useState, useSyncExternalStore } from 'react';
import { onUpdateReady, updateReady } from './offline.ts';
import './update-prompt.css';

export function UpdatePrompt() {
  const apply = useSyncExternalStore(onUpdateReady, updateReady);
  const [dismissed, setDismissed] = useState(false);
  if (!apply || dismissed) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>A new version of dslab is ready.</span>
      <button type="button" onClick={apply}>
        Reload
      </button>
      <button type="button" onClick={() => setDismissed(true)}>
        Not now
      </button>
    </div>
  );
}
