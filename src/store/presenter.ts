// Presenter mode: the stage and the lesson drawn for a projector (1280×720, read from the back
// row), everything else folded away. A choice of the lecturer's machine, not of the run: it is
// kept in localStorage (so a reload keeps it) and never in the URL (so a copied link opens
// normally for a student). Shown as data-presenter="on" on <html>, which the sheets key on.

import { create } from 'zustand';

const KEY = 'dslab-presenter';

function stored(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

function apply(on: boolean): void {
  if (typeof document === 'undefined') return;
  if (on) document.documentElement.setAttribute('data-presenter', 'on');
  else document.documentElement.removeAttribute('data-presenter');
  try {
    if (on) window.localStorage.setItem(KEY, 'on');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage may be off (private mode): the mode still applies for this visit.
  }
}

interface PresenterState {
  on: boolean;
  set(on: boolean): void;
  toggle(): void;
}

export const usePresenter = create<PresenterState>((set, get) => {
  const initial = typeof window === 'undefined' ? false : stored();
  apply(initial);
  return {
    on: initial,
    set(on) {
      apply(on);
      set({ on });
    },
    toggle() {
      get().set(!get().on);
    },
  };
});
