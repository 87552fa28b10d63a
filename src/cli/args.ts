// The CLI's argument parser (DESIGN.md §7): argv in, typed run options, help, or one error sentence out. Pure.
// Tokenising (flags, values, repeats) is plain code; every value is then checked against one
// valibot schema, with range and size caps, before anything reaches a simulation.

import * as v from 'valibot';
import { MAX_DRIFT_PPM, MAX_TRACE_BYTES, type Scenario, type UserAction } from '../core/index.ts';

/** Seeds are unsigned 32-bit integers: that is all the random streams take. */
export const MAX_SEED = 0xffff_ffff;
/** A day of simulated time is far more than any lab question needs and still runs in seconds. */
export const MAX_UNTIL_MS = 24 * 60 * 60 * 1000;
/** Drift beyond ±50% stops being a clock and starts being a bug (core/limits.ts). */
export { MAX_DRIFT_PPM };
/** More user actions than this is a script, not a what-if. */
export const MAX_ACTIONS = 1000;
/** Longest raw value echoed back in an error, so a huge argument cannot flood the terminal. */
const ECHO_LIMIT = 40;

export interface RunOptions {
  kind: 'run';
  scenario: Scenario;
  seed: number;
  /** True time the run stops at, in ms. */
  until: number;
  /** Actions from --action, in the order given, on top of the scenario's own. */
  actions: UserAction[];
  json: boolean;
  trace: boolean;
  /** Where to write the trace as the page's versioned trace file (--trace-file), or null. */
  traceFile: string | null;
}

export type ParsedArgs = RunOptions | { kind: 'help' } | { kind: 'error'; message: string };

/** What the tokeniser collects: every value still a raw string. */
interface RawArgs {
  scenario: string | undefined;
  seed: string | undefined;
  until: string | undefined;
  actions: string[];
  json: boolean;
  trace: boolean;
  'trace-file': string | undefined;
}

function echo(raw: unknown): string {
  const text = String(raw);
  return JSON.stringify(text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text);
}

const valueFlags = ['--scenario', '--seed', '--until', '--action', '--trace-file'] as const;
const switchFlags = ['--json', '--trace'] as const;
type ValueFlag = (typeof valueFlags)[number];
type SwitchFlag = (typeof switchFlags)[number];
const isValueFlag = (flag: string): flag is ValueFlag => (valueFlags as readonly string[]).includes(flag);
const isSwitchFlag = (flag: string): flag is SwitchFlag => (switchFlags as readonly string[]).includes(flag);

/** Splits argv into flags and values. Accepts `--flag value` and `--flag=value`. */
function tokenise(argv: readonly string[]): RawArgs | { error: string } {
  const raw: RawArgs = {
    scenario: undefined,
    seed: undefined,
    until: undefined,
    actions: [],
    json: false,
    trace: false,
    'trace-file': undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (!token.startsWith('--')) return { error: `unexpected argument ${echo(token)} (options start with --; see --help)` };
    const eq = token.indexOf('=');
    const flag = eq === -1 ? token : token.slice(0, eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (isSwitchFlag(flag)) {
      if (inline !== undefined) return { error: `${flag} takes no value` };
      if (flag === '--json') raw.json = true;
      else raw.trace = true;
      continue;
    }
    if (!isValueFlag(flag)) return { error: `unknown option ${echo(flag)} (see --help)` };
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      // A value may start with "-" (a negative seed gets its own message) but not with "--".
      if (next === undefined || next.startsWith('--')) return { error: `${flag} needs a value` };
      value = next;
      i++;
    }
    if (flag === '--action') {
      if (raw.actions.length >= MAX_ACTIONS) return { error: `too many --action options (at most ${MAX_ACTIONS})` };
      raw.actions.push(value);
      continue;
    }
    const key = flag.slice(2) as 'scenario' | 'seed' | 'until' | 'trace-file';
    if (raw[key] !== undefined) return { error: `${flag} given more than once` };
    raw[key] = value;
  }
  return raw;
}

