// Cristian's settings: the schema every outside value goes through, and the defaults of a custom setup.

import * as v from 'valibot';
import { LAN } from '../lan.ts';
import { clockMode, count, durationMs, nodeId } from '../schema.ts';
import type { CristianSettings } from './machine.ts';

export const cristianSettingsSchema: v.GenericSchema<unknown, CristianSettings> = v.object({
  serverId: nodeId,
  probes: count(100),
  periodMs: durationMs,
  mode: clockMode,
  minDelayMs: durationMs,
  requestTimeoutMs: durationMs,
  startDelayMs: durationMs,
});

/** Node 1 serves the time; every other node syncs every 5 s with one probe. */
export const cristianDefaults = (): CristianSettings => ({
  serverId: 1,
  probes: 1,
  periodMs: 5000,
  mode: 'step',
  minDelayMs: LAN.latencyMs,
  requestTimeoutMs: 1000,
  startDelayMs: 1000,
});
