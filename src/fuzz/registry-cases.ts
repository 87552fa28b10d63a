// Random fault schedules for every algorithm whose definition carries a FuzzSpec (the
// algorithms added since the registry): a safety phase of crashes, recoveries, the
// algorithm's own verbs, partitions, loss, slow links and drift changes; then the network
// heals, every node recovers, the definition's closing actions run, and the run must settle.
// The definition's checker judges the trace (liveness only from the heal on).

import fc from 'fast-check';
import {
  algorithmFor,
  type AlgorithmId,
  type AlgorithmSpec,
  LAN,
  type TraceEvent,
  type UserAction,
  type Violation,
} from '../core/index.ts';
import { runBounded } from './run-bounded.ts';
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

function faultArbitrary(algorithm: AlgorithmId, n: number): fc.Arbitrary<UserAction> {
  const spec = algorithmFor(algorithm).fuzz;
  const node = fc.integer({ min: 1, max: n });
  const at = fc.integer({ min: 0, max: SAFETY_MS - 1 });
  const faults: fc.Arbitrary<UserAction>[] = [
    fc.record({ at, type: fc.constant('crash' as const), node }),
    fc.record({ at, type: fc.constant('recover' as const), node }),
    fc.record({ at, type: fc.constant('drift' as const), node, ppm: fc.integer({ min: -20_000, max: 20_000 }) }),
    fc.record({ at, type: fc.constant('network' as const), patch: fc.record({ loss: fc.constantFrom(0, 0.1, 0.3) }) }),
    fc.record({
      at,
      type: fc.constant('partition' as const),
      groups: fc
        .subarray(
          Array.from({ length: n }, (_, i) => i + 1),
          { minLength: 1, maxLength: Math.max(1, n - 1) },
        )
        .map((g) => [g]),
    }),
    fc.record({ at, type: fc.constant('heal' as const) }),
    fc.record({
      at,
      type: fc.constant('link' as const),
      from: node,
      to: node,
      patch: fc.record({ latencyMs: fc.integer({ min: LAN.latencyMs, max: 200 }) }),
    }),
  ];
  // The algorithm's own verbs, weighted up: they are what it is about.
  for (const verb of spec?.verbs ?? []) {
    const verbAction = fc.record({ at, type: fc.constant(verb), node });
    faults.push(verbAction, verbAction, verbAction);
  }
  return fc.oneof(...faults).filter((a) => a.type !== 'link' || a.from !== a.to);
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
      faults: fc.array(faultArbitrary(algorithm, nodes), { maxLength: 10 }).map((fs) => [...fs].sort((a, b) => a.at - b.at)),
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
  for (let id = 1; id <= c.nodes; id++) heal.push({ at: c.healAt, type: 'recover', node: id });
  for (const f of c.faults)
    if (f.type === 'link') heal.push({ at: c.healAt, type: 'link', from: f.from, to: f.to, patch: { latencyMs: LAN.latencyMs } });
  // The heal lets messages already in flight land; the closing actions start a little later.
  const calmFrom = c.healAt + 1000;
  const closing = spec.afterHeal(c.nodes).map((a): UserAction => ({ at: calmFrom + a.at, type: a.verb, node: a.node }));
  const actions = [...c.faults, ...heal, ...closing];
  const until = c.healAt + spec.settleMs;
  const { events, violations } = runBounded(scenario, c.seed, actions, until);
  violations.push(...(definition.check?.(events, scenario, { calmFrom }) ?? []));
  return { violations, events };
}
