// Presenter mode: the stage and the lesson drawn for a projector (1280×720, read from the back
// row), everything else folded away. A choice of the lecturer's machine, not of the run: it is
// kept in localStorage (so a reload keeps it) and never in the URL (so a copied link opens
// normally for a student). Shown as data-presenter="on" on <html>, which the sheets key on.
//
// Sizes are set for 1280×720 (24 px text). A larger window scales them up (--presenter-scale
// on <html>, and the stage's viewBox, Stage.tsx), by a little less than the window grows: at
// 1920×1080 text is 33 px, and browser zoom, which shrinks the window in CSS px, still makes
// everything bigger on screen (at 150% zoom of 1920×1080: 36 px), never smaller.

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

/** The projector size the sizes are set for, in CSS px. */
export const PRESENTER_BASE = { width: 1280, height: 720 } as const;
/**
 * How much bigger than at 1280×720 presenter mode draws in a window of w × h CSS px: the
 * window's growth to the power 0.8, never below 1. Under 1 the zoom is pure gain; the power
 * keeps some of it above (on-screen size ∝ zoom^0.2 at a fixed physical window).
 */
export function presenterScale(w: number, h: number): number {
  const grow = Math.min(w / PRESENTER_BASE.width, h / PRESENTER_BASE.height);
  return Number.isFinite(grow) && grow > 1 ? grow ** 0.8 : 1;
}

function windowScale(): number {
  return typeof window === 'undefined' ? 1 : presenterScale(window.innerWidth, window.innerHeight);
}

function applyScale(scale: number): void {
  if (typeof document !== 'undefined') document.documentElement.style.setProperty('--presenter-scale', String(scale));
}

interface PresenterState {
  on: boolean;
  /** presenterScale of the window now. */
  scale: number;
  set(on: boolean): void;
  toggle(): void;
}

export const usePresenter = create<PresenterState>((set, get) => {
  const initial = typeof window === 'undefined' ? false : stored();
  apply(initial);
  const scale = windowScale();
  applyScale(scale);
  if (typeof window !== 'undefined')
    window.addEventListener('resize', () => {
      const next = windowScale();
      if (next === get().scale) return;
      applyScale(next);
      set({ scale: next });
    });
  return {
    on: initial,
    scale,
    set(on) {
      apply(on);
      set({ on });
    },
    toggle() {
      get().set(!get().on);
    },
  };
});
