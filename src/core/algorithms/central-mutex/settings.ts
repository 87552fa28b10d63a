// The central coordinator's settings: the schema every outside value goes through, and the
// defaults (against the default link: at most 30 ms one way). The lease outlasts a stay
// inside plus a slow GRANT's trip with room for drift; a waiting process repeats its REQUEST
// only after longer than a lease, so an ordinary wait in the queue costs no extra messages.

import * as v from 'valibot';
import { MAX_DRIFT_PPM } from '../../limits.ts';
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
 * How many times longer than its own `holdMs` a holder's stay can be on the coordinator's
 * clock: the holder's clock as slow as the page allows (1 − 50%) and the coordinator's as fast
 * (1 + 50%), 1.5 / 0.5 = 3. With 1.1 (10% for a slow clock, as before) a holder at −500,000 ppm
 * was still inside when a coordinator at +500,000 ppm took its lease back and granted again.
 */
export const STAY_STRETCH = (1 + MAX_DRIFT_PPM * 1e-6) / (1 - MAX_DRIFT_PPM * 1e-6);

/**
 * The lease is what keeps mutual exclusion when a holder vanishes, so it must outlast a stay
 * inside (on the slowest clock against the fastest: STAY_STRETCH) plus the GRANT's trip and
 * the RELEASE's; the repeat waits longer than a lease, so a queued process does not repeat
 * while it waits its turn. On the default LAN the configured 2 s lease is still the longer.
 */
export const centralMutexTimeouts: TimeoutRules<CentralMutexSettings> = {
  scale(settings, timing) {
    const leaseMs = Math.max(atLeast(settings.leaseMs, 3, timing), Math.ceil(STAY_STRETCH * settings.holdMs + 3 * timing.oneWayMs));
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
