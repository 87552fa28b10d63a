// Ring's settings: the schema every outside value goes through, the defaults, and how the
// timeouts grow with the network. The election watchdog must outlast two trips round the
// ring, skipped successors included.

import * as v from 'valibot';
import { durationMs, heartbeatFields, nodeId } from '../schema.ts';
import type { NodeId } from '../../time.ts';
import { ACK_TIMER_PREFIX, type RingSettings, TIMER_ELECTION } from './machine.ts';
import type { TimeoutRules } from '../definition.ts';
import { heartbeatArmedFor, heartbeatTimeoutItem, scaledHeartbeat } from '../heartbeat.ts';
import { atLeast } from '../../timeouts.ts';

export const ringSettingsSchema: v.GenericSchema<unknown, RingSettings> = v.object({
  variant: v.picklist(['list', 'chang-roberts']),
  order: v.exactOptional(v.pipe(v.array(nodeId), v.maxLength(10_000))),
  ackTimeoutMs: durationMs,
  electionTimeoutMs: durationMs,
  ...heartbeatFields,
  initialCoordinator: v.nullable(nodeId),
});

export function ringSettings(size: number, initialCoordinator: NodeId | null, patch: Partial<RingSettings> = {}): RingSettings {
  const ackTimeoutMs = 150;
  return {
    variant: 'list',
    ackTimeoutMs,
    electionTimeoutMs: Math.max(3000, 2 * size * (2 * 30 + ackTimeoutMs)),
    heartbeat: false,
    heartbeatPeriodMs: 500,
    heartbeatTimeoutMs: 1600,
    initialCoordinator,
    ...patch,
  };
}

/**
 * Ring's waits for a network whose one-way delay is at most d: an ACK comes back within a
 * round trip, 3d with slack; the watchdog outlasts two trips round the ring where every hop
 * may take a round trip and an ACK wait (the defaults' own formula, at d).
 */
export const ringTimeouts: TimeoutRules<RingSettings> = {
  scale(settings, timing) {
    const ackTimeoutMs = atLeast(settings.ackTimeoutMs, 3, timing);
    const size = settings.order?.length ?? timing.nodes;
    const electionTimeoutMs = Math.max(settings.electionTimeoutMs, 2 * size * (Math.ceil(2 * timing.oneWayMs) + ackTimeoutMs));
    return scaledHeartbeat({ ...settings, ackTimeoutMs, electionTimeoutMs }, timing);
  },
  list: (settings) => [
    { label: 'ACK wait', ms: settings.ackTimeoutMs },
    { label: 'election watchdog', ms: settings.electionTimeoutMs },
    ...heartbeatTimeoutItem(settings),
  ],
  armedFor: (key, settings) =>
    key === TIMER_ELECTION
      ? settings.electionTimeoutMs
      : key.startsWith(ACK_TIMER_PREFIX)
        ? settings.ackTimeoutMs
        : heartbeatArmedFor(key, settings),
};
