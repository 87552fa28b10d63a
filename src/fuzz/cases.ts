// Random fault schedules for property tests and `npm run fuzz`. A case is a seed, a setup
// and a list of faults in a safety phase (crashes, recoveries, notices, partitions, loss,
// slow and cut links, drift changes and clock steps, concurrent initiators); then the faults stop, the network heals and the
// run must converge. `checkCase` runs one case on the inline host and returns every
// violated invariant. Cases are plain JSON, so a failing one prints and replays as is.
// What is particular to an algorithm (its sizes, settings, verbs, settling time, closing
// actions and checks) is its definition's `faultCases` (src/core/algorithms/<id>/fuzz.ts).

import fc from 'fast-check';
import { customScenario } from '../scenarios/custom.ts';
import {
  type AlgorithmId,
  algorithms,
  type AnyAlgorithm,
  type ClockInit,
  type FaultCase,
  type FaultCaseSpec,
  type Scenario,
  type TraceEvent,
  type UserAction,
  type Violation,
} from '../core/index.ts';
import { runBounded } from './run-bounded.ts';
import {
  linkHeals,
  linkPatchArbitrary,
  longestScaledTimeout,
  offsetArbitrary,
  ppmArbitrary,
  severalAtOnceArbitrary,
  slowestLink,
  slowestRate,
  userFaultArbitraries,
} from './arbitraries.ts';

/** A name this fuzzer takes: an algorithm whose definition has `faultCases`, or one of its variants. */
export type FuzzAlgorithm = string;
export type FuzzCase = FaultCase;

/** Each name, with the definition it fuzzes. */
const targets = new Map<string, { definition: AnyAlgorithm; spec: FaultCaseSpec<unknown> }>(
  algorithms.flatMap((definition: AnyAlgorithm) =>
    (definition.faultCases?.names ?? []).map((name): [string, { definition: AnyAlgorithm; spec: FaultCaseSpec<unknown> }] => [
      name,
      { definition, spec: definition.faultCases as FaultCaseSpec<unknown> },
    ]),
  ),
);
export const FUZZ_ALGORITHMS: readonly FuzzAlgorithm[] = [...targets.keys()];

/** How the fuzzer draws and judges cases under a name (its definition's faultCases). */
export const faultCaseSpecOf = (name: FuzzAlgorithm): FaultCaseSpec<unknown> => targetOf(name).spec;

function targetOf(name: string): { definition: AnyAlgorithm; spec: FaultCaseSpec<unknown> } {
  const target = targets.get(name);
  if (!target) throw new Error(`${name} is not fuzzed by cases.ts`);
  return target;
}

const SAFETY_MS = 8000;

/**
 * When faults happen: any instant of the safety phase, and often just where it hurts most —
 * right after a notice (mid-election: presets and fuzz cases notice around 1.5 s) or around
 * the first Berkeley cycle and Cristian round (custom setups start them at 1-5 s).
 */
const atArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: SAFETY_MS - 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1450, max: 1750 }) },
  { weight: 1, arbitrary: fc.integer({ min: 4950, max: 5250 }) },
);

/** One thing a user does, or a few at once (several nodes told together, a crash in the middle of what a notice started). */
function faultArbitrary(algorithm: FuzzAlgorithm, n: number): fc.Arbitrary<UserAction[]> {
  const { spec } = targetOf(algorithm);
  // The master / time server is node 1: crash it more often than chance would.
  const node = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: n }) }, { weight: 1, arbitrary: fc.constant(1) });
  const at = atArbitrary;
  const one = (a: fc.Arbitrary<UserAction>): fc.Arbitrary<UserAction[]> => a.map((x) => [x]);
  // Slower links up to the page's maximum, lossy ones, cut ones: three draws of them.
  const faults = userFaultArbitraries(n, at, node, linkPatchArbitrary, 3);
  for (const verb of spec.verbs) {
    faults.push(one(fc.record({ at, type: fc.constant(verb), node })));
    // Several processes told at the same moment, and a crash while their elections run.
    faults.push(severalAtOnceArbitrary(n, at, node, verb));
  }
  return fc.oneof(...faults);
}

