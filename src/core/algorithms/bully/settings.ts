// Bully's settings: the schema every outside value goes through, and the defaults (timeouts
// chosen against the default link: at most 30 ms one way, 60 ms a round trip).

import * as v from 'valibot';
import { durationMs, heartbeatFields, nodeId } from '../schema.ts';
import type { NodeId } from '../../time.ts';
import type { BullySettings } from './machine.ts';

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
