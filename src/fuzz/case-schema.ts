// What `npm run fuzz -- --replay '<case json>'` accepts: a case as a failure printed it, checked
// like the CLI's arguments (one schema, ranges on every field, node ids within the case's
// nodes) before anything runs. A bad one gets one sentence; the caller exits 2.

import * as v from 'valibot';
import {
  MAX_ACTIONS,
  MAX_DRIFT_PPM,
  MAX_OFFSET_MS,
  MAX_RUN_MS,
  MAX_SEED,
  shown,
  userActionSchema,
  type UserAction,
} from '../core/index.ts';
import { algorithmIds, type AlgorithmId } from '../core/index.ts';
import { FUZZ_ALGORITHMS, type FuzzCase } from './cases.ts';
import { fuzzableAlgorithms, type RegistryCase } from './registry-cases.ts';

/** Custom setups go up to 64 nodes; the fuzzer's own cases use 2 to 9. */
export const MAX_FUZZ_NODES = 64;
/** Longest case text read (a case has at most MAX_ACTIONS faults). */
const MAX_CASE_CHARS = 200_000;

const whole = (what: string, lo: number, hi: number) =>
  v.pipe(
    v.number((i) => `${what} ${shown(i.input)} is not a whole number from ${lo} to ${hi}`),
    v.check(
      (n) => Number.isInteger(n) && n >= lo && n <= hi,
      (i) => `${what} ${shown(i.input)} is not a whole number from ${lo} to ${hi}`,
    ),
  );

const inRange = (what: string, limit: number) =>
  v.pipe(
    v.number((i) => `${what} ${shown(i.input)} is not a number from ${-limit} to ${limit}`),
    v.check(
      (n) => Number.isFinite(n) && Math.abs(n) <= limit,
      (i) => `${what} ${shown(i.input)} is not a number from ${-limit} to ${limit}`,
    ),
  );

/** A node's initial clock, as clock-sync cases carry them. */
const clockSchema = v.strictObject({ offsetMs: inRange('offsetMs', MAX_OFFSET_MS), driftPpm: inRange('driftPpm', MAX_DRIFT_PPM) }, (i) =>
  i.expected === 'never' ? 'is not a field of a clock' : i.path?.length ? 'is missing' : 'a clock is an object',
);

/** Why a case's faults do not fit it (a node it lacks, a fault after the heal), or null. */
function faultsIssue(faults: readonly UserAction[], nodes: number, healAt: number): string | null {
  const nodesOf = (a: UserAction): number[] =>
    a.type === 'link' ? [a.from, a.to] : a.type === 'partition' ? a.groups.flat() : 'node' in a ? [a.node] : [];
  for (const [i, a] of faults.entries()) {
    const stray = nodesOf(a).find((id) => id < 1 || id > nodes);
    if (stray !== undefined) return `faults.${i}: the ${a.type} names node ${stray}, but the case has nodes 1 to ${nodes}`;
    if (a.at >= healAt) return `faults.${i}: the ${a.type} at ${a.at} ms is not before healAt (${healAt} ms)`;
  }
  return null;
}

/** Algorithms whose definition carries a fuzz spec (registry-cases.ts). */
const REGISTRY_FUZZED = fuzzableAlgorithms(algorithmIds);
/** Every algorithm `npm run fuzz` takes. */
export const FUZZ_NAMES: readonly string[] = [...FUZZ_ALGORITHMS, ...REGISTRY_FUZZED];

const faultsSchema = v.pipe(
  v.array(userActionSchema, 'faults is not a list of actions'),
  v.maxLength(MAX_ACTIONS, `more than ${MAX_ACTIONS} faults`),
);

const registryCaseSchema = v.pipe(
  v.strictObject(
    {
      algorithm: v.picklist(REGISTRY_FUZZED as AlgorithmId[], (i) => `algorithm ${shown(i.input)} is not one of ${FUZZ_NAMES.join(', ')}`),
      nodes: whole('nodes', 2, MAX_FUZZ_NODES),
      seed: whole('seed', 0, MAX_SEED),
      flip: v.boolean((i) => `flip ${shown(i.input)} is not true or false`),
      faults: faultsSchema,
      healAt: whole('healAt', 0, MAX_RUN_MS),
    },
    (i) => (i.expected === 'never' ? 'is not a field of a fuzz case' : i.path?.length ? 'is missing' : 'a fuzz case is a JSON object'),
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }): RegistryCase => {
    const c = dataset.value;
    const why = faultsIssue(c.faults, c.nodes, c.healAt);
    if (why) {
      addIssue({ message: why });
      return NEVER;
    }
    return c;
  }),
);

const caseSchema = v.pipe(
  v.strictObject(
    {
      algorithm: v.picklist(FUZZ_ALGORITHMS, (i) => `algorithm ${shown(i.input)} is not one of ${FUZZ_NAMES.join(', ')}`),
      nodes: whole('nodes', 2, MAX_FUZZ_NODES),
      seed: whole('seed', 0, MAX_SEED),
      heartbeat: v.boolean((i) => `heartbeat ${shown(i.input)} is not true or false`),
      slew: v.boolean((i) => `slew ${shown(i.input)} is not true or false`),
      clocks: v.exactOptional(
        v.pipe(v.array(clockSchema, 'clocks is not a list of clocks'), v.maxLength(MAX_FUZZ_NODES, `more than ${MAX_FUZZ_NODES} clocks`)),
      ),
      faults: faultsSchema,
      healAt: whole('healAt', 0, MAX_RUN_MS),
    },
    (i) => (i.expected === 'never' ? 'is not a field of a fuzz case' : i.path?.length ? 'is missing' : 'a fuzz case is a JSON object'),
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }): FuzzCase => {
    const c = dataset.value;
    if (c.clocks !== undefined && c.clocks.length !== c.nodes) {
      addIssue({ message: `clocks: ${c.clocks.length} clocks for ${c.nodes} nodes` });
      return NEVER;
    }
    const why = faultsIssue(c.faults, c.nodes, c.healAt);
    if (why) {
      addIssue({ message: why });
      return NEVER;
    }
    return c;
  }),
);

/** The case a --replay argument holds, or why it is not one. */
export function parseFuzzCase(text: string): { case: FuzzCase } | { registryCase: RegistryCase } | { error: string } {
  if (text.length > MAX_CASE_CHARS) return { error: `--replay: the case is longer than ${MAX_CASE_CHARS} characters` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: '--replay needs the case JSON that a failure printed (this is not JSON)' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: '--replay: a fuzz case is a JSON object' };
  if ((REGISTRY_FUZZED as readonly unknown[]).includes((raw as { algorithm?: unknown }).algorithm)) {
    const result = v.safeParse(registryCaseSchema, raw, { abortEarly: true });
    if (result.success) return { registryCase: result.output };
    const issue = result.issues[0];
    const path = v.getDotPath(issue);
    return { error: `--replay: ${path ? `${path}: ` : ''}${issue.message}` };
  }
  const result = v.safeParse(caseSchema, raw, { abortEarly: true });
  if (result.success) return { case: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { error: `--replay: ${path ? `${path}: ` : ''}${issue.message}` };
}
