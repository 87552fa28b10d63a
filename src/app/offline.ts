// Registers the service worker that vite.config.ts generates (it precaches both pages,
// their scripts, the node workers and icons, so a page opened once also opens offline).
// A new deploy's worker waits; `updateReady` tells the page so it can ask the user to reload
// instead of swapping code under a running simulation. Nothing registers on the dev server.

import { registerSW } from 'virtual:pwa-register';

type Listener = () => void;

let applyUpdate: (() => void) | null = null;
const listeners = new Set<Listener>();

export function registerOffline(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  // After the page's load and its first idle moment: installing fetches every file of the app
  // into the cache, which on a first visit would compete with starting the first scenario
  // (issue 13's budget: running within 1 s).
  const later = (): void => {
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 5000 });
    else setTimeout(register, 1000);
  };
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

function register(): void {
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      applyUpdate = () => {
        // registerSW reloads only for an update it found itself; one the browser found on a
        // later visit takes over just the same, so reload whenever the new worker takes control.
        navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
        void update(true);
      };
      for (const listener of listeners) listener();
    },
  });
}

/** Reloads into the waiting version, or null while there is none. */
export function updateReady(): (() => void) | null {
  return applyUpdate;
}

export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
