// The runner the lab page uses: the live runner with one Web Worker per node (ARCHITECTURE.md §1),
// a prepared run (a URL's actions), or a fork that starts in the middle of the run (time travel).

import { createLiveRunner } from '../../hosts/live-runner.ts';
import { PAGE_RETENTION, type Retention } from '../../hosts/retained-trace.ts';
import type { RunnerFactory } from '../../store/lab-store.ts';
import { relayRunner } from './relay-link.ts';

/**
 * TEST ONLY: in the e2e build with ?debug=1, `&retain=N` keeps only the last N events (dropped
 * 2,000 at a time), so a test can outgrow the retention in seconds instead of hours. Read once,
 * at load: the address the page rewrites later no longer has it.
 */
const TEST_RETENTION: Retention | null = (() => {
  if (import.meta.env.MODE !== 'e2e' || typeof window === 'undefined') return null;
  const params = new URLSearchParams(window.location.search);
  const keep = Number(params.get('retain'));
  return params.has('debug') && Number.isInteger(keep) && keep > 0 ? { keep, chunk: 2000 } : null;
})();

export const createLabRunner: RunnerFactory = (scenario, seed, fork) =>
  (fork ? null : relayRunner(scenario, seed)) ??
  createLiveRunner({
    scenario,
    seed,
    host: 'worker',
    // A lecture-long run keeps its recent events in full and re-simulates the rest for exports.
    retain: TEST_RETENTION ?? PAGE_RETENTION,
    ...(fork ? { actions: fork.actions } : {}),
    ...(fork?.startAt !== undefined ? { startAt: fork.startAt } : {}),
  });
