// Default settings shared by presets and custom setups. Timeouts are chosen against the
// default link (20 ms + up to 10 ms jitter, so at most 30 ms one way, 60 ms a round trip).

import type { BullySettings } from '../core/algorithms/bully/machine.ts';
import type { RingSettings } from '../core/algorithms/ring/machine.ts';
import { DEFAULT_LINK, type LinkSettings } from '../core/network.ts';
import type { NodeId } from '../core/time.ts';

export const LAN: LinkSettings = { ...DEFAULT_LINK, latencyMs: 20, jitterMs: 10, jitter: 'uniform' };

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

/** The election watchdog must outlast two trips round the ring, skipped successors included. */
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
