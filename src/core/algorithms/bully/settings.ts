// Bully's settings: the schema every outside value goes through, the defaults (timeouts
// chosen against the default link: at most 30 ms one way, 60 ms a round trip), and how the
// timeouts grow when the network is slower than that.

import * as v from 'valibot';
import { durationMs, heartbeatFields, nodeId } from '../schema.ts';
import type { NodeId } from '../../time.ts';
import { type BullySettings, TIMER_COORDINATOR, TIMER_OK } from './machine.ts';
import type { TimeoutRules } from '../definition.ts';
import { heartbeatArmedFor, heartbeatTimeoutItem, scaledHeartbeat } from '../heartbeat.ts';
import { atLeast } from '../../timeouts.ts';

export const bullySettingsSchema: v.GenericSchema<unknown, BullySettings> = v.object({
  okTimeoutMs: durationMs,
  coordinatorTimeoutMs: durationMs,
  ...heartbeatFields,
  initialCoordinator: v.nullable(nodeId),
});

export function bullySettings(initialCoordinator: NodeId | null, patch: Partial<BullySettings> = {}): BullySettings {
  return {
    okTimeoutMs: 150,
    coordinatorTimeoutMs: 600,
    heartbeat: false,
    heartbeatPeriodMs: 500,
    heartbeatTimeoutMs: 1600,
    initialCoordinator,
    ...patch,
  };
}

/**
 * Bully's waits for a network whose one-way delay is at most d: an OK comes back within a
 * round trip (2d), and crossedWindow (machine.ts) needs two delays inside two thirds of the
 * OK wait, so 3d. The highest live process hears the first ELECTION within d, declares one OK
 * wait later and its COORDINATOR takes d more: the COORDINATOR wait is the OK wait plus 3d,
 * and three OK waits when the network is slow enough to matter, since that OK wait runs on the
 * other process's clock, which may run 50% slow while ours runs 50% fast (timeouts.ts).
 */
export const bullyTimeouts: TimeoutRules<BullySettings> = {
  scale(settings, timing) {
    const okTimeoutMs = atLeast(settings.okTimeoutMs, 3, timing);
    const coordinatorTimeoutMs = Math.max(settings.coordinatorTimeoutMs, 3 * okTimeoutMs + Math.ceil(3 * timing.oneWayMs));
    return scaledHeartbeat({ ...settings, okTimeoutMs, coordinatorTimeoutMs }, timing);
  },
  list: (settings) => [
    { label: 'OK wait', ms: settings.okTimeoutMs },
    { label: 'COORDINATOR wait', ms: settings.coordinatorTimeoutMs },
    ...heartbeatTimeoutItem(settings),
  ],
  armedFor: (key, settings) =>
    key === TIMER_OK ? settings.okTimeoutMs : key === TIMER_COORDINATOR ? settings.coordinatorTimeoutMs : heartbeatArmedFor(key, settings),
};
