// The `npm run sim` entry point (DESIGN.md §7): wires argv, stdout, stderr and the exit code to args.ts and report.ts.
// Exit codes: 0 the run finished, 2 the arguments were wrong (one line on stderr, nothing on
// stdout), 1 the simulation itself failed (a bug, not the user's doing).

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArraySink, type Scenario, Simulation } from '../core/index.ts';
import { InlineHost, runInline } from '../hosts/inline.ts';
import { presets as allPresets } from '../scenarios/index.ts';
import { helpText, parseArgs, type RunOptions } from './args.ts';
import { buildReport, formatSummary, LogTailSink, logTailOf } from './report.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Trace lines are written in batches so a day-long trace neither builds one huge string nor makes a million writes. */
const TRACE_BATCH = 2000;

function run(options: RunOptions, io: CliIo): void {
  const { scenario, seed, until, actions } = options;
  const full = options.trace ? new ArraySink() : null;
  const tail = full ? null : new LogTailSink();
  const sim = new Simulation(scenario, { seed, actions, trace: full ?? (tail as LogTailSink) });
  const host = new InlineHost(scenario, seed);
  try {
    runInline(sim, host, until);
  } finally {
    host.dispose();
  }
  if (full) {
    for (let i = 0; i < full.events.length; i += TRACE_BATCH) {
      const batch = full.events.slice(i, i + TRACE_BATCH);
      io.out(`${batch.map((e) => JSON.stringify(e)).join('\n')}\n`);
    }
  }
  if (options.json) io.out(`${JSON.stringify(buildReport(sim, until))}\n`);
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
    io.err(`error: the simulation failed: ${message.split('\n')[0]}\n`);
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
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // exitCode, not exit(): exit() can cut off output still queued for a pipe.
  process.exitCode = runCli(process.argv.slice(2), {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  });
}
