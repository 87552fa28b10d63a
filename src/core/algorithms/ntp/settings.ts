// NTP's settings: the schema every outside value goes through, and the defaults of a custom setup.

import * as v from 'valibot';
import { atLeast } from '../../timeouts.ts';
import type { TimeoutRules } from '../definition.ts';
import { clockMode, count, durationMs, nodeId } from '../schema.ts';
import { type NtpSettings, TIMER_SAMPLE } from './machine.ts';

export const ntpSettingsSchema: v.GenericSchema<unknown, NtpSettings> = v.object({
  referenceId: nodeId,
  serverId: nodeId,
  samples: count(16),
  pollMs: durationMs,
  mode: clockMode,
  processingMs: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10_000)),
  requestTimeoutMs: durationMs,
  serverStartMs: durationMs,
  clientStartMs: durationMs,
});

/** Node 1 is the stratum-1 reference, node 2 the stratum-2 server, every other node a client; 4 samples every 4 s. */
export const ntpDefaults = (): NtpSettings => ({
  referenceId: 1,
  serverId: 2,
  samples: 4,
  pollMs: 4000,
  mode: 'step',
  processingMs: 5,
  requestTimeoutMs: 1000,
  serverStartMs: 500,
  clientStartMs: 1500,
});

/** The answer wait for a network whose one-way delay is at most d: a round trip with slack (3d, timeouts.ts) plus the server's processing. */
export const ntpTimeouts: TimeoutRules<NtpSettings> = {
  scale: (settings, timing) => ({
    ...settings,
    requestTimeoutMs: Math.max(settings.requestTimeoutMs, atLeast(0, 3, timing) + settings.processingMs),
  }),
  list: (settings) => [{ label: 'answer wait', ms: settings.requestTimeoutMs }],
  armedFor: (key, settings) => (key === TIMER_SAMPLE ? settings.requestTimeoutMs : undefined),
};