/** A plain decimal number, optionally with an exponent: no hex, no "Infinity", no empty string. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const parseDecimal = (text: string): number | null => (DECIMAL.test(text) ? Number(text) : null);

const SEED_RULE = `a whole number from 0 to ${MAX_SEED}`;
const UNTIL_RULE = `a number of ms from 0 to ${MAX_UNTIL_MS} (24 h)`;

const SeedSchema = v.pipe(
  v.string(`--seed is required (${SEED_RULE})`),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const seed = /^\d{1,10}$/.test(dataset.value) ? Number(dataset.value) : NaN;
    if (!(seed <= MAX_SEED)) {
      addIssue({ message: `--seed ${echo(dataset.value)} is not ${SEED_RULE}` });
      return NEVER;
    }
    return seed;
  }),
);

const UntilSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const until = parseDecimal(dataset.value);
    if (until === null || !Number.isFinite(until) || until < 0 || until > MAX_UNTIL_MS) {
      addIssue({ message: `--until ${echo(dataset.value)} is not ${UNTIL_RULE}` });
      return NEVER;
    }
    return until;
  }),
);

/** An action with its node id checked for shape only; whether the node exists depends on the scenario. */
const ActionSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }): { text: string; action: UserAction } => {
    const text = dataset.value;
    const fail = (why: string): typeof NEVER => {
      addIssue({ message: `--action ${echo(text)}: ${why}` });
      return NEVER;
    };
    const parts = text.split(':');
    if (parts.length !== 3) return fail('expected <ms>:<verb>:<node>, e.g. 3000:crash:9 or 2000:drift=20000:2');
    const [atText, verb, nodeText] = parts as [string, string, string];
    const at = parseDecimal(atText);
    if (at === null || !Number.isFinite(at) || at < 0 || at > MAX_UNTIL_MS) return fail(`the time ${echo(atText)} is not ${UNTIL_RULE}`);
    if (!/^\d{1,6}$/.test(nodeText)) return fail(`the node ${echo(nodeText)} is not a node id`);
    const node = Number(nodeText);
    if (verb === 'crash' || verb === 'recover' || verb === 'notice') return { text, action: { at, type: verb, node } };
    if (verb.startsWith('drift=')) {
      const ppmText = verb.slice('drift='.length);
      const ppm = parseDecimal(ppmText);
      if (ppm === null || !Number.isFinite(ppm) || Math.abs(ppm) > MAX_DRIFT_PPM) {
        return fail(`the drift ${echo(ppmText)} is not a number of ppm from -${MAX_DRIFT_PPM} to ${MAX_DRIFT_PPM}`);
      }
      return { text, action: { at, type: 'drift', node, ppm } };
    }
    return fail(`unknown verb ${echo(verb)} (use crash, recover, notice or drift=<ppm>)`);
  }),
);

/** The one schema every CLI value goes through. Presets are a parameter so tests can pass their own. */
function optionsSchema(presets: readonly Scenario[]) {
  const known = presets.map((p) => p.id);
  return v.pipe(
    v.object({
      scenario: v.pipe(
        v.string(`--scenario is required (known: ${known.join(', ')})`),
        v.picklist(known, (issue) => `unknown scenario ${echo(issue.input)} (known: ${known.join(', ')})`),
      ),
      seed: SeedSchema,
      until: v.optional(UntilSchema),
      actions: v.array(ActionSchema),
      json: v.boolean(),
      trace: v.boolean(),
      'trace-file': v.optional(
        v.pipe(v.string(), v.minLength(1, '--trace-file needs a file name'), v.maxLength(4096, '--trace-file: the path is too long')),
      ),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): RunOptions => {
      const { scenario: id, seed, until, actions, json, trace, 'trace-file': traceFile } = dataset.value;
      const scenario = presets.find((p) => p.id === id) as Scenario;
      const ids = new Set(scenario.nodes.map((n) => n.id));
      for (const { text, action } of actions) {
        if (!('node' in action) || ids.has(action.node)) continue;
        addIssue({ message: `--action ${echo(text)}: ${scenario.id} has no node ${action.node} (nodes: ${[...ids].join(', ')})` });
        return NEVER;
      }
      return {
        kind: 'run',
        scenario,
        seed,
        until: until ?? scenario.durationMs,
        actions: actions.map((a) => a.action),
        json,
        trace,
        traceFile: traceFile ?? null,
      };
    }),
  );
}

