// Keyboard shortcuts for the whole page: space play/pause, → step, r reset, ? help, and for
// the selected node c crash, v recover, n notice. Keys typed into a field are left alone;
// Space plays only from the page or the stage (on a focused button it presses the button);
// single-key shortcuts can be switched off in the help dialog.

import { useEffect } from 'react';
import type { LabStore } from '../../store/lab-store.ts';
import { shortcutsOn } from './shortcut-setting.ts';

export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Space', what: 'play or pause' },
  { keys: '→', what: 'step one event' },
  { keys: 'r', what: 'reset the run' },
  { keys: 'c', what: 'crash the selected node' },
  { keys: 'v', what: 'recover the selected node' },
  { keys: 'n', what: "make the selected node notice the coordinator's failure" },
  { keys: 'PageDown / PageUp', what: 'next or previous lesson step (→ / ← too while a lesson is open)' },
  { keys: 'Esc', what: 'close this help, or deselect the node' },
  { keys: '?', what: 'show or hide this help' },
];

/** Space is the page's play key only where it would do nothing else: the body or the stage. */
function spaceIsOurs(target: EventTarget | null): boolean {
  if (target === document.body || target === document.documentElement || target === null) return true;
  return target instanceof Element && target.closest('.stage') !== null;
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target.isContentEditable;
}

export function useKeyboard(store: LabStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      const s = store.getState();
      if (event.key === 'Escape') {
        if (s.helpOpen) s.setHelpOpen(false);
        else s.select(null);
        return;
      }
      if (!shortcutsOn()) return;
      const node = s.selected;
      const alive = node !== null && s.view?.nodes[node]?.status === 'alive';
      // A lesson takes the step keys (a presenter's clicker sends PageDown/PageUp).
      if (s.lesson !== null && ['PageDown', 'PageUp', 'ArrowRight', 'ArrowLeft'].includes(event.key)) {
        event.preventDefault();
        if (event.key === 'PageDown' || event.key === 'ArrowRight') s.lessonNext();
        else s.lessonPrev();
        return;
      }
      switch (event.key) {
        case ' ':
          if (!spaceIsOurs(event.target)) return;
          // A focused node glyph would also "click" on space: only the shortcut should act.
          event.preventDefault();
          s.togglePlay();
          return;
        case 'ArrowRight':
          event.preventDefault();
          void s.step();
          return;
        case 'r':
          s.reset();
          return;
        case '?':
          s.setHelpOpen(!s.helpOpen);
          return;
        case 'c':
          if (node !== null && alive) s.act({ type: 'crash', node });
          return;
        case 'v':
          if (node !== null && !alive) s.act({ type: 'recover', node });
          return;
        case 'n':
          if (node !== null && alive) s.act({ type: 'notice', node });
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
