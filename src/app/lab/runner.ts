// The runner the lab page uses: the live runner with one Web Worker per node (DESIGN.md §1).

import { createLiveRunner } from '../../hosts/live-runner.ts';
import type { RunnerFactory } from '../../store/lab-store.ts';

export const createLabRunner: RunnerFactory = (scenario, seed) => createLiveRunner({ scenario, seed, host: 'worker' });
