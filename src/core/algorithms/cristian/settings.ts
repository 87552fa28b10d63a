// Cristian's settings: the schema every outside value goes through, and the defaults of a custom setup.

import * as v from 'valibot';
import { LAN } from '../lan.ts';
import { clockMode, count, durationMs, nodeId } from '../schema.ts';
import { type CristianSettings, TIMER_PROBE } from './machine.ts';
import type { TimeoutRules } from '../definition.ts';
import { atLeast } from '../../timeouts.ts';

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

/** The reply wait for a network whose one-way delay is at most d: a client waits a round trip for the server's reply, 3d with slack (timeouts.ts). */
export const cristianTimeouts: TimeoutRules<CristianSettings> = {
  scale: (settings, timing) => ({ ...settings, requestTimeoutMs: atLeast(settings.requestTimeoutMs, 3, timing) }),
  list: (settings) => [{ label: 'reply wait', ms: settings.requestTimeoutMs }],
  armedFor: (key, settings) => (key === TIMER_PROBE ? settings.requestTimeoutMs : undefined),
};
