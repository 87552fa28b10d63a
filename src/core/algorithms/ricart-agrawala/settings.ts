// Ricart–Agrawala's settings: the schema every outside value goes through, and the defaults
// (against the default link: at most 30 ms one way). A waiting process repeats its REQUEST
// only after longer than an ordinary wait behind a few others, so a fault-free entry costs
// exactly 2(n−1) messages.

import * as v from 'valibot';
import { atLeast } from '../../timeouts.ts';
import type { TimeoutRules } from '../definition.ts';
import { durationMs } from '../schema.ts';
import { type RicartAgrawalaSettings, TIMER_RETRY } from './machine.ts';

export const ricartAgrawalaSettingsSchema: v.GenericSchema<unknown, RicartAgrawalaSettings> = v.object({
  holdMs: durationMs,
  retryMs: durationMs,
});

export const ricartAgrawalaDefaults = (): RicartAgrawalaSettings => ({ holdMs: 600, retryMs: 4000 });

/** Only the repeat waits on the network (safety needs no timeout): at least a round trip and a half. */
export const ricartAgrawalaTimeouts: TimeoutRules<RicartAgrawalaSettings> = {
  scale: (settings, timing) => ({ ...settings, retryMs: atLeast(settings.retryMs, 3, timing) }),
  list: (settings) => [{ label: 'REQUEST repeat', ms: settings.retryMs }],
  armedFor: (key, settings) => (key === TIMER_RETRY ? settings.retryMs : undefined),
};
