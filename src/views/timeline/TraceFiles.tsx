// The trace as files: export the whole run (written piece by piece, re-simulated where a long
// run no longer keeps it: whole-export.ts) as versioned JSON or as a ShiViz log with the
// parser regular expression to paste next to it, and import a JSON trace to inspect it
// read-only. The file is read and checked in a worker, with progress and a cancel button,
// while the live run goes on; a bad file gets one clear message (role="alert") and changes nothing.

import { useState } from 'react';
import { MAX_TRACE_BYTES, type NodeId, type Scenario, SHIVIZ_REGEX, shivizParts, traceFileParts } from '../../core/index.ts';
import { IMPORT_CANCELLED, type ImportProgress, startTraceImport, type TraceImport } from '../../hosts/trace-import.ts';
import { acceptImport } from '../../store/trace-import.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectRunner, selectScenario, selectSeed } from '../../store/selectors.ts';
import { download } from './download.ts';
import { blobOf, wholeTraceOf } from './whole-export.ts';
import { formatCount } from '../stage/format.ts';
import './time-travel.css';

interface Reading {
  name: string;
  job: TraceImport;
  progress: ImportProgress;
}

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
  const [reading, setReading] = useState<Reading | null>(null);
  /** The file being written, and how many MB so far (a long run's export takes a while). */
  const [writing, setWriting] = useState<{ name: string; mb: number } | null>(null);
  if (!runner || !scenario) return null;
  const base = `${scenario.id}-seed${seed}`;

  const onImport = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (!file || reading) return;
    setError(null);
    // Read and checked in a worker: the live run goes on until the file has passed every check.
    const job = startTraceImport(file, (progress) => setReading((r) => (r && r.job === job ? { ...r, progress } : r)));
    setReading({ name: file.name, job, progress: { bytes: 0, total: file.size, events: 0 } });
    const result = await job.done;
    setReading(null);
    if (!result.ok && result.error === IMPORT_CANCELLED) {
      setError(`Import of ${file.name} cancelled. The run is unchanged.`);
      return;
    }
    const why = acceptImport(store, result, resolveScenario);
    if (why) setError(`Could not import ${file.name}: ${why}. The run is unchanged.`);
  };

  // The whole run, even one that keeps only its recent events: written piece by piece.
  const exportFile = async (name: string, pieces: () => Iterable<string>, type: string): Promise<void> => {
    if (writing) return;
    setWriting({ name, mb: 0 });
    try {
      download(name, await blobOf(pieces(), type, (chars) => setWriting({ name, mb: chars / 2 ** 20 })));
      setError(null);
    } catch (e) {
      setError(`Could not export ${name}: ${e instanceof Error ? e.message : String(e)}.`);
    } finally {
      setWriting(null);
    }
  };

  return (
    <section className="trace-files" aria-label="Trace files">
      <h2>Trace</h2>
      <button
        type="button"
        data-testid="export-json"
        disabled={writing !== null}
        onClick={() =>
          void exportFile(`${base}.dslab.json`, () => traceFileParts(scenario.id, seed, wholeTraceOf(runner)), 'application/json')
        }
      >
        Export JSON
      </button>
      <button
        type="button"
        data-testid="export-shiviz"
        disabled={writing !== null}
        onClick={() => void exportFile(`${base}.shiviz.log`, () => shivizParts(wholeTraceOf(runner), nameOf), 'text/plain')}
      >
        Export ShiViz log
      </button>
      {writing && (
        <span className="export-writing" data-testid="export-writing" role="status">
          Writing {writing.name}: {writing.mb.toFixed(0)} MB…
        </span>
      )}
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
          aria-label={`Import a trace file (JSON, at most ${MAX_TRACE_BYTES / 1024 / 1024} MB)`}
          disabled={reading !== null}
          onChange={(e) => void onImport(e.currentTarget)}
        />
      </label>
      {reading && (
        <div className="import-progress" data-testid="import-reading">
          <label>
            Reading {reading.name}: {formatCount(reading.progress.events)} events checked{' '}
            <progress data-testid="import-progress" max={reading.progress.total || 1} value={reading.progress.bytes} />
          </label>
          <button type="button" data-testid="import-cancel" onClick={() => reading.job.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="import-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </section>
  );
}
