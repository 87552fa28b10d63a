// What the mutual exclusion algorithms share: the roles a process has, and how the fuzzer
// exercises them (requests thrown in among the faults; after the heal every process asks
// once, 300 ms apart, and every request must be granted before the run ends).

import type { FuzzSpec, RoleFamily } from '../definition.ts';

export const MUTEX_ROLES: Readonly<Record<string, RoleFamily>> = { 'in-cs': 'candidate', waiting: 'member', released: 'idle' };

export function mutexFuzz<Settings>(settings: (n: number, flip: boolean) => Settings, settleMs = 20_000): FuzzSpec<Settings> {
  return {
    minNodes: 2,
    maxNodes: 6,
    verbs: ['request'],
    settings,
    settleMs,
    afterHeal: (n) => Array.from({ length: n }, (_, i) => ({ at: 300 * i, verb: 'request' as const, node: i + 1 })),
  };
}
