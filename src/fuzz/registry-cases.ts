// Random fault schedules for every algorithm whose definition carries a FuzzSpec (the
// algorithms added since the registry): a safety phase of crashes, recoveries, the
// algorithm's own verbs, partitions, loss, slow links and drift changes; then the network
// heals, every node recovers, the definition's closing actions run, and the run must settle.
// The definition's checker judges the trace (liveness only from the heal on).

import fc from 'fast-check';
import { algorithmFor, type AlgorithmId, type AlgorithmSpec, type TraceEvent, type UserAction, type Violation } from '../core/index.ts';
import { runBounded } from './run-bounded.ts';
import {
  linkHeals,
  linkPatchArbitrary,
  longestScaledTimeout,
  severalAtOnceArbitrary,
  slowestLink,
  slowestRate,
  userFaultArbitraries,
} from './arbitraries.ts';
import { customScenario } from '../scenarios/custom.ts';

export interface RegistryCase {
  algorithm: AlgorithmId;
  nodes: number;
  seed: number;
  flip: boolean;
  faults: UserAction[];
  healAt: number;
}

const SAFETY_MS = 6000;

/** The algorithms the registry can fuzz: those whose definition says how. */
export const fuzzableAlgorithms = (ids: readonly AlgorithmId[]): AlgorithmId[] => ids.filter((id) => algorithmFor(id).fuzz !== undefined);

/** One thing a user does, or a few at once: the same domain as the older algorithms' fuzzer (cases.ts). */
function faultArbitrary(algorithm: AlgorithmId, n: number): fc.Arbitrary<UserAction[]> {
  const spec = algorithmFor(algorithm).fuzz;
  // The ends of the id range (a central coordinator is the lowest or the highest) more often than chance would.
  const node = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: n }) }, { weight: 1, arbitrary: fc.constantFrom(1, n) });
  const at = fc.integer({ min: 0, max: SAFETY_MS - 1 });
  const one = (a: fc.Arbitrary<UserAction>): fc.Arbitrary<UserAction[]> => a.map((x) => [x]);
  const faults = userFaultArbitraries(n, at, node, linkPatchArbitrary, 2);
  // The algorithm's own verbs, weighted up: they are what it is about. And several processes
  // at the same moment, with a crash while what they started runs.
  for (const verb of spec?.verbs ?? []) {
    const verbAction = one(fc.record({ at, type: fc.constant(verb), node }));
    faults.push(verbAction, verbAction, verbAction);
    faults.push(severalAtOnceArbitrary(n, at, node, verb));
  }
  return fc.oneof(...faults);
}

export function registryCaseArbitrary(algorithm: AlgorithmId): fc.Arbitrary<RegistryCase> {
  const spec = algorithmFor(algorithm).fuzz;
  if (!spec) throw new Error(`${algorithm} has no fuzz spec`);
  return fc.integer({ min: spec.minNodes, max: spec.maxNodes }).chain((nodes) =>
    fc.record({
      algorithm: fc.constant(algorithm),
      nodes: fc.constant(nodes),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      flip: fc.boolean(),
      faults: fc.array(faultArbitrary(algorithm, nodes), { maxLength: 10 }).map((fs) =>
        fs
          .flat()
          .filter((a) => a.at < SAFETY_MS)
          .sort((a, b) => a.at - b.at),
      ),
      healAt: fc.constant(SAFETY_MS),
    }),
  );
}

export function runRegistryCase(c: RegistryCase): { violations: Violation[]; events: TraceEvent[] } {
  const definition = algorithmFor(c.algorithm);
  const spec = definition.fuzz;
  if (!spec) throw new Error(`${c.algorithm} has no fuzz spec`);
  const base = customScenario({ algorithm: c.algorithm, nodes: c.nodes });
  const scenario = { ...base, algorithm: { id: c.algorithm, settings: spec.settings(c.nodes, c.flip) } as AlgorithmSpec };
  const heal: UserAction[] = [
    { at: c.healAt, type: 'heal' },
    { at: c.healAt, type: 'network', patch: { loss: 0 } },
  ];
  // The links first, then the processes: a process recovering on a link still slow would arm
  // its waits for that link, longer than the healed network needs (a token ring's rejoin quiet).
  heal.push(...linkHeals(c.faults, c.healAt));
  for (let id = 1; id <= c.nodes; id++) heal.push({ at: c.healAt, type: 'recover', node: id });
  // Timers run on local clocks (a slow clock stretches every wait), and timeouts armed while a
  // link was slow are as long as it made them (timeouts.ts): the closing actions start once
  // both have passed and messages already in flight have landed.
  const stretch =
    1 /
    slowestRate(
      c.faults,
      scenario.nodes.map((n) => n.clock),
    );
  const slowest = slowestLink(c.faults);
  const calmFrom = c.healAt + 1000 + slowest + longestScaledTimeout(scenario, slowest) * stretch;
  const closing = spec.afterHeal(c.nodes).map((a): UserAction => ({ at: calmFrom + a.at, type: a.verb, node: a.node }));
  const actions = [...c.faults, ...heal, ...closing];
  const until = calmFrom + spec.settleMs * stretch;
  const { events, violations } = runBounded(scenario, c.seed, actions, until);
  violations.push(...(definition.check?.(events, scenario, { calmFrom }) ?? []));
  return { violations, events };
}
