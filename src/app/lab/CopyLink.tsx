// "Copy link": the address bar already holds the whole setup (useUrlSync); this copies it.
// Where the clipboard is not allowed (an insecure origin, a denied permission) the link is
// shown selected, to copy by hand. The label keeps its width, so the top bar never moves.

import { useEffect, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'manual';

export function CopyLink() {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome !== 'copied') return;
    const id = window.setTimeout(() => setOutcome('idle'), 2000);
    return () => window.clearTimeout(id);
  }, [outcome]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setOutcome('copied');
    } catch {
      setOutcome('manual');
    }
  };

  return (
    <>
      <button
        type="button"
        className="copy-link"
        data-testid="copy-link"
        data-copied={outcome === 'copied' ? 'true' : 'false'}
        title="Copy a link that reopens this run: scenario, seed, speed and every action with its time"
        onClick={() => void copy()}
      >
        <span aria-live="polite">{outcome === 'copied' ? 'Copied' : 'Copy link'}</span>
      </button>
      {outcome === 'manual' && (
        <div className="copy-link-manual" role="dialog" aria-label="Link to this run">
          <label>
            Copy this link:
            <input readOnly value={window.location.href} ref={(el) => el?.select()} data-testid="copy-link-text" />
          </label>
          <button type="button" onClick={() => setOutcome('idle')}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
