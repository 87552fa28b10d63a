// Creates the lab page's store from its slices. The runner factory is injected so the page
// uses the live (worker) runner and unit tests a fake one.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { createLessonSlice } from './lesson-slice.ts';
import { createPlaybackSlice, createSelectionSlice, createSessionSlice, type LabState, type RunnerFactory } from './slices.ts';

export type LabStore = StoreApi<LabState>;

export function createLabStore(createRunner: RunnerFactory): LabStore {
  return createStore<LabState>()((...a) => ({
    ...createPlaybackSlice(...a),
    ...createSelectionSlice(...a),
    ...createSessionSlice(createRunner)(...a),
    ...createLessonSlice(...a),
  }));
}

export type { LabState, LogFilter, RunnerFactory } from './slices.ts';
export type { Cursor } from './timeline.ts';
