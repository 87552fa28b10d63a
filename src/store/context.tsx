// Hands the lab store to the components below it, and the hook they read it with.

import { createContext, type ReactNode, useContext, useLayoutEffect } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './lab-store.ts';

const LabStoreContext = createContext<LabStore | null>(null);

export function LabStoreProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabStoreContext.Provider value={store}>{children}</LabStoreContext.Provider>;
}

export function useLabStoreApi(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab must be used inside <LabStoreProvider>');
  return store;
}

/** Reads one slice of the lab store; the component re-renders only when that slice changes (Object.is). */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStoreApi(), selector);
}

/**
 * Calls `follow(now)` whenever the store's true time moves (every frame while playing) and once
 * now, without re-rendering: for what moves smoothly (a clock's hand) where a React render per
 * frame would cost more than setting one attribute.
 */
export function useFollowNow(follow: (now: number) => void): void {
  const store = useLabStoreApi();
  useLayoutEffect(() => {
    let last = store.getState().now;
    follow(last);
    return store.subscribe((s) => {
      if (s.now === last) return;
      last = s.now;
      follow(last);
    });
  }, [store, follow]);
}
