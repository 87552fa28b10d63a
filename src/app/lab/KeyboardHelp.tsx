// The `?` overlay listing the keyboard shortcuts.

import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectHelpOpen } from '../../store/selectors.ts';
import { SHORTCUTS } from './useKeyboard.ts';

export function KeyboardHelp() {
  const open = useLab(selectHelpOpen);
  const store = useLabStoreApi();
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => store.getState().setHelpOpen(false)}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-heading"
        data-testid="keyboard-help"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-heading">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.keys} className="shortcut">
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={() => store.getState().setHelpOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
