// What a node needs to run each algorithm, and nothing more: its machine and how its timeouts
// scale with the network. NodeRuntime reads this list, not the registry, so a node worker
// loads the machines without the lessons, presets, pseudocode, checkers and schemas of every
// definition (issue 13: compiling the whole registry was most of a worker's start-up). The
// registry's test checks that both lists name the same algorithms with the same machines.

import type { AnyMachine } from '../machine.ts';
import type { NetworkTiming } from '../timeouts.ts';
import { berkeleyMachine } from './berkeley/machine.ts';
import { berkeleyTimeouts } from './berkeley/settings.ts';
import { bullyMachine } from './bully/machine.ts';
import { bullyTimeouts } from './bully/settings.ts';
import { centralMutexMachine } from './central-mutex/machine.ts';
import { centralMutexTimeouts } from './central-mutex/settings.ts';
import { cristianMachine } from './cristian/machine.ts';
import { cristianTimeouts } from './cristian/settings.ts';
import { ntpMachine } from './ntp/machine.ts';
import { ntpTimeouts } from './ntp/settings.ts';
import { ricartAgrawalaMachine } from './ricart-agrawala/machine.ts';
import { ricartAgrawalaTimeouts } from './ricart-agrawala/settings.ts';
import { ringMachine } from './ring/machine.ts';
import { ringTimeouts } from './ring/settings.ts';
import { tokenRingMachine } from './token-ring/machine.ts';
import { tokenRingTimeouts } from './token-ring/settings.ts';

export interface AlgorithmRuntime {
  machine: AnyMachine;
  scale: (settings: never, timing: NetworkTiming) => unknown;
}

const runtime = <S>(machine: AnyMachine, timeouts: { scale: (settings: S, timing: NetworkTiming) => S }): AlgorithmRuntime => ({
  machine,
  scale: timeouts.scale as AlgorithmRuntime['scale'],
});

const runtimes = new Map<string, AlgorithmRuntime>([
  ['cristian', runtime(cristianMachine, cristianTimeouts)],
  ['berkeley', runtime(berkeleyMachine, berkeleyTimeouts)],
  ['bully', runtime(bullyMachine, bullyTimeouts)],
  ['ring', runtime(ringMachine, ringTimeouts)],
  ['central-mutex', runtime(centralMutexMachine, centralMutexTimeouts)],
  ['ricart-agrawala', runtime(ricartAgrawalaMachine, ricartAgrawalaTimeouts)],
  ['ntp', runtime(ntpMachine, ntpTimeouts)],
  ['token-ring', runtime(tokenRingMachine, tokenRingTimeouts)],
]);

/** The machine and timeout scaling of a registered algorithm, or undefined. */
export const runtimeFor = (id: string): AlgorithmRuntime | undefined => runtimes.get(id);

/** Every algorithm id this list knows (the registry's test compares it with the registry). */
export const runtimeIds = (): string[] => [...runtimes.keys()];
