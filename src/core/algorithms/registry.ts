// The algorithm registry: the one list of every algorithm the lab knows. Adding an algorithm
// is a folder under src/core/algorithms (and, for its panels, src/views/algorithms) plus one
// line here and one in runtimes.ts (what a node worker loads; the registry's test checks they
// agree). The id and settings types of a scenario are derived from this list.

import type { AlgorithmDefinition, AnyAlgorithm } from './definition.ts';
import { berkeley } from './berkeley/index.ts';
import { bully } from './bully/index.ts';
import { centralMutex } from './central-mutex/index.ts';
import { cristian } from './cristian/index.ts';
import { ricartAgrawala } from './ricart-agrawala/index.ts';
import { ntp } from './ntp/index.ts';
import { ring } from './ring/index.ts';
import { tokenRing } from './token-ring/index.ts';

export const algorithms = [cristian, berkeley, bully, ring, centralMutex, ricartAgrawala, ntp, tokenRing] as const;

type Registered = (typeof algorithms)[number];
export type AlgorithmId = Registered['id'];
/** An algorithm and its settings, as a scenario names them: a union over the registry. */
export type AlgorithmSpec = Registered extends infer D
  ? D extends AlgorithmDefinition<infer Id, infer Settings, infer _Round>
    ? { id: Id; settings: Settings }
    : never
  : never;

const byId = new Map<string, AnyAlgorithm>(algorithms.map((a) => [a.id, a]));

export const algorithmIds: readonly AlgorithmId[] = algorithms.map((a) => a.id);

export const isAlgorithmId = (id: string): id is AlgorithmId => byId.has(id);

/** The definition of a registered algorithm. */
export function algorithmFor(id: AlgorithmId): AnyAlgorithm;
export function algorithmFor(id: string): AnyAlgorithm | undefined;
export function algorithmFor(id: string): AnyAlgorithm | undefined {
  return byId.get(id);
}
