// Valibot pieces the algorithms' settings schemas share: ids, durations and counts with caps,
// so settings from outside (a URL, an imported file) are checked before they reach a machine.

import * as v from 'valibot';

export const nodeId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000));
/** A duration in local ms, up to an hour. */
export const durationMs = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3_600_000));
export const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
export const clockMode = v.picklist(['step', 'slew']);
export const heartbeatFields = { heartbeat: v.boolean(), heartbeatPeriodMs: durationMs, heartbeatTimeoutMs: durationMs };
