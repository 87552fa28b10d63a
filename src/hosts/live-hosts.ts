// The hosts a live runner drives: one Web Worker per node or the inline host, and for a fork
// the inline host that simulated the past, whose node states are handed to the host that
// runs on (a crashed node gets no worker until it recovers).

import type { Scenario, Simulation } from '../core/index.ts';
import type { NodeHost } from './host.ts';
import { InlineHost, runInline } from './inline.ts';
import { LockstepDriver } from './lockstep.ts';
import { WorkerHost, type WorkerHostOptions } from './worker.ts';

export type HostKind = 'worker' | 'inline';

export interface LiveHosts {
  host: NodeHost;
  workerHost: WorkerHost | null;
  driver: LockstepDriver;
  /** For a fork: hands the prefix's node states to `host` (run it through the runner's queue). */
  restore: (() => Promise<void>) | null;
}

export function createLiveHosts(
  sim: Simulation,
  scenario: Scenario,
  seed: number,
  kind: HostKind,
  startAt: number | undefined,
  workers?: WorkerHostOptions,
): LiveHosts {
  // A fork: the past is simulated here and now, on the inline host.
  const prefix = startAt === undefined ? null : new InlineHost(scenario, seed);
  if (prefix) runInline(sim, prefix, startAt);
  const workerHost = kind === 'worker' ? new WorkerHost(scenario, seed, workers) : null;
  const inlineHost = workerHost ? null : new InlineHost(scenario, seed);
  const host: NodeHost = workerHost ?? (inlineHost as InlineHost);
  // The inline host answers synchronously: sending ahead would only add work.
  const driver = new LockstepDriver(sim, host, { parallel: workerHost !== null });
  const restore = prefix
    ? async (): Promise<void> => {
        if (workerHost) await workerHost.ready;
        await Promise.all(
          scenario.nodes.map(async ({ id }) => {
            const checkpoint = prefix.checkpoint(id);
            if (!checkpoint) host.crash(id);
            else if (workerHost) await workerHost.restore(id, checkpoint);
            // Cloned as a worker's copy would be, so the inline path tests the same hand-over.
            else inlineHost?.restore(id, structuredClone(checkpoint));
          }),
        );
      }
    : null;
  return { host, workerHost, driver, restore };
}