/** Parses the arguments after the script name. `--help` (or `-h`) anywhere wins over everything else. */
export function parseArgs(argv: readonly string[], presets: readonly Scenario[]): ParsedArgs {
  if (argv.some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  const raw = tokenise(argv);
  if ('error' in raw) return { kind: 'error', message: raw.error };
  const result = v.safeParse(optionsSchema(presets), raw, { abortEarly: true });
  if (!result.success) return { kind: 'error', message: result.issues[0].message };
  return result.output;
}

/** The text --help prints. */
export function helpText(presets: readonly Scenario[]): string {
  const width = Math.max(...presets.map((p) => p.id.length));
  return [
    'Runs a dslab scenario headless and prints what happened.',
    '',
    'Usage:',
    '  npm run -s sim -- --scenario <id> --seed <n> [--until <ms>] [--action <ms>:<verb>:<node>]... [--json] [--trace] [--trace-file <path>]',
    '',
    'Options:',
    '  --scenario <id>   the preset to run (see below)',
    `  --seed <n>        the random seed, ${SEED_RULE}; same seed, same run`,
    `  --until <ms>      true time to stop at, in ms (default: the scenario's duration; at most ${MAX_UNTIL_MS})`,
    '  --action <a>      a user action at a true time, <ms>:<verb>:<node>; repeat for more. Verbs:',
    '                      crash, recover, notice (tell the node its coordinator has failed),',
    `                      drift=<ppm> (set the node's clock drift, within ±${MAX_DRIFT_PPM} ppm)`,
    '                    e.g. --action 3000:crash:9 --action 3200:notice:2 --action 0:drift=-20000:3',
    '  --json            print one JSON object instead of the readable summary:',
    '                      { scenario, seed, until, nodes: [{ id, name, status, role, coordinator, clockMs, offsetMs }],',
    '                        messages: { sent, delivered, dropped, byKind },',
    '                        elections: [{ noticedBy, winner, byKind, total, predicted, ... }],',
    '                        cycles: [{ readings, ignored, adjustments, spreadBeforeMs, spreadAfterMs, ... }],',
    '                        syncs: [{ t0, ts, t1, rttMs, boundMs, errorMs, trueErrorMs, within, ... }],',
    '                        violations: [{ t, invariant, detail, node }] }',
    '                    (byKind counts messages sent; clocks and times are rounded to 0.001 ms)',
    '  --trace           print the whole trace, one JSON event per line; with --json the trace comes',
    '                    first and the JSON object is the last line',
    '  --trace-file <p>  write the trace to file p as the versioned JSON trace file the page imports',
    `                    (Import trace); the page reads files up to ${MAX_TRACE_BYTES / 1024 / 1024} MB`,
    '  --help, -h        print this help',
    '',
    'Scenarios:',
    ...presets.map((p) => `  ${p.id.padEnd(width)}  ${p.title}`),
    '',
    'Actions after --until are not run; each is named on stderr.',
    'Exit codes: 0 ran, 2 bad arguments (one line on stderr, nothing on stdout), 1 the simulation failed',
    'or the output could not be written (one line on stderr).',
    'Use `npm run -s sim` (or `npx tsx src/cli/main.ts`) so npm adds nothing to the output.',
  ].join('\n');
}
