// Berkeley's settings: the schema every outside value goes through, and the defaults of a custom setup.

import * as v from 'valibot';
import { clockMode, durationMs, nodeId } from '../schema.ts';
import { type BerkeleySettings, TIMER_POLL, TIMER_WATCH, watchMs } from './machine.ts';
import type { TimeoutRules } from '../definition.ts';
import { atLeast } from '../../timeouts.ts';

export const berkeleySettingsSchema: v.GenericSchema<unknown, BerkeleySettings> = v.object({
  masterId: nodeId,
  periodMs: durationMs,
  thresholdMs: durationMs,
  mode: clockMode,
  pollTimeoutMs: durationMs,
  firstCycleMs: v.exactOptional(durationMs),
});

/** Node 1 is the master; 5-second cycles (the lab's), slewing, 400 ms outlier threshold. */
export const berkeleyDefaults = (): BerkeleySettings => ({
  masterId: 1,
  periodMs: 5000,
  thresholdMs: 400,
  mode: 'slew',
  pollTimeoutMs: 1000,
});

/** The poll wait for a network whose one-way delay is at most d: the master waits a round trip for each TIME reply, 3d with slack (timeouts.ts). */
export const berkeleyTimeouts: TimeoutRules<BerkeleySettings> = {
  scale: (settings, timing) => ({ ...settings, pollTimeoutMs: atLeast(settings.pollTimeoutMs, 3, timing) }),
  list: (settings) => [{ label: 'poll wait', ms: settings.pollTimeoutMs }],
  // A slave's master watch is two cycles of a poll and its wait plus a poll wait per
  // better-ranked peer (machine.ts watchMs): the poll waits in it, the rank spacing too,
  // follow the network, so slaves taking over stay a (slowed) poll apart.
  armedFor: (key, settings, owner) =>
    key === TIMER_POLL ? settings.pollTimeoutMs : key === TIMER_WATCH ? watchMs(settings, owner.self, owner.peers) : undefined,
};
