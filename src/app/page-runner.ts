// The first page's current live runner, where the test-only hook (debug-hook.ts) can find it.

import type { LiveRunnerHandle } from '../hosts/live-runner.ts';

let current: LiveRunnerHandle | null = null;

export const pageRunner = {
  get: (): LiveRunnerHandle | null => current,
  set(runner: LiveRunnerHandle | null): void {
    current = runner;
  },
};
