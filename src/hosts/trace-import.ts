// Importing a trace file without freezing the page: a Web Worker reads the file as a stream,
// checks every event as it completes (core TraceReader) and hands the checked events back in
// batches, with progress; the page's live run keeps moving meanwhile, and cancel ends the
// worker at once. A file over MAX_TRACE_BYTES is refused before it is read.

import {
  type ImportResult,
  MAX_TRACE_BYTES,
  megabytes,
  type TraceEvent,
  TraceFileError,
  TraceReader,
  type TraceSummary,
  TRACE_VERSION,
} from '../core/index.ts';

export interface ImportProgress {
  /** Bytes read so far, of `total`. */
  bytes: number;
  total: number;
  /** Events checked so far. */
  events: number;
}

export type ImportReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'events'; events: TraceEvent[] }
  | { type: 'done'; scenario: string; seed: number; summary: TraceSummary }
  | { type: 'error'; error: string };

/** Checked events are posted in batches of this many: the page deserialises each in one task, so a batch must stay well under a 50 ms long task (20,000 took ~0.4 s). */
const BATCH = 2_000;
/** Progress is posted at most this often (in bytes read). */
const PROGRESS_EVERY = 512 * 1024;

/**
 * Reads a trace file's bytes and posts what a worker posts. Runs in the import worker; tests
 * run it in Node on a stream of their own.
 */
export async function readTraceStream(
  stream: ReadableStream<Uint8Array>,
  total: number,
  post: (reply: ImportReply) => void,
): Promise<void> {
  const reader = new TraceReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let reported = 0;
  const flush = (): void => {
    const pending = reader.take();
    for (let i = 0; i < pending.length; i += BATCH) post({ type: 'events', events: pending.slice(i, i + BATCH) });
  };
  try {
    const chunks = stream.getReader();
    for (;;) {
      const { value, done } = await chunks.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > MAX_TRACE_BYTES) throw new TraceFileError(`the file is larger than ${megabytes(MAX_TRACE_BYTES)}`);
      reader.push(decoder.decode(value, { stream: true }));
      if (bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        flush();
        post({ type: 'progress', progress: { bytes, total, events: reader.count } });
      }
    }
    reader.push(decoder.decode());
    const file = reader.finish();
    flush();
    post({ type: 'progress', progress: { bytes, total, events: reader.count } });
    post({ type: 'done', scenario: file.scenario, seed: file.seed, summary: reader.summary });
  } catch (error) {
    if (error instanceof TraceFileError) post({ type: 'error', error: error.message });
    else if (error instanceof TypeError) post({ type: 'error', error: 'the file is not UTF-8 text' });
    else post({ type: 'error', error: `the file could not be read (${error instanceof Error ? error.message : String(error)})` });
  }
}

export interface TraceImport {
  /** Settles once the file is read and checked (or refused); never rejects. */
  readonly done: Promise<ImportResult>;
  /** Stops reading at once; `done` then resolves with a "cancelled" error. */
  cancel(): void;
}

export const IMPORT_CANCELLED = 'the import was cancelled';

const spawnImportWorker = (): Worker => new Worker(new URL('./trace-import.worker.ts', import.meta.url), { type: 'module' });

/** Reads `file` in a worker; `onProgress` hears how far it got. */
export function startTraceImport(file: Blob, onProgress: (progress: ImportProgress) => void, spawn = spawnImportWorker): TraceImport {
  if (file.size > MAX_TRACE_BYTES) {
    return {
      done: Promise.resolve({ ok: false, error: `the file is larger than ${megabytes(MAX_TRACE_BYTES)}` }),
      cancel: () => undefined,
    };
  }
  const worker = spawn();
  const events: TraceEvent[] = [];
  let settle: (result: ImportResult) => void = () => undefined;
  const done = new Promise<ImportResult>((resolve) => (settle = resolve));
  const end = (result: ImportResult): void => {
    worker.terminate();
    settle(result);
    settle = () => undefined;
  };
  worker.onmessage = (message: MessageEvent<ImportReply>) => {
    const reply = message.data;
    switch (reply.type) {
      case 'progress':
        onProgress(reply.progress);
        return;
      case 'events':
        for (const e of reply.events) events.push(e);
        return;
      case 'done':
        end({
          ok: true,
          file: { format: 'dslab-trace', version: TRACE_VERSION, scenario: reply.scenario, seed: reply.seed, events },
          summary: reply.summary,
        });
        return;
      case 'error':
        end({ ok: false, error: reply.error });
        return;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    end({ ok: false, error: `the reader stopped (${event.message || 'worker error'})` });
  };
  worker.postMessage(file);
  return { done, cancel: () => end({ ok: false, error: IMPORT_CANCELLED }) };
}
