// Whether single-key shortcuts are on (WCAG 2.1.4: a speech-input user's words would
// otherwise fire them). Kept in localStorage so the choice survives a reload.

const KEY = 'dslab.shortcuts';

export function shortcutsEnabled(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setShortcutsEnabled(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused (private mode): the choice lasts until the page closes.
  }
  enabledNow = on;
}

let enabledNow: boolean | null = null;

/** The setting as last chosen in this page, else as stored. */
export function shortcutsOn(): boolean {
  enabledNow ??= shortcutsEnabled();
  return enabledNow;
}
