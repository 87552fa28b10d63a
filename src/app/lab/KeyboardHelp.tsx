// The `?` dialog listing the keyboard shortcuts, with the switch that turns single-key
// shortcuts off, and the words the page uses (T0/Ts/T1, RTT, ppm, slew…: glossary.ts). A native modal <dialog>: the browser traps focus in it, Esc closes it and
// focus returns to where it was.

import { useEffect, useRef, useState } from 'react';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectHelpOpen } from '../../store/selectors.ts';
import { GLOSSARY } from './glossary.ts';
import { setShortcutsEnabled, shortcutsOn } from './shortcut-setting.ts';
import { SHORTCUTS } from './useKeyboard.ts';

export function KeyboardHelp() {
  const open = useLab(selectHelpOpen);
  const store = useLabStoreApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const [enabled, setEnabled] = useState(shortcutsOn);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const close = (): void => store.getState().setHelpOpen(false);
  return (
    <dialog
      ref={dialog}
      className="help"
      aria-labelledby="help-heading"
      data-testid={open ? 'keyboard-help' : undefined}
      onClose={close}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(e) => e.target === e.currentTarget && close()}
    >
      <h2 id="help-heading">Keyboard shortcuts</h2>
      <label className="shortcut-switch">
        <input
          type="checkbox"
          checked={enabled}
          data-testid="shortcuts-enabled"
          onChange={(e) => {
            setShortcutsEnabled(e.target.checked);
            setEnabled(e.target.checked);
          }}
        />
        Single-key shortcuts on
      </label>
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
      <p className="help-note">Space plays or pauses when the page or the stage has focus; on a button it presses the button.</p>
      <h2 id="glossary-heading">Words on the page</h2>
      <dl className="glossary" aria-labelledby="glossary-heading" data-testid="glossary">
        {GLOSSARY.map((g) => (
          <div key={g.term} className="glossary-entry">
            <dt>{g.term}</dt>
            <dd>{g.meaning}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={close} autoFocus>
        Close
      </button>
    </dialog>
  );
}