const clockArbitrary = fc.record({ offsetMs: offsetArbitrary, driftPpm: ppmArbitrary });

export function caseArbitrary(algorithm: FuzzAlgorithm): fc.Arbitrary<FuzzCase> {
  const { spec } = targetOf(algorithm);
  const size = fc.integer({ min: spec.minNodes, max: spec.maxNodes });
  const clocksFor = (n: number): fc.Arbitrary<ClockInit[] | undefined> =>
    spec.drawsClocks ? fc.option(fc.array(clockArbitrary, { minLength: n, maxLength: n }), { nil: undefined }) : fc.constant(undefined);
  return size.chain((nodes) =>
    fc
      .record({
        algorithm: fc.constant(algorithm),
        nodes: fc.constant(nodes),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        heartbeat: fc.boolean(),
        slew: fc.boolean(),
        clocks: clocksFor(nodes),
        faults: fc.array(faultArbitrary(algorithm, nodes), { maxLength: 8 }).map((fs) =>
          fs
            .flat()
            .filter((a) => a.at < SAFETY_MS)
            .sort((a, b) => a.at - b.at),
        ),
        healAt: fc.constant(SAFETY_MS),
      })
      .map((c) => {
        if (c.clocks !== undefined) return c;
        const { clocks: _unused, ...rest } = c;
        return rest;
      }),
  );
}

export interface FuzzRun {
  scenario: Scenario;
  actions: UserAction[];
  until: number;
}

export function buildRun(c: FuzzCase): FuzzRun {
  const { definition, spec } = targetOf(c.algorithm);
  const custom = customScenario({ algorithm: definition.id as AlgorithmId, nodes: c.nodes });
  const base: Scenario = c.clocks
    ? { ...custom, nodes: custom.nodes.map((node, i) => ({ ...node, clock: c.clocks?.[i] ?? node.clock })) }
    : custom;
  const settings = spec.settings(c, base.algorithm.settings);
  const scenario = { ...base, algorithm: { id: definition.id, settings } } as Scenario;
  const heal: UserAction[] = [
    { at: c.healAt, type: 'heal' },
    { at: c.healAt, type: 'network', patch: { loss: 0 } },
  ];
  if (spec.recoverAtHeal) for (let id = 1; id <= c.nodes; id++) heal.push({ at: c.healAt, type: 'recover', node: id });
  // Links changed in the safety phase get their speed back, and come back up: a link slower
  // than the timeouts assume breaks the synchrony every one of these algorithms relies on.
  heal.push(...linkHeals(c.faults, c.healAt));
  const slowest = slowestLink(c.faults);
  // Timers run on local clocks: on a clock slowed to rate r every wait lasts 1/r as long in
  // true time, so the settling time stretches by the slowest rate a case gives a clock.
  const stretch =
    1 /
    slowestRate(
      c.faults,
      scenario.nodes.map((n) => n.clock),
    );
  // Messages already on a slowed link still take that long, and timeouts armed (or running)
  // while it was slow are as long as it made them (timeouts.ts): the run settles after both have passed.
  const longestTimeoutMs = longestScaledTimeout(scenario, slowest);
  const landed = c.healAt + slowest + longestTimeoutMs * stretch;
  const settle = spec.settleMs(settings, { nodes: c.nodes, slowest, longestTimeoutMs }) * stretch;
  const actions = [...c.faults, ...heal, ...(spec.closing?.(c, { landed, settleMs: settle }) ?? [])];
  return { scenario, actions, until: landed + settle };
}

export interface CaseResult {
  violations: Violation[];
  events: TraceEvent[];
}

export function runCase(c: FuzzCase): CaseResult {
  const { spec } = targetOf(c.algorithm);
  const { scenario, actions, until } = buildRun(c);
  const { sim, events, violations } = runBounded(scenario, c.seed, actions, until);
  violations.push(...spec.judge({ c, scenario, events, sim }, scenario.algorithm.settings));
  return { violations, events };
}

export function checkCase(c: FuzzCase): Violation[] {
  return runCase(c).violations;
}

/** A failing case as a one-line JSON to paste into `npm run fuzz -- --replay '<json>'`. */
export const describeCase = (c: FuzzCase): string => JSON.stringify(c);
