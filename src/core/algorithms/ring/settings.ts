// Ring's settings: the schema every outside value goes through, and the defaults. The
// election watchdog must outlast two trips round the ring, skipped successors included.

import * as v from 'valibot';
import { durationMs, heartbeatFields, nodeId } from '../schema.ts';
import type { NodeId } from '../../time.ts';
import type { RingSettings } from './machine.ts';

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
