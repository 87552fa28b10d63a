// The runner the lab page uses: the live runner with one Web Worker per node (ARCHITECTURE.md §1),
// a prepared run (a URL's actions), or a fork that starts in the middle of the run (time travel).

import { createLiveRunner } from '../../hosts/live-runner.ts';
import { PAGE_RETENTION } from '../../hosts/retained-trace.ts';
import type { RunnerFactory } from '../../store/lab-store.ts';
import { relayRunner } from './relay-link.ts';

export const createLabRunner: RunnerFactory = (scenario, seed, fork) =>
  (fork ? null : relayRunner(scenario, seed)) ??
  createLiveRunner({
    scenario,
    seed,
    host: 'worker',
    // A lecture-long run keeps its recent events in full and re-simulates the rest for exports.
    retain: PAGE_RETENTION,
    ...(fork ? { actions: fork.actions } : {}),
    ...(fork?.startAt !== undefined ? { startAt: fork.startAt } : {}),
  });
