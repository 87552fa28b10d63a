// "Copy link": the address bar already holds the whole setup (useUrlSync); this copies it.
// Where the clipboard is not allowed (an insecure origin, a denied permission) the link is
// shown selected, to copy by hand. The label keeps its width, so the top bar never moves;
// below full HD only its icon shows (the bar is one line at 1280 px), and it names itself.

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
        aria-label={outcome === 'copied' ? 'Copied' : 'Copy link'}
        title="Copy a link that reopens this run: scenario, seed, speed and every action with its time"
        onClick={() => void copy()}
      >
        <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path
            d={
              outcome === 'copied'
                ? 'M2 8.5 L3.5 7 L6.5 10 L12.5 3.5 L14 5 L6.5 13 Z'
                : 'M6.6 9.4 L9.4 6.6 M7.5 4.5 L9.3 2.7 A2.6 2.6 0 0 1 13.3 6.7 L11.5 8.5 M8.5 11.5 L6.7 13.3 A2.6 2.6 0 0 1 2.7 9.3 L4.5 7.5'
            }
            fill={outcome === 'copied' ? 'currentColor' : 'none'}
            stroke="currentColor"
            strokeWidth={outcome === 'copied' ? 0 : 1.8}
            strokeLinecap="round"
          />
        </svg>{' '}
        <span className="label" aria-live="polite">
          {outcome === 'copied' ? 'Copied' : 'Copy link'}
        </span>
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
