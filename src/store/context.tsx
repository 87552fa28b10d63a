// Hands the lab store to the components below it, and the hook they read it with.

import { createContext, type ReactNode, useContext } from 'react';
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
