// The CLI's argument parser (ARCHITECTURE.md §5): argv in, typed run options, help, or one error sentence out. Pure.
// Tokenising (flags, values, repeats) is plain code; every value is then checked against one
// valibot schema, with range and size caps, before anything reaches a simulation.

import * as v from 'valibot';
import { MAX_TRACE_BYTES, runHorizon, type Scenario, type UserAction } from '../core/index.ts';
import { ACTION_SYNTAX, MAX_ACTIONS, MAX_DRIFT_PPM, MAX_LINK_MS, MAX_OFFSET_MS, parseAction } from '../scenarios/action-syntax.ts';
import { withHeartbeats } from '../scenarios/heartbeats.ts';

/** Seeds are unsigned 32-bit integers: that is all the random streams take. */
export const MAX_SEED = 0xffff_ffff;
/** A day of simulated time is far more than any lab question needs and still runs in seconds. */
export const MAX_UNTIL_MS = 24 * 60 * 60 * 1000;
export { MAX_ACTIONS, MAX_DRIFT_PPM } from '../scenarios/action-syntax.ts';
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
  heartbeats: string | undefined;
  actions: string[];
  json: boolean;
  trace: boolean;
  'trace-file': string | undefined;
}

function echo(raw: unknown): string {
  const text = String(raw);
  return JSON.stringify(text.length > ECHO_LIMIT ? `${text.slice(0, ECHO_LIMIT)}…` : text);
}

const valueFlags = ['--scenario', '--seed', '--until', '--heartbeats', '--action', '--trace-file'] as const;
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
    heartbeats: undefined,
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
    const key = flag.slice(2) as 'scenario' | 'seed' | 'until' | 'heartbeats' | 'trace-file';
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

/** An action in the shared text form (scenarios/action-syntax.ts), its shape checked; node ids are checked against the scenario later. */
const ActionSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }): string => {
    const parsed = parseAction(dataset.value);
    if ('error' in parsed) {
      addIssue({ message: `--action ${parsed.error}` });
      return NEVER;
    }
    return dataset.value;
  }),
);

const HeartbeatsSchema = v.picklist(['on', 'off'], (issue) => `--heartbeats ${echo(issue.input)} is not on or off`);

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
      heartbeats: v.optional(HeartbeatsSchema),
      json: v.boolean(),
      trace: v.boolean(),
      'trace-file': v.optional(
        v.pipe(v.string(), v.minLength(1, '--trace-file needs a file name'), v.maxLength(4096, '--trace-file: the path is too long')),
      ),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): RunOptions => {
      const { scenario: id, seed, until, actions: texts, heartbeats, json, trace, 'trace-file': traceFile } = dataset.value;
      const preset = presets.find((p) => p.id === id) as Scenario;
      let scenario = preset;
      if (heartbeats !== undefined) {
        const switched = withHeartbeats(preset, heartbeats === 'on');
        if (!switched) {
          addIssue({ message: `--heartbeats: ${preset.id} has no heartbeat failure detection (only the elections do)` });
          return NEVER;
        }
        scenario = switched;
      }
      const actions: UserAction[] = [];
      for (const text of texts) {
        const parsed = parseAction(text, scenario);
        if ('error' in parsed) {
          addIssue({ message: `--action ${parsed.error}` });
          return NEVER;
        }
        actions.push(parsed.action);
      }
      return {
        kind: 'run',
        scenario,
        seed,
        until: until ?? runHorizon(scenario, actions),
        actions,
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
    '  npm run -s sim -- --scenario <id> --seed <n> [--until <ms>] [--heartbeats on|off] [--action <ms>:<verb>[:<target>]]... [--json] [--trace] [--trace-file <path>]',
    '',
    'Options:',
    '  --scenario <id>   the preset to run (see below)',
    `  --seed <n>        the random seed, ${SEED_RULE}; same seed, same run`,
    `  --until <ms>      true time to stop at, in ms (default: the scenario's duration, and at least one duration`,
    `                    past the last action, as the page plays it; at most ${MAX_UNTIL_MS})`,
    '  --heartbeats on|off  heartbeat failure detection in the elections (off in the lab presets)',
    `  --action <a>      a user action at a true time, ${ACTION_SYNTAX.split(', e.g.')[0]}; repeat for more.`,
    "                    The same text as the page URL's actions= list. Verbs, with a node id as target:",
    '                      crash, recover, notice (tell the node its coordinator has failed; elections),',
    '                      request (the process asks for the critical section; mutual exclusion),',
    `                      drift=<ppm> (set its clock drift, within ±${MAX_DRIFT_PPM} ppm),`,
    `                      offset=<ms> (step its clock to true time + ms, within ±${MAX_OFFSET_MS} ms);`,
    '                    with a link <from>-<to> or all (every link) as target: cut, restore, or settings',
    `                    joined by ";": latency=<ms> jitter=<ms> (0 to ${MAX_LINK_MS}) shape=none|uniform|normal|exponential`,
    '                    loss=<0..1> dup=<0..1> fifo=on|off up=on|off;',
    '                    partition:<ids>/<ids>... (ids joined by "."), and heal (no target)',
    "                    e.g. --action 3000:crash:9 --action 3200:notice:2 --action 0:drift=-20000:3 --action '2500:latency=500;jitter=10:all'",
    '  --json            print one JSON object instead of the readable summary:',
    '                      { scenario, seed, until, nodes: [{ id, name, status, role, coordinator, clockMs, offsetMs }],',
    '                        messages: { sent, delivered, dropped, byKind },',
    '                        elections: [{ noticedBy, winner, byKind, total, predicted, ... }],',
    '                        cycles: [{ readings, ignored, adjustments, spreadBeforeMs, spreadAfterMs, ... }],',
    '                        syncs: [{ t0, ts, t1, rttMs, boundMs, errorMs, trueErrorMs, within, ... }],',
    '                        violations: [{ t, invariant, detail, node }],',
    '                        criticalSections: [{ node, enterMs, exitMs }] (mutual exclusion) }',
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
