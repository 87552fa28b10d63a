// The algorithm registry: which machine runs for each algorithm id.

import type { AlgorithmId, AnyMachine } from '../machine.ts';
import { berkeleyMachine } from './berkeley/machine.ts';
import { bullyMachine } from './bully/machine.ts';
import { cristianMachine } from './cristian/machine.ts';
import { ringMachine } from './ring/machine.ts';

const machines: Record<AlgorithmId, AnyMachine> = {
  cristian: cristianMachine,
  berkeley: berkeleyMachine,
  bully: bullyMachine,
  ring: ringMachine,
};

export function algorithmFor(id: AlgorithmId): AnyMachine {
  return machines[id];
}
