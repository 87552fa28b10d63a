// Exports of the whole run, however long: the pieces of the file (trace JSON or ShiViz log)
// come from the run's whole trace in batches (hosts/whole-trace.ts re-simulates what a long
// run no longer keeps) and go into a Blob a few MB at a time, with a pause for the page
// between pieces, so the file is never one string and the run keeps drawing meanwhile.

import { type TraceEvent } from '../../core/index.ts';
import type { LiveRunner } from '../../hosts/live.ts';
import { wholeTrace } from '../../hosts/whole-trace.ts';

/** The run's whole trace in batches, as it was when asked (the run may go on meanwhile). */
export function wholeTraceOf(runner: LiveRunner): Iterable<readonly TraceEvent[]> {
  return wholeTrace({
    scenario: runner.scenario,
    seed: runner.seed,
    actions: runner.actions().slice(),
    kept: runner.trace().slice(),
    start: runner.traceStart?.() ?? 0,
  });
}

/** Characters gathered before they become a Blob part (held by the browser, not the page's heap). */
const PART_CHARS = 4 * 2 ** 20;

/** The pieces as one Blob; `progress` is told the characters written so far. */
export async function blobOf(pieces: Iterable<string>, type: string, progress?: (chars: number) => void): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let size = 0;
  let chars = 0;
  for (const piece of pieces) {
    pending.push(piece);
    size += piece.length;
    chars += piece.length;
    if (size >= PART_CHARS) {
      parts.push(new Blob(pending));
      pending = [];
      size = 0;
      progress?.(chars);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  parts.push(new Blob(pending));
  return new Blob(parts, { type });
}
