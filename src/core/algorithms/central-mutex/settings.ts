// The central coordinator's settings: the schema every outside value goes through, and the
// defaults (against the default link: at most 30 ms one way). The lease outlasts a stay
// inside plus a slow GRANT's trip with room for drift; a waiting process repeats its REQUEST
// only after longer than a lease, so an ordinary wait in the queue costs no extra messages.

import * as v from 'valibot';
import { atLeast } from '../../timeouts.ts';
import type { TimeoutRules } from '../definition.ts';
import { durationMs, nodeId } from '../schema.ts';
import { type CentralMutexSettings, TIMER_LEASE, TIMER_QUIET, TIMER_RETRY } from './machine.ts';

export const centralMutexSettingsSchema: v.GenericSchema<unknown, CentralMutexSettings> = v.object({
  coordinatorId: nodeId,
  holdMs: durationMs,
  retryMs: durationMs,
  leaseMs: durationMs,
});

export const centralMutexDefaults = (): CentralMutexSettings => ({ coordinatorId: 1, holdMs: 600, retryMs: 3000, leaseMs: 2000 });

/**
 * The lease is what keeps mutual exclusion when a holder vanishes, so it must outlast a stay
 * inside (with 10% for a slow clock) plus the GRANT's trip and the RELEASE's; the repeat
 * waits longer than a lease, so a queued process does not repeat while it waits its turn.
 */
export const centralMutexTimeouts: TimeoutRules<CentralMutexSettings> = {
  scale(settings, timing) {
    const leaseMs = Math.max(atLeast(settings.leaseMs, 3, timing), Math.ceil(1.1 * settings.holdMs + 3 * timing.oneWayMs));
    const retryMs = Math.max(settings.retryMs, leaseMs + Math.ceil(2 * timing.oneWayMs));
    return { ...settings, leaseMs, retryMs };
  },
  list: (settings) => [
    { label: 'lease on a grant', ms: settings.leaseMs },
    { label: 'REQUEST repeat', ms: settings.retryMs },
  ],
  // The quiet after a recovery lasts a lease: whoever held a grant must have let it go.
  armedFor: (key, settings) =>
    key === TIMER_LEASE || key === TIMER_QUIET ? settings.leaseMs : key === TIMER_RETRY ? settings.retryMs : undefined,
};
