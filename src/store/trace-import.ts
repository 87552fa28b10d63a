// The last gate before an imported trace replaces the run: the file must have been read and
// checked (core trace-file.ts), name a scenario the page knows, and fit it (its nodes, message
// kinds and roles). Only then is the live run stopped and the trace loaded; otherwise the
// run is left exactly as it was and the caller gets one sentence.

import { type ImportResult, type Scenario, shown, traceMismatch } from '../core/index.ts';
import type { LabStore } from './lab-store.ts';

/** Loads the imported trace read-only and returns null, or returns why not (changing nothing). */
export function acceptImport(store: LabStore, result: ImportResult, resolveScenario: (id: string) => Scenario | null): string | null {
  if (!result.ok) return result.error;
  const named = resolveScenario(result.file.scenario);
  if (!named) return `it names an unknown scenario ${shown(result.file.scenario)}`;
  const mismatch = traceMismatch(result.summary, named);
  if (mismatch) return mismatch;
  store.getState().loadReplay(named, result.file.seed, result.file.events);
  return null;
}
