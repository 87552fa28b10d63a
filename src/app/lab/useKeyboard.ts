// Keyboard shortcuts for the whole page: space play/pause, → next message, p presenter mode, r reset,
// ? help, PageDown/PageUp lesson steps (a presenter's clicker), and for the selected node c crash,
// v recover, and the verbs its algorithm takes: n notice (elections), e request the critical
// section (mutual exclusion). Keys typed into a field are left alone; Space plays only from the
// page or the stage (on a focused button it presses the button); single-key shortcuts can be
// switched off in the help dialog.

import { useEffect } from 'react';
import { algorithmFor } from '../../core/index.ts';
import type { LabStore } from '../../store/lab-store.ts';
import { LOGICAL_MODES, useLogical } from '../../store/logical-view.ts';
import { usePresenter } from '../../store/presenter.ts';
import { selectIntendedStatus } from '../../store/selectors.ts';
import { shortcutsOn } from './shortcut-setting.ts';

export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Space', what: 'play or pause' },
  { keys: '→', what: 'next message: one send or delivery' },
  { keys: 'r', what: 'reset the run' },
  { keys: 'c', what: 'crash the selected node' },
  { keys: 'v', what: 'recover the selected node' },
  { keys: 'n', what: "make the selected node notice the coordinator's failure (elections)" },
  { keys: 'e', what: 'make the selected process ask for the critical section (mutual exclusion)' },
  {
    keys: 'PageDown / PageUp',
    what: 'next or previous lesson step (→ / ← too while a lesson is open); in presenter mode without a lesson, PageDown is the next message',
  },
  { keys: 'p', what: 'presenter mode: big type for a projector' },
  { keys: 'l', what: 'logical clocks: off, Lamport, vector, off…' },
  { keys: '+ / − / ← / → / 0', what: 'on the focused space-time diagram: zoom, pan, follow the present' },
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

/**
 * c, v, n or e on the selected node, acting on the state the key was pressed in: the view plus
 * what earlier keys have already asked for (a frame may not have shown it yet), so fast
 * c/v pairs end as the last key says.
 */
export function nodeShortcut(store: LabStore, key: 'c' | 'v' | 'n' | 'e'): void {
  const s = store.getState();
  const node = s.selected;
  if (node === null) return;
  const alive = selectIntendedStatus(node)(s) === 'alive';
  if (key === 'c' && alive) s.act({ type: 'crash', node });
  if (key === 'v' && !alive) s.act({ type: 'recover', node });
  const verbs = s.scenario === null ? [] : algorithmFor(s.scenario.algorithm.id).verbs;
  if (key === 'n' && alive && verbs.includes('notice')) s.act({ type: 'notice', node });
  if (key === 'e' && alive && verbs.includes('request')) s.act({ type: 'request', node });
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
      // A lesson takes the step keys; a presenter's clicker sends PageDown/PageUp. Not character
      // keys, so they work with single-key shortcuts off.
      if (s.lesson !== null && ['PageDown', 'PageUp', 'ArrowRight', 'ArrowLeft'].includes(event.key)) {
        event.preventDefault();
        if (event.key === 'PageDown' || event.key === 'ArrowRight') s.lessonNext();
        else s.lessonPrev();
        return;
      }
      if (!shortcutsOn()) return;
      switch (event.key) {
        case 'p':
          usePresenter.getState().toggle();
          return;
        case 'l': {
          const logical = useLogical.getState();
          logical.setMode(LOGICAL_MODES[(LOGICAL_MODES.indexOf(logical.mode) + 1) % LOGICAL_MODES.length] ?? 'off');
          return;
        }
        case ' ':
          if (!spaceIsOurs(event.target)) return;
          // A focused node glyph would also "click" on space: only the shortcut should act.
          event.preventDefault();
          s.togglePlay();
          return;
        case 'PageDown':
          // A clicker with no lesson open steps the messages, in presenter mode (else it scrolls).
          if (!usePresenter.getState().on) return;
          event.preventDefault();
          void s.stepMessage();
          return;
        case 'ArrowRight':
          event.preventDefault();
          void s.stepMessage();
          return;
        case 'r':
          s.reset();
          return;
        case '?':
          s.setHelpOpen(!s.helpOpen);
          return;
        case 'c':
        case 'v':
        case 'n':
        case 'e':
          nodeShortcut(store, event.key);
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
