// The trace as files: export as versioned JSON (exportTrace) or as a ShiViz log with the
// parser regular expression to paste next to it, and import a JSON trace to inspect it
// read-only. A bad file gets one clear message (role="alert") and changes nothing.

import { useState } from 'react';
import {
  exportTrace,
  importTrace,
  MAX_TRACE_BYTES,
  type NodeId,
  type Scenario,
  SHIVIZ_REGEX,
  toShiviz,
  traceMismatch,
} from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectRunner, selectScenario, selectSeed } from '../../store/selectors.ts';
import { download } from './download.ts';
import './time-travel.css';

export interface TraceFilesProps {
  nameOf: (id: NodeId) => string;
  /** The scenario a trace file names (a preset or custom id), or null if none. */
  resolveScenario: (id: string) => Scenario | null;
}

export function TraceFiles({ nameOf, resolveScenario }: TraceFilesProps) {
  const store = useLabStoreApi();
  const runner = useLab(selectRunner);
  const scenario = useLab(selectScenario);
  const seed = useLab(selectSeed);
  const [error, setError] = useState<string | null>(null);
  if (!runner || !scenario) return null;
  const base = `${scenario.id}-seed${seed}`;

  const onImport = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const fail = (why: string): void => setError(`Could not import ${file.name}: ${why}. The run is unchanged.`);
    if (file.size > MAX_TRACE_BYTES) return fail(`the file is larger than ${MAX_TRACE_BYTES / 1024 / 1024} MB`);
    const result = importTrace(await file.text());
    if (!result.ok) return fail(result.error);
    const named = resolveScenario(result.file.scenario);
    if (!named) return fail(`it names an unknown scenario "${result.file.scenario}"`);
    const mismatch = traceMismatch(result.summary, named);
    if (mismatch) return fail(mismatch);
    setError(null);
    store.getState().loadReplay(named, result.file.seed, result.file.events);
  };

  return (
    <section className="trace-files" aria-label="Trace files">
      <h2>Trace</h2>
      <button
        type="button"
        data-testid="export-json"
        onClick={() =>
          download(`${base}.dslab.json`, new Blob([exportTrace(scenario.id, seed, runner.trace())], { type: 'application/json' }))
        }
      >
        Export JSON
      </button>
      <button
        type="button"
        data-testid="export-shiviz"
        onClick={() => download(`${base}.shiviz.log`, new Blob([toShiviz(runner.trace(), nameOf)], { type: 'text/plain' }))}
      >
        Export ShiViz log
      </button>
      <label>
        ShiViz regex{' '}
        <input
          readOnly
          data-testid="shiviz-regex"
          value={SHIVIZ_REGEX}
          aria-label="Regular expression to paste into ShiViz"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <label>
        Import trace{' '}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="trace-import"
          aria-label="Import a trace file (JSON)"
          onChange={(e) => void onImport(e.currentTarget)}
        />
      </label>
      {error && (
        <p className="import-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </section>
  );
}
