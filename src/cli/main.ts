// The `npm run sim` entry point (ARCHITECTURE.md §5): wires argv, stdout, stderr and the exit code to args.ts and report.ts.
// Exit codes: 0 the run finished, 2 the arguments were wrong (one line on stderr, nothing on
// stdout), 1 the simulation itself failed (a bug, not the user's doing) or the output could not
// be written (a full disk, a closed file): one line on stderr either way, never a stack trace.

import { closeSync, openSync, realpathSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  algorithmFor,
  ArraySink,
  MAX_TRACE_BYTES,
  megabytes,
  OutcomeDeriver,
  type Scenario,
  Simulation,
  type TraceEvent,
  traceFileChunks,
  type TraceSink,
} from '../core/index.ts';
import { InlineHost, runInline } from '../hosts/inline.ts';
import { presets as allPresets } from '../scenarios/index.ts';
import { helpText, parseArgs, type RunOptions } from './args.ts';
import { buildReport, formatSummary, LogTailSink, logTailOf } from './report.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A failure to write output: reported in one line with exit code 1. */
class OutputError extends Error {}

/** Writes the page's trace file piece by piece (a day-long trace is larger than one string should be); returns its size. */
function writeTraceFile(path: string, scenario: string, seed: number, events: readonly TraceEvent[]): number {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new OutputError(`cannot write the trace file ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let bytes = 0;
  try {
    for (const chunk of traceFileChunks(scenario, seed, events)) bytes += writeSync(fd, chunk);
  } catch (error) {
    throw new OutputError(`cannot write the trace file ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** Trace lines are written in batches so a day-long trace neither builds one huge string nor makes a million writes. */
const TRACE_BATCH = 2000;

function run(options: RunOptions, io: CliIo): void {
  const { scenario, seed, until, actions } = options;
  // An action after the end would silently do nothing: say so.
  for (const a of actions) {
    if (a.at > until) io.err(`warning: the ${a.type} action at ${a.at} ms is after --until ${until} ms and is not run\n`);
  }
  // The JSON's outcome arrays (critical sections, syncs) are read from the whole trace.
  const outcomes = options.json && algorithmFor(scenario.algorithm.id)?.outcomes !== undefined;
  const full = options.trace || options.traceFile !== null || outcomes ? new ArraySink() : null;
  const tail = full ? null : new LogTailSink();
  // --json reports the run's outcome (elections, cycles, syncs, violations) as the page derives it.
  const derived = options.json ? new OutcomeDeriver(scenario.algorithm, scenario.nodes.length) : null;
  const kept: TraceSink = full ?? (tail as LogTailSink);
  const sink: TraceSink = derived
    ? {
        push(e) {
          kept.push(e);
          derived.push(e);
        },
      }
    : kept;
  const sim = new Simulation(scenario, { seed, actions, trace: sink });
  const host = new InlineHost(scenario, seed);
  try {
    runInline(sim, host, until);
  } finally {
    host.dispose();
  }
  if (full && options.traceFile !== null) {
    const bytes = writeTraceFile(options.traceFile, scenario.id, seed, full.events);
    if (bytes > MAX_TRACE_BYTES)
      io.err(
        `warning: the trace file is ${megabytes(bytes)}, larger than the page imports (${megabytes(MAX_TRACE_BYTES)}); use a shorter --until\n`,
      );
  }
  if (full && options.trace) {
    for (let i = 0; i < full.events.length; i += TRACE_BATCH) {
      const batch = full.events.slice(i, i + TRACE_BATCH);
      io.out(`${batch.map((e) => JSON.stringify(e)).join('\n')}\n`);
    }
  }
  if (options.json) io.out(`${JSON.stringify(buildReport(sim, until, derived?.outcome(), full?.events))}\n`);
  else io.out(`${formatSummary(sim, until, full ? logTailOf(full.events) : (tail as LogTailSink).tail())}\n`);
}

/** Runs the CLI on the arguments after the script name and returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo, presets: readonly Scenario[] = allPresets): number {
  const parsed = parseArgs(argv, presets);
  if (parsed.kind === 'help') {
    io.out(`${helpText(presets)}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`error: ${parsed.message}\n`);
    return 2;
  }
  try {
    run(parsed, io);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: ${error instanceof OutputError ? '' : 'the simulation failed: '}${message.split('\n')[0]}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that goes away early (`| head`) is not an error worth a stack trace.
  // Any other write error (`> /dev/full`: ENOSPC) ends the run with one line and exit code 1.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`error: cannot write the output: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
  // exitCode, not exit(): exit() can cut off output still queued for a pipe.
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  });
}
